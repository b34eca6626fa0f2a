// The nurse's call actions (accept, decline, end), one call in full, and a team lead's re-prioritisation.
import type {
  Call,
  CallActionResponse,
  PriorityChange,
  ReprioritiseRequest,
} from '../../../../core/backend-api/calls';
import type { AuthenticatedStaff } from '../../auth/tokens';
import { cannotTakeCall } from '../presence';
import { callOf, presenceOf } from '../rows';
import type { CallRow } from '../rows';
import { queueChanged, telephonyLine } from './announcements';
import { returnToQueue, ringOut } from './assignment';
import { toMs } from './context';
import type { Distribution } from './context';
import { finishConversation } from './conversation';
import { presence } from './presenceActions';
import { readCall } from './queueSql';
import { nurseServesCall } from './queueRules';
import { noSuchCall, refusal } from './refusals';
import { lockCall, lockOrCreatePresence, updateCall, updatePresence } from './rowAccess';
import type { AfterCommit, Trx } from './unitOfWork';

/**
 * Answers the call ringing at the nurse, or picks a waiting call from a queue she serves (for
 * example the red-flag caller she was alerted to). Exactly one nurse gets any call.
 */
export async function accept(
  acd: Distribution,
  staff: AuthenticatedStaff,
  callId: string,
): Promise<CallActionResponse> {
  const outcome = await acd.transaction(async (trx, after) => {
    const now = acd.deps.clock();
    const call = await lockCall(trx, callId);
    if (call === undefined) throw noSuchCall();
    const mine = call.assigned_to === staff.hsaId;
    const serves = nurseServesCall(acd.deps.config, staff.regionId, call, now);
    if (!mine && call.region_id !== staff.regionId && !serves) throw noSuchCall();
    switch (call.state) {
      case 'abandoned':
        throw refusal('call-state', 'The caller hung up before the call was answered.');
      case 'connected':
      case 'after-call-work':
      case 'ended':
        if (mine && call.state === 'connected')
          return { callId: call.id, expired: false, response: undefined };
        if (!mine) throw refusal('call-taken', 'Another nurse has already taken this call.');
        throw refusal('call-state', 'This call is already over.');
      case 'offered':
        if (!mine) throw refusal('call-taken', 'This call is ringing at another nurse.');
        break;
      case 'waiting':
        if (!serves) {
          throw refusal(
            'call-state',
            'This call waits in the overflow queue, which your region does not serve.',
          );
        }
        break;
    }
    const nurse = await lockOrCreatePresence(trx, staff, now);
    if (call.state === 'offered' && call.offer_expires_at !== null && call.offer_expires_at <= now) {
      await ringOut(acd, trx, call, now, after);
      return { callId: call.id, expired: true, response: undefined };
    }
    const cannot = cannotTakeCall(nurse.state, nurse.break_reason);
    if (cannot !== null) throw refusal('presence-not-allowed', cannot);
    if (nurse.offered_call_id !== null && nurse.offered_call_id !== call.id) {
      throw refusal(
        'presence-not-allowed',
        'Another call is ringing at you: answer or decline that one first.',
      );
    }
    const connected = await updateCall(trx, call.id, {
      state: 'connected',
      assigned_to: staff.hsaId,
      answered_at: now,
      offer_expires_at: null,
    });
    after.record(call.region_id, {
      type: 'call-answered',
      at: toMs(now),
      callId: call.id,
      nurseId: staff.hsaId,
    });
    const onCall = await updatePresence(
      trx,
      acd.deps.config,
      nurse,
      {
        state: 'on-call',
        reason: 'call-accepted',
        since: now,
        current_call_id: call.id,
        offered_call_id: null,
        break_reason: null,
      },
      now,
      after,
    );
    if (call.callback_id !== null) {
      await trx
        .updateTable('callback')
        .set({ state: 'in-progress' })
        .where('id', '=', call.callback_id)
        .execute();
    }
    queueChanged(after, connected, now, 'call-answered');
    after.telephony.push((platform) =>
      platform.connectNurse(telephonyLine(connected), { hsaId: staff.hsaId }),
    );
    // The answer is built from the rows just written: no second round trip on the hottest path.
    const response: CallActionResponse = {
      call: callOf(connected),
      presence: presenceOf(onCall, null, acd.deps.config.forRegion(onCall.region_id)),
    };
    return { callId: call.id, expired: false, response };
  });
  if (outcome.response !== undefined) return outcome.response;
  if (outcome.expired) {
    throw refusal(
      'offer-rang-out',
      'The call rang out before you answered; it went back to the queue and you are now unavailable. Set yourself available to take calls again.',
    );
  }
  return callAction(acd, staff, outcome.callId);
}

