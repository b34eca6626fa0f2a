// Nurse presence as a state machine: which changes a nurse may make herself, which follow from calls, and what she is told.
import type { NextStatus, PresenceUpdateRequest } from '../../../core/backend-api/calls';
import type { BreakReason, PresenceChangeReason, SettablePresence } from '../../../core/queue/presence';
import { BREAK_REASON_LABELS } from '../../../core/queue/presence';
import type { NursePresence } from '../../../core/queue/presence';
import type { RegionQueueConfig } from './config';
import { refusal } from './distribution/refusals';
import type { DistributionRefusal } from './distribution/refusals';

/**
 * Every transition there is, and what causes it. A nurse sets available, break and offline herself
 * (from available, break or offline); on-call follows from accepting a call, after-call work from
 * ending it, and leaving after-call work from its timer or from ending it early.
 */
export const PRESENCE_TRANSITIONS: Readonly<Record<NursePresence, readonly NursePresence[]>> = {
  offline: ['available', 'break', 'offline'],
  available: ['available', 'break', 'offline', 'on-call'],
  break: ['available', 'break', 'offline'],
  'on-call': ['after-call-work'],
  'after-call-work': ['available', 'break', 'offline'],
};

/** Guards every presence write: a transition outside the table is a bug, never stored. */
export function assertPresenceTransition(from: NursePresence, to: NursePresence): void {
  if (!PRESENCE_TRANSITIONS[from].includes(to)) {
    throw new Error(`Presence cannot go from ${from} to ${to}`);
  }
}

const ON_A_CALL: ReadonlySet<NursePresence> = new Set(['on-call', 'after-call-work']);

export interface CurrentPresence {
  state: NursePresence;
  breakReason: BreakReason | null;
}

export interface PresencePlan {
  /** The new state, when it changes (or the break reason does). */
  state?: { state: SettablePresence; breakReason: BreakReason | null };
  /** Set or clear the next status; undefined leaves it. */
  nextStatus?: NextStatus | null;
}

function forbidden(message: string): DistributionRefusal {
  return refusal('presence-not-allowed', message);
}

/** Checks a nurse's own presence change against her current state; refusals say what to do instead. */
export function planPresenceUpdate(current: CurrentPresence, request: PresenceUpdateRequest): PresencePlan {
  const busy = ON_A_CALL.has(current.state);
  const plan: PresencePlan = {};
  if (request.state !== undefined) {
    if (busy) {
      throw forbidden(
        current.state === 'on-call'
          ? 'You are on a call: end it first, or set nextStatus to change presence when its after-call work ends.'
          : 'You are in after-call work: end it (POST /api/v1/presence/after-call-work/end), or set nextStatus for when it ends.',
      );
    }
    const breakReason = request.state === 'break' ? (request.breakReason ?? null) : null;
    if (request.state !== current.state || breakReason !== current.breakReason) {
      plan.state = { state: request.state, breakReason };
    }
  }
  if (request.nextStatus !== undefined) {
    if (!busy && request.nextStatus !== null) {
      throw forbidden(
        'nextStatus says what to become after a call, and you are not on one: set state instead.',
      );
    }
    plan.nextStatus = request.nextStatus;
  }
  return plan;
}

/** Why a nurse in this state cannot take a call, or null when she can. */
export function cannotTakeCall(state: NursePresence, breakReason: BreakReason | null): string | null {
  switch (state) {
    case 'available':
      return null;
    case 'break':
      return breakReason === 'offer-timeout'
        ? 'You were set unavailable after an offered call rang out: set yourself available before taking a call.'
        : 'You are on break: set yourself available before taking a call.';
    case 'offline':
      return 'You are offline: set yourself available before taking a call.';
    case 'on-call':
      return 'You are already on a call: end it before taking another.';
    case 'after-call-work':
      return 'You are in after-call work: end it before taking another call.';
  }
}

/** What the workstation tells the nurse about a change the ACD made for her; null for her own changes. */
export function presenceMessage(
  reason: PresenceChangeReason,
  state: NursePresence,
  breakReason: BreakReason | null,
  config: RegionQueueConfig,
): { sv: string; en: string } | null {
  switch (reason) {
    case 'offer-timeout':
      return {
        sv: `Samtalet ringde i ${config.offerTimeoutSeconds} sekunder utan svar och har gått tillbaka till kön på sin plats. Du är markerad som otillgänglig – välj Tillgänglig när du är redo.`,
        en: `The call rang for ${config.offerTimeoutSeconds} seconds without an answer and went back to the queue, keeping its place. You are marked unavailable – choose Available when you are ready.`,
      };
    case 'offer-withdrawn':
      return {
        sv: 'Den som ringde lade på innan du hann svara. Du är fortfarande tillgänglig.',
        en: 'The caller hung up before you could answer. You are still available.',
      };
    case 'after-call-work-timer': {
      const then =
        state === 'available'
          ? { sv: 'Du är tillgänglig igen.', en: 'You are available again.' }
          : state === 'break' && breakReason !== null
            ? {
                sv: `Du har nu den rast du valt (${BREAK_REASON_LABELS[breakReason].sv.toLowerCase()}).`,
                en: `You are now on the break you chose (${BREAK_REASON_LABELS[breakReason].en.toLowerCase()}).`,
              }
            : { sv: 'Du är nu utloggad från kön, som du valt.', en: 'You are now offline, as you chose.' };
      return {
        sv: `Efterarbetstiden (${config.afterCallWorkSeconds} s) är slut. ${then.sv}`,
        en: `After-call work time (${config.afterCallWorkSeconds} s) is over. ${then.en}`,
      };
    }
    default:
      return null;
  }
}
