// "/" and Ctrl+K to the triage panel's protocol search, also when pressed before the protocol library has loaded.
import { useEffect, useState, type RefObject } from 'react';
import { isEditableTarget } from '../protocols/keyboard';

/** True for the keys that go to the protocol search: Ctrl+K (Cmd+K), and "/" outside a text field ("/" typed there stays text). */
export function isProtocolSearchKey(event: KeyboardEvent): boolean {
  const ctrlK = (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k';
  const slash = event.key === '/' && !event.ctrlKey && !event.altKey && !isEditableTarget(event.target);
  return ctrlK || slash;
}

const MODIFIER_KEYS = new Set(['Control', 'Shift', 'Alt', 'AltGraph', 'Meta']);

/** A search key pressed while no triage panel was on screen (just after F2, while the case opens). */
let earlyRequestAt: number | null = null;
/** How long such a key waits for the panel: the case of an accepted call opens well within it. */
export const EARLY_SEARCH_KEY_MS = 5_000;
let mountedPanels = 0;

/** Whether a triage panel (and so this shortcut's own listener) is on screen. */
export function protocolSearchOnScreen(): boolean {
  return mountedPanels > 0;
}

/** Keeps a search key pressed before any triage panel exists, for the panel that opens next. */
export function protocolSearchRequestedEarly(at = Date.now()): void {
  earlyRequestAt = at;
}

function takeEarlyRequest(now = Date.now()): boolean {
  const at = earlyRequestAt;
  earlyRequestAt = null;
  return at !== null && now - at <= EARLY_SEARCH_KEY_MS;
}

/**
 * Puts the cursor in the protocol search on "/" or Ctrl+K from anywhere in the case. The search only
 * exists once the library has loaded; a key pressed before that is kept, and the search gets the cursor
 * the moment it appears, unless the nurse has moved on meanwhile (clicked somewhere, or typed in a field).
 * Focus moved by the app itself (the note taking the cursor as a new case opens) does not cancel it.
 * Returns whether such a key is waiting, so the loading panel can say so.
 */
export function useProtocolSearchShortcut(
  searchRef: RefObject<HTMLInputElement | null>,
  libraryReady: boolean,
): boolean {
  // A key pressed before this panel existed counts as pressed here.
  const [waiting, setWaiting] = useState(takeEarlyRequest);

  useEffect(() => {
    mountedPanels += 1;
    return () => {
      mountedPanels -= 1;
    };
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isProtocolSearchKey(event)) return;
      event.preventDefault();
      const search = searchRef.current;
      if (search) {
        search.focus();
        search.select();
      } else setWaiting(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [searchRef]);

  useEffect(() => {
    if (!waiting) return;
    const movedOn = (event: Event) => {
      if (event instanceof KeyboardEvent) {
        if (MODIFIER_KEYS.has(event.key) || isProtocolSearchKey(event)) return;
        if (!isEditableTarget(event.target)) return;
      }
      setWaiting(false);
    };
    window.addEventListener('pointerdown', movedOn, true);
    window.addEventListener('keydown', movedOn, true);
    return () => {
      window.removeEventListener('pointerdown', movedOn, true);
      window.removeEventListener('keydown', movedOn, true);
    };
  }, [waiting]);

  // Runs after the render that mounted the search (refs are attached before effects run). The note of a new
  // case takes the cursor in a task queued by its own effect in this same commit; the key she pressed wins,
  // so the search is focused in a task queued after that one.
  useEffect(() => {
    if (!waiting || !libraryReady) return;
    setWaiting(false);
    const focusSearch = () => {
      searchRef.current?.focus();
      searchRef.current?.select();
    };
    // Not cleared on re-render: setWaiting(false) re-renders at once (an unmounted search is simply null).
    setTimeout(() => setTimeout(focusSearch, 0), 0);
  }, [waiting, libraryReady, searchRef]);

  return waiting && !libraryReady;
}
