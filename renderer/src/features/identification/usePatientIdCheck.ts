// Parses a patient number as the nurse types it, with her region's reservnummer format.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  parsePatientId,
  type ParsedPatientId,
  type PatientIdResult,
  type ReservnummerFormat,
} from '../../../../core/identity/patientId';
import { demoReservnummerFormat } from '../../../../core/identity/reservnummerFormats';
import { useAppSelector } from '../../app/hooks';
import { selectSignedInStaff } from '../session/sessionSlice';

export function useReservnummerFormat(): ReservnummerFormat | undefined {
  const staff = useAppSelector(selectSignedInStaff);
  return staff ? demoReservnummerFormat(staff.region.id) : undefined;
}

/** null while the field is empty; otherwise the parser's verdict, with its precise error. */
export function usePatientIdCheck(input: string): PatientIdResult | null {
  const format = useReservnummerFormat();
  return useMemo(
    () =>
      input.trim() === '' ? null : parsePatientId(input, { today: new Date(), reservnummerFormat: format }),
    [input, format],
  );
}

/** "Personnummer · född 1984-06-12 · 41 år · Kvinna": what the number says about the patient. */
export function useParsedDescription() {
  const { t } = useTranslation();
  return (value: ParsedPatientId) => {
    const kind = t(`cases.patientKind.${value.kind}`);
    const sex = t(`cases.sex.${value.sex ?? 'unknown'}`);
    if (value.birthDate === null) return t('identification.number.validNoBirth', { kind, sex });
    const age = value.ageYears === null ? t('cases.ageUnknown') : t('cases.age', { count: value.ageYears });
    return t('identification.number.valid', { kind, birthDate: value.birthDate, age, sex });
  };
}

/** The parser's message in the UI language (Swedish first). */
export function useIdErrorText() {
  const { i18n } = useTranslation();
  return (result: Extract<PatientIdResult, { ok: false }>) =>
    i18n.language === 'en' ? result.error.en : result.error.sv;
}
