// The referral panel's keys: Alt+H to the patient's place, Alt+K to the catalog search.
import { useEffect, type RefObject } from 'react';

export function useReferralShortcuts(
  locationRef: RefObject<HTMLInputElement | null>,
  searchRef: RefObject<HTMLDivElement | null>,
): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.code === 'KeyH') {
        event.preventDefault();
        locationRef.current?.focus();
        locationRef.current?.select();
      } else if (event.code === 'KeyK') {
        event.preventDefault();
        searchRef.current?.querySelector('input')?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [locationRef, searchRef]);
}
