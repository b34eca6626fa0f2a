// Offers: waiting calls go to the longest-available nurse in answer order; a declined or rung-out call goes back to its place.
import { CALL_EVENT_TYPES } from '../../../../core/backend-api/calls';
import { offerOf } from '../rows';
import type { CallRow } from '../rows';
import { queueChanged, redFlagAlert } from './announcements';
import { toMs } from './context';
import type { Distribution } from './context';
import { claimFirstCallFor, claimNextNurse } from './queueSql';
import { lockPresence, updateCall, updatePresence } from './rowAccess';
import type { AfterCommit, Trx } from './unitOfWork';

/** Most assignments one pass makes before yielding (the next pass continues). */
const MAX_ASSIGNMENTS_PER_PASS = 500;

/** Runs assignment passes; concurrent requests in this instance are folded into the running pass. */
export class Assigner {
  private assigning: Promise<number> | null = null;
  private assignAgain = false;

  constructor(private readonly acd: Distribution) {}

  /**
   * Offers waiting calls to available nurses until one side runs out: the longest-available nurse
   * who has a call she may take gets the first call in answer order among those. Concurrent passes
   * in this instance are folded into one; passes in other instances skip the rows this one holds.
   * Returns the number of offers made.
   */
  assignWaitingCalls(): Promise<number> {
    if (this.assigning !== null) {
      this.assignAgain = true;
      return this.assigning;
    }
    const run = async (): Promise<number> => {
      let offers = 0;
      do {
        this.assignAgain = false;
        for (let i = 0; i < MAX_ASSIGNMENTS_PER_PASS; i++) {
          if (!(await offerOneCall(this.acd))) break;
          offers++;
        }
      } while (this.assignAgain);
      return offers;
    };
    this.assigning = run().finally(() => {
      this.assigning = null;
    });
    return this.assigning;
  }
}

/** One offer in one transaction; false when no nurse/call pair is free right now. */
async function offerOneCall(acd: Distribution): Promise<boolean> {
  try {
    return await acd.transaction(async (trx, after) => {
      const now = acd.deps.clock();
      const nurse = await claimNextNurse(trx, acd.deps.config, now);
      if (nurse === undefined) return false;
      const call = await claimFirstCallFor(trx, acd.deps.config, nurse.region_id, now);
      // Every call she could take is being handled by another instance: let that one finish.
      if (call === undefined) return false;
      const regionConfig = acd.deps.config.forRegion(nurse.region_id);
      const expiresAt = new Date(now.getTime() + regionConfig.offerTimeoutSeconds * 1000);
      const ringing = {
        state: 'offered',
        assigned_to: nurse.hsa_id,
        offered_at: now,
        offer_expires_at: expiresAt,
      } as const;
      await updateCall(trx, call.id, ringing);
      await trx
        .updateTable('nurse_presence')
        .set({ offered_call_id: call.id })
        .where('hsa_id', '=', nurse.hsa_id)
        .execute();
      after.record(call.region_id, {
        type: 'call-offered',
        at: toMs(now),
        callId: call.id,
        nurseId: nurse.hsa_id,
      });
      const offered: CallRow = { ...call, ...ringing };
      after.events.push({
        regionId: nurse.region_id,
        type: CALL_EVENT_TYPES.callOffered,
        payload: { ...offerOf(offered), hsaId: nurse.hsa_id },
      });
      queueChanged(after, offered, now, 'call-offered');
      return true;
    });
  } catch (error) {
    // The unique index caught a second live call for one nurse: nothing was written; try again later.
    if ((error as { code?: unknown }).code === '23505') {
      acd.deps.logger.warn('an offer was refused by the one-live-call-per-nurse index; retrying later');
      return false;
    }
    throw error;
  }
}

/**
 * The call ringing at a nurse goes back to waiting with the same waiting_since, so it keeps its
 * place; its queue hears of it, a red flag is raised again, and an assignment pass follows.
 */
export async function returnToQueue(trx: Trx, call: CallRow, now: Date, after: AfterCommit): Promise<void> {
  await updateCall(trx, call.id, {
    state: 'waiting',
    assigned_to: null,
    offered_at: null,
    offer_expires_at: null,
  });
  const returned: CallRow = { ...call, state: 'waiting', assigned_to: null };
  queueChanged(after, returned, now, 'call-returned');
  redFlagAlert(after, returned, now);
  after.assign = true;
}

/** An offer that rang out: the call goes back to its place, the nurse is set unavailable and told why. */
export async function ringOut(
  acd: Distribution,
  trx: Trx,
  call: CallRow,
  now: Date,
  after: AfterCommit,
): Promise<void> {
  await returnToQueue(trx, call, now, after);
  if (call.assigned_to === null) return;
  const nurse = await lockPresence(trx, call.assigned_to);
  if (nurse === undefined || nurse.offered_call_id !== call.id) return;
  await updatePresence(
    trx,
    acd.deps.config,
    nurse,
    {
      state: 'break',
      break_reason: 'offer-timeout',
      reason: 'offer-timeout',
      since: now,
      offered_call_id: null,
    },
    now,
    after,
  );
}
