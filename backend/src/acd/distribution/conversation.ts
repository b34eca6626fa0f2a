// The end of a conversation: after-call work with the regional timer, then the nurse's next status; a callback's call completes it.
import type { CallbackAttempt, NextStatus } from '../../../../core/backend-api/calls';
import type { PresenceChangeReason } from '../../../../core/queue/presence';
import type { CallRow, PresenceRow } from '../rows';
import { telephonyLine } from './announcements';
import { toMs } from './context';
import type { Distribution } from './context';
import { lockCallback, updateCall, updatePresence } from './rowAccess';
import type { AfterCommit, Trx } from './unitOfWork';

/** The conversation is over (the nurse ended it, the caller hung up, or a callback attempt failed): after-call work starts. */
export async function finishConversation(
  acd: Distribution,
  trx: Trx,
  call: CallRow,
  nurse: PresenceRow,
  now: Date,
  after: AfterCommit,
  options: { hangUpLine: boolean },
): Promise<void> {
  const regionConfig = acd.deps.config.forRegion(nurse.region_id);
  await updateCall(trx, call.id, { state: 'after-call-work', ended_at: now });
  after.record(call.region_id, { type: 'call-ended', at: toMs(now), callId: call.id, nurseId: nurse.hsa_id });
  const updated = await updatePresence(
    trx,
    acd.deps.config,
    nurse,
    {
      state: 'after-call-work',
      reason: 'call-ended',
      since: now,
      after_call_work_ends_at: new Date(now.getTime() + regionConfig.afterCallWorkSeconds * 1000),
    },
    now,
    after,
  );
  if (call.callback_id !== null) await completeCallbackOnEnd(trx, call, nurse.hsa_id, now);
  if (options.hangUpLine) after.telephony.push((platform) => platform.endCall(telephonyLine(call)));
  if (regionConfig.afterCallWorkSeconds === 0) {
    const ended: CallRow = { ...call, state: 'after-call-work' };
    await finishAfterCallWork(acd, trx, updated, ended, now, 'after-call-work-timer', after);
  }
}

/** After-call work is over (timer or early): the call ends and the nurse takes her next status, available by default. */
export async function finishAfterCallWork(
  acd: Distribution,
  trx: Trx,
  nurse: PresenceRow,
  call: CallRow | null,
  now: Date,
  reason: PresenceChangeReason,
  after: AfterCommit,
): Promise<PresenceRow> {
  if (call !== null && call.state === 'after-call-work') {
    await updateCall(trx, call.id, { state: 'ended', after_call_work_ended_at: now });
    after.record(call.region_id, {
      type: 'after-call-work-ended',
      at: toMs(now),
      callId: call.id,
      nurseId: nurse.hsa_id,
    });
  }
  const next: NextStatus = nurse.next_status ?? { state: 'available' };
  const updated = await updatePresence(
    trx,
    acd.deps.config,
    nurse,
    {
      state: next.state,
      break_reason: next.state === 'break' ? (next.breakReason ?? 'other') : null,
      reason,
      since: now,
      next_status: null,
      after_call_work_ends_at: null,
      current_call_id: null,
      offered_call_id: null,
    },
    now,
    after,
  );
  if (updated.state === 'available') after.assign = true;
  return updated;
}

/** A callback call that ends without a failed attempt recorded reached the patient. */
async function completeCallbackOnEnd(trx: Trx, call: CallRow, hsaId: string, now: Date): Promise<void> {
  if (call.callback_id === null) return;
  const callback = await lockCallback(trx, call.callback_id);
  if (callback === undefined || callback.state !== 'in-progress' || callback.call_id !== call.id) return;
  const attempt: CallbackAttempt = { at: now.toISOString(), outcome: 'reached', byHsaId: hsaId, note: null };
  await trx
    .updateTable('callback')
    .set({ state: 'completed', attempts: JSON.stringify([...callback.attempts, attempt]), call_id: null })
    .where('id', '=', callback.id)
    .execute();
}
