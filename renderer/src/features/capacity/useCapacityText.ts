// How capacity reads on screen: a status in words, when it ends ("i morgon 07:00", "om 3 h"), who set it, and refusals in the team lead's language.
import { useTranslation } from 'react-i18next';
import type { BridgeError } from '../../../../core/api/bridge';
import type { CapacityStateView, LocalizedText } from '../../../../core/api/referral';
import { relativeClockTime } from '../../app/swedishTime';
import { useBridgeErrorText } from '../cases/useBridgeErrorText';
import { formatSpan, minutesSince, minutesUntil } from './validity';

export function useCapacityText() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const shellText = useBridgeErrorText();

  const text = (value: LocalizedText) => (en ? value.en : value.sv);
  const status = (state: CapacityStateView) => t(`capacity.status.${state}`);
  const meaning = (state: CapacityStateView) => t(`capacity.meaning.${state}`);

  /** "03:30", "i morgon 07:00", "tis 07:00": Swedish time as seen from now. */
  const time = (at: string | Date, now: number) => relativeClockTime(at, now, i18n.language);

  /** "om 3 h 20 min". */
  const left = (at: string | Date, now: number) =>
    t('capacity.until.left', { span: formatSpan(minutesUntil(at, now)) });

  /** "12 min sedan", "nyss": how old the catalog is. */
  const age = (iso: string, now: number) => {
    const minutes = minutesSince(iso, now);
    return minutes < 1
      ? t('capacity.catalog.justNow')
      : t('capacity.catalog.ago', { span: formatSpan(minutes) });
  };

  /** "du" for the signed-in person, else the HSA-id (the catalog knows no names). */
  const setBy = (hsaId: string | undefined, ownHsaId: string | undefined) =>
    hsaId === undefined ? t('capacity.setBy.none') : hsaId === ownHsaId ? t('capacity.setBy.you') : hsaId;

  /** A refusal in words, with the server's own wording beside it when it says more than the code. */
  const error = (failure: BridgeError): { text: string; server: string | null } => {
    const localized = en ? failure.details?.en : failure.details?.sv;
    if (typeof localized === 'string') return { text: localized, server: null };
    switch (failure.code) {
      case 'backend_unreachable':
        return { text: t('capacity.errors.backend_unreachable'), server: null };
      case 'forbidden':
      case 'not_found':
        return { text: t(`capacity.errors.${failure.code}`), server: failure.message || null };
      case 'invalid_arguments':
        return { text: t('capacity.errors.invalid_arguments', { message: failure.message }), server: null };
      default:
        return { text: shellText(failure), server: null };
    }
  };

  return { text, status, meaning, time, left, age, setBy, error };
}
