// The nurse's presence: what she is now, her own changes (checked by the state machine), signing out, ending after-call work early.
import type { Presence, PresenceUpdateRequest } from '../../../../core/backend-api/calls';
import type { AuthenticatedStaff } from '../../auth/tokens';
import { planPresenceUpdate } from '../presence';
import { offlinePresence, presenceOf } from '../rows';
import { returnToQueue } from './assignment';
import type { Distribution, PresenceOwner } from './context';
import { finishAfterCallWork } from './conversation';
import { readCall } from './queueSql';
import { DistributionRefusal, refusal } from './refusals';
import { lockNurseAndHerCall, updatePresence } from './rowAccess';

export async function presence(acd: Distribution, staff: PresenceOwner): Promise<Presence> {
  const now = acd.deps.clock();
  const row =
    (await acd.deps.db
      .selectFrom('nurse_presence')
      .selectAll()
      .where('hsa_id', '=', staff.hsaId)
      .executeTakeFirst()) ?? offlinePresence(staff.hsaId, staff.regionId, now);
  const offered =
    row.offered_call_id === null ? null : ((await readCall(acd.deps.db, row.offered_call_id)) ?? null);
  return presenceOf(row, offered, acd.deps.config.forRegion(row.region_id));
}

/** PUT presence: her own change, checked by the state machine. Leaving while a call rings returns it to the queue. */
export async function updatePresenceByNurse(
  acd: Distribution,
  staff: PresenceOwner,
  request: PresenceUpdateRequest,
): Promise<Presence> {
  await acd.transaction(async (trx, after) => {
    const now = acd.deps.clock();
    const { call: offered, nurse: current } = await lockNurseAndHerCall(trx, staff, now, 'offered_call_id');
    const plan = planPresenceUpdate({ state: current.state, breakReason: current.break_reason }, request);
    let row = current;
    if (plan.state !== undefined) {
      const leaving = plan.state.state !== 'available';
      if (
        leaving &&
        offered !== undefined &&
        offered.state === 'offered' &&
        offered.assigned_to === staff.hsaId
      ) {
        await returnToQueue(trx, offered, now, after);
      }
      row = await updatePresence(
        trx,
        acd.deps.config,
        row,
        {
          state: plan.state.state,
          break_reason: plan.state.breakReason,
          reason: 'nurse',
          since: now,
          offered_call_id: leaving ? null : row.offered_call_id,
        },
        now,
        after,
      );
      if (plan.state.state === 'available') after.assign = true;
      if (leaving && offered !== undefined) after.assign = true;
    }
    if (plan.nextStatus !== undefined) {
      await updatePresence(trx, acd.deps.config, row, { next_status: plan.nextStatus }, now, after);
    }
  });
  return presence(acd, staff);
}

/**
 * At sign-out (also from a workstation that never said so itself): an available or resting nurse leaves
 * the queues, and a call ringing at her goes back. On a call or in after-call work she stays as she is.
 */
export async function staffSignedOut(acd: Distribution, hsaId: string): Promise<void> {
  const row = await acd.deps.db
    .selectFrom('nurse_presence')
    .select(['state', 'region_id'])
    .where('hsa_id', '=', hsaId)
    .executeTakeFirst();
  if (row === undefined || (row.state !== 'available' && row.state !== 'break')) return;
  try {
    await updatePresenceByNurse(acd, { hsaId, regionId: row.region_id }, { state: 'offline' });
  } catch (error) {
    // She took a call between the read and the update: the state machine keeps her on it.
    if (error instanceof DistributionRefusal && error.code === 'presence-not-allowed') return;
    throw error;
  }
}

/** Ends after-call work before the timer; `nextStatus` (or available) follows. */
export async function endAfterCallWork(acd: Distribution, staff: AuthenticatedStaff): Promise<Presence> {
  await acd.transaction(async (trx, after) => {
    const now = acd.deps.clock();
    const { call, nurse } = await lockNurseAndHerCall(trx, staff, now, 'current_call_id');
    if (nurse.state !== 'after-call-work') {
      throw refusal(
        'presence-not-allowed',
        nurse.state === 'on-call'
          ? 'You are still on the call: end the call first (POST /api/v1/calls/:id/end).'
          : 'You are not in after-call work, so there is none to end.',
      );
    }
    await finishAfterCallWork(acd, trx, nurse, call ?? null, now, 'after-call-work-ended-early', after);
  });
  return presence(acd, staff);
}
