// "Today" for the cases list: the calendar day in the advice service's time zone, not the host's.
//
// Swedish advice lines work in Swedish time; a workstation or test host set to UTC must still start
// "Mina ärenden idag" at local midnight in Sweden.

export const SERVICE_TIME_ZONE = 'Europe/Stockholm';

/** Milliseconds the zone is ahead of UTC at an instant (e.g. +3,600,000 for CET). */
function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wallClockAsUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return wallClockAsUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant local midnight began, on the calendar day `now` falls on in `timeZone`. */
export function startOfServiceDay(now: Date, timeZone = SERVICE_TIME_ZONE): Date {
  const local = new Date(now.getTime() + zoneOffsetMs(now.getTime(), timeZone));
  const midnightAsUtc = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  // Two passes: the offset at midnight can differ from the offset now (a DST change during the day).
  const first = midnightAsUtc - zoneOffsetMs(midnightAsUtc, timeZone);
  return new Date(midnightAsUtc - zoneOffsetMs(first, timeZone));
}