/** Lets the call ringing at her go back to the queue (keeping its place); she moves to the back of the line. */
export function decline(
  acd: Distribution,
  staff: AuthenticatedStaff,
  callId: string,
): Promise<CallActionResponse> {
  return actOnCall(acd, staff, callId, async (trx, after, call, now) => {
    if (call.state !== 'offered' || call.assigned_to !== staff.hsaId) {
      throw refusal('call-state', 'This call is not ringing at you, so there is nothing to decline.');
    }
    const nurse = await lockOrCreatePresence(trx, staff, now);
    const backOfTheLine = { offered_call_id: null, since: now, reason: 'nurse' } as const;
    // Her presence first, then the call's return: workstations hear of the two in that order.
    await updatePresence(trx, acd.deps.config, nurse, backOfTheLine, now, after);
    await returnToQueue(trx, call, now, after);
  });
}

/** The conversation is over: after-call work starts with the regional timer. */
export function endCall(
  acd: Distribution,
  staff: AuthenticatedStaff,
  callId: string,
): Promise<CallActionResponse> {
  return actOnCall(acd, staff, callId, async (trx, after, call, now) => {
    if (call.assigned_to !== staff.hsaId)
      throw refusal('call-taken', 'This call is handled by another nurse.');
    if (call.state !== 'connected') {
      throw refusal(
        'call-state',
        call.state === 'offered'
          ? 'Accept the call before ending it.'
          : 'This conversation has already ended.',
      );
    }
    const nurse = await lockOrCreatePresence(trx, staff, now);
    await finishConversation(acd, trx, call, nurse, now, after, { hangUpLine: true });
  });
}

/** A nurse's action on one call: locked, hers or her region's (else no such call), then answered with the committed call. */
async function actOnCall(
  acd: Distribution,
  staff: AuthenticatedStaff,
  callId: string,
  act: (trx: Trx, after: AfterCommit, call: CallRow, now: Date) => Promise<void>,
): Promise<CallActionResponse> {
  await acd.transaction(async (trx, after) => {
    const now = acd.deps.clock();
    const call = await lockCall(trx, callId);
    if (call === undefined || (call.assigned_to !== staff.hsaId && call.region_id !== staff.regionId)) {
      throw noSuchCall();
    }
    await act(trx, after, call, now);
  });
  return callAction(acd, staff, callId);
}

/** The call and her presence as they are after the action committed. */
async function callAction(
  acd: Distribution,
  staff: AuthenticatedStaff,
  callId: string,
): Promise<CallActionResponse> {
  return { call: callOf(await committedCall(acd, callId)), presence: await presence(acd, staff) };
}

async function committedCall(acd: Distribution, callId: string): Promise<CallRow> {
  const row = await readCall(acd.deps.db, callId);
  if (row === undefined) throw new Error(`Call ${callId} vanished after a committed change`);
  return row;
}

/** One call in full: for the nurse it is (or was) assigned to, and the region's team leads. */
export async function call(acd: Distribution, staff: AuthenticatedStaff, callId: string): Promise<Call> {
  const row = await readCall(acd.deps.db, callId);
  if (row === undefined) throw noSuchCall();
  const teamLead = staff.roles.includes('team_lead') && row.region_id === staff.regionId;
  if (row.assigned_to !== staff.hsaId && !teamLead) throw noSuchCall();
  return callOf(row);
}

/** Team lead: a waiting call gets another urgency class; the reason and who made the change stay with it. */
export async function reprioritise(
  acd: Distribution,
  staff: AuthenticatedStaff,
  callId: string,
  request: ReprioritiseRequest,
): Promise<Call> {
  await acd.transaction(async (trx, after) => {
    const now = acd.deps.clock();
    const call = await lockCall(trx, callId);
    if (call === undefined || call.region_id !== staff.regionId) throw noSuchCall();
    if (call.state !== 'waiting' && call.state !== 'offered') {
      throw refusal('call-state', 'Only a call still in the queue can be re-prioritised.');
    }
    if (call.urgency_class === request.urgencyClass) {
      throw refusal('call-state', `The call already has urgency ${request.urgencyClass}.`);
    }
    const change: PriorityChange = {
      from: call.urgency_class,
      to: request.urgencyClass,
      reason: request.reason,
      byHsaId: staff.hsaId,
      at: now.toISOString(),
    };
    await updateCall(trx, call.id, {
      urgency_class: request.urgencyClass,
      priority_changes: [...call.priority_changes, change],
    });
    queueChanged(after, call, now, 'call-reprioritised');
  });
  return callOf(await committedCall(acd, callId));
}
