// How referral facts read on screen: distances, opening state in Swedish time, capacity, catalog age.
import { useTranslation } from 'react-i18next';
import type { CapacityStateView, LocalizedText } from '../../../../core/api/referral';
import { clockTime, relativeClockTime, swedishDate, swedishDayOffset } from '../../app/swedishTime';

export function useReferralFormat() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';

  const text = (value: LocalizedText) => (en ? value.en : value.sv);

  /** "2,1 km" (Swedish decimal comma), "14 km". */
  const km = (value: number) => {
    const rounded = value < 10 ? value.toFixed(1) : value.toFixed(0);
    return `${en ? rounded : rounded.replace('.', ',')} km`;
  };

  /** "21:00", "i morgon 08:00", "tis 08:00": Swedish time as seen from now. */
  const time = (iso: string, now = new Date()) => relativeClockTime(iso, now, i18n.language);

  /** "Öppet dygnet runt", "Öppet till 21:00", "Öppnar 08:00". */
  const openState = (
    unit: { openNow: boolean; opensAt: string | null; closesAt: string | null },
    now = new Date(),
  ) => {
    if (unit.openNow) {
      return unit.closesAt
        ? t('referral.open.until', { time: time(unit.closesAt, now) })
        : t('referral.open.always');
    }
    if (unit.opensAt) return t('referral.open.opens', { time: time(unit.opensAt, now) });
    return t('referral.open.closed');
  };

  const capacity = (state: CapacityStateView) => t(`referral.capacity.${state}`);

  /** "hh:mm" in Swedish time, for "Katalog från 18:05"; with the date when it is not today. */
  const catalogTime = (iso: string, now = new Date()) => {
    const clock = clockTime(iso, i18n.language);
    if (swedishDayOffset(iso, now) === 0) return clock;
    const day = swedishDate(iso);
    return `${day.day}/${day.month} ${clock}`;
  };

  return { text, km, time, openState, capacity, catalogTime };
}
