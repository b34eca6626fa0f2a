// The nurse's presence in words ("Paus – Lunch", "Sedan: Utloggad"), in the UI language.
import { useTranslation } from 'react-i18next';
import type { NextStatus, Presence } from '../../../../core/backend-api/calls';
import type { BreakReason } from '../../../../core/queue/presence';

export function usePresenceLabel() {
  const { t } = useTranslation();
  const stateText = (state: Presence['state'], breakReason: BreakReason | null | undefined): string =>
    state === 'break' && breakReason
      ? t('presence.breakWithReason', { reason: t(`presence.breakReason.${breakReason}`) })
      : t(`presence.state.${state}`);
  return {
    of: (presence: Pick<Presence, 'state' | 'breakReason'>) =>
      stateText(presence.state, presence.breakReason),
    ofNext: (next: NextStatus) => stateText(next.state, next.breakReason),
  };
}
