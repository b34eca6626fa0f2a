// Clock helpers of call handling: a ticking "now" on the backend's clock, and minutes:seconds for waits and timers.
import { useEffect, useState } from 'react';
import { useAppSelector } from '../../app/hooks';
import { selectClockSkewMs } from './queueSlice';

/** Re-renders every `intervalMs` and returns the current time in ms, corrected to the backend's clock. */
export function useServerNow(intervalMs = 1000): number {
  const skew = useAppSelector(selectClockSkewMs);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now + skew;
}

/** 75 → "1:15", 3725 → "1:02:05"; negative values count as 0. */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** Seconds from an ISO time to `now` (ms). */
export function secondsSince(iso: string, now: number): number {
  return (now - Date.parse(iso)) / 1000;
}

/** The name of a language code in the UI language ("ar" → "arabiska"), or the code if unknown. */
export function languageName(code: string, uiLanguage: string): string {
  try {
    return new Intl.DisplayNames([uiLanguage === 'en' ? 'en' : 'sv'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
