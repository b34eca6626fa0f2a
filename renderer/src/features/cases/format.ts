// How cases read on screen: patient labels, age from the birth date, times relative to today, brådskegrad labels (their colours are the ladder's, in core).
import { useTranslation } from 'react-i18next';
import { clockTime, dateAndTime, swedishDayOffset } from '../../app/swedishTime';
import type { PatientIdentity } from '../../../../core/identity/patientId';
import { ageInYears } from '../../../../core/identity/patientId';
import { DISPOSITION_LADDER, type DispositionLevel } from '../../../../core/triage/dispositionLadder';

/** Age today from an ISO birth date, or null when the identity gives none. */
export function ageFromBirthDate(birthDate: string | null | undefined, today = new Date()): number | null {
  if (!birthDate) return null;
  const [year, month, day] = birthDate.split('-').map(Number);
  if (!year || !month || !day) return null;
  return ageInYears({ year, month, day }, today);
}

export function localeOf(language: string): string {
  return language === 'en' ? 'en-GB' : 'sv-SE';
}

export function useCaseFormat() {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);

  /** "14:05", Swedish time. */
  const clock = (iso: string) => clockTime(iso, i18n.language);

  /** "i dag 14:05", "i går 09:12", or the date and time further back; the day as the Swedish calendar has it. */
  const when = (iso: string, now = new Date()) => {
    const days = swedishDayOffset(iso, now);
    if (days === 0) return t('cases.time.today', { time: clock(iso) });
    if (days === -1) return t('cases.time.yesterday', { time: clock(iso) });
    return dateAndTime(iso, i18n.language);
  };

  const ago = (iso: string, now = new Date()) => {
    const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(iso)) / 60_000));
    if (minutes < 60) return t('cases.time.agoMinutes', { minutes });
    const hours = Math.floor(minutes / 60);
    if (hours < 24) return t('cases.time.agoHours', { hours, minutes: minutes % 60 });
    return t('cases.time.agoDays', { days: Math.floor(hours / 24), hours: hours % 24 });
  };

  const patientNumber = (patient: PatientIdentity) =>
    patient.kind === 'unidentified'
      ? (patient.unidentifiedDescription ?? t('cases.patientKind.unidentified'))
      : (patient.display ?? patient.normalized ?? '');

  const ageText = (patient: PatientIdentity) => {
    const age = ageFromBirthDate(patient.birthDate);
    return age === null ? t('cases.ageUnknown') : t('cases.age', { count: age });
  };

  const sexText = (patient: PatientIdentity) => t(`cases.sex.${patient.sex ?? 'unknown'}`);

  const levelLabel = (level: DispositionLevel) =>
    `${level} · ${DISPOSITION_LADDER[level].label[i18n.language === 'en' ? 'en' : 'sv']}`;

  return { clock, when, ago, patientNumber, ageText, sexText, levelLabel, locale };
}
