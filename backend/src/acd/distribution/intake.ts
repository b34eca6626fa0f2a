// Telephony intake: calls that passed the phone menu join their queue; callers who hang up leave it or end their conversation.
import { OVERFLOW_QUEUE_ID } from '../../../../core/backend-api/calls';
import { assessPhoneMenu } from '../../../../core/queue/phoneMenu';
import type {
  TelephonyCallEnteredRequestSchema,
  TelephonyCallEnteredResponse,
  TelephonyHangUpRequest,
  TelephonyHangUpResponse,
} from '../../../../core/backend-api/calls';
import { parsePatientId } from '../../../../core/identity/patientId';
import type { z } from 'zod';
import { enteredQueue, queueChanged } from './announcements';
import { toMs } from './context';
import type { Distribution } from './context';
import { finishConversation } from './conversation';
import { refusal } from './refusals';
import { insertCall, lockCall, lockPresence, updateCall, updatePresence, waitingCallRow } from './rowAccess';

type CallEntered = z.output<typeof TelephonyCallEnteredRequestSchema>;

/** A call passed the phone menu: it joins its queue with the urgency its answers give. */
export async function callEntered(
  acd: Distribution,
  input: CallEntered,
): Promise<TelephonyCallEnteredResponse> {
  const now = acd.deps.clock();
  const region = await acd.deps.db
    .selectFrom('region')
    .select('id')
    .where('id', '=', input.regionId)
    .executeTakeFirst();
  if (region === undefined) {
    throw refusal('invalid-request', `Unknown region "${input.regionId}".`, [
      { path: 'regionId', message: 'unknown region' },
    ]);
  }
  const queueId = input.queueId ?? input.regionId;
  if (queueId !== input.regionId && queueId !== OVERFLOW_QUEUE_ID) {
    throw refusal(
      'invalid-request',
      `queueId must be the region's own queue ("${input.regionId}") or "${OVERFLOW_QUEUE_ID}".`,
      [{ path: 'queueId', message: 'unknown queue' }],
    );
  }
  const personnummer = checkPersonnummer(input.personnummer, now);
  const { preAssessment, urgencyClass } = assessPhoneMenu(input.answers, input.urgencyClass);
  const row = waitingCallRow(
    {
      regionId: input.regionId,
      queueId,
      kind: 'inbound',
      externalRef: input.externalRef,
      callerNumber: input.callerNumber,
      personnummer,
      language: input.language,
      preAssessment,
      redFlagCodes: preAssessment.redFlags.map((flag) => flag.code),
      urgencyClass,
      waitingSince: now,
      callbackId: null,
    },
    acd.deps.config.forRegion(input.regionId),
    now,
  );
  try {
    await acd.transaction(async (trx, after) => {
      await insertCall(trx, row);
      enteredQueue(after, row, now, 'call', 'call-entered');
    });
  } catch (error) {
    if ((error as { code?: unknown }).code === '23505') {
      throw refusal(
        'call-already-known',
        'A call with this externalRef is already known; send each call once.',
      );
    }
    throw error;
  }
  return { callId: row.id, queueId, urgencyClass, redFlags: preAssessment.redFlags };
}

/** A personnummer or samordningsnummer from the phone menu or a booking, normalised; none when not given. */
export function checkPersonnummer(input: string | undefined, now: Date): string | null {
  if (input === undefined || input === '') return null;
  const parsed = parsePatientId(input, { today: now });
  if (!parsed.ok) {
    throw refusal('invalid-request', `personnummer is not valid: ${parsed.error.en}.`, [
      { path: 'personnummer', message: parsed.error.en },
    ]);
  }
  if (parsed.value.kind !== 'personnummer' && parsed.value.kind !== 'samordningsnummer') {
    throw refusal('invalid-request', 'personnummer must be a personnummer or samordningsnummer.', [
      { path: 'personnummer', message: 'not a personnummer' },
    ]);
  }
  return parsed.value.normalized;
}

/**
 * The caller hung up. Waiting or ringing: the call leaves the queue as abandoned (a ringing nurse
 * stays available). Talking: the conversation ended and after-call work begins, unless
 * `ifStillWaiting` says only a waiting caller is hanging up.
 */
export async function callerHungUp(
  acd: Distribution,
  externalRef: string,
  request: TelephonyHangUpRequest = {},
): Promise<TelephonyHangUpResponse> {
  const unknownRef = () => refusal('no-such-call', 'No call with this externalRef is known.');
  const peek = await acd.deps.db
    .selectFrom('queue_call')
    .select('id')
    .where('external_ref', '=', externalRef)
    .executeTakeFirst();
  if (peek === undefined) throw unknownRef();
  return acd.transaction(async (trx, after) => {
    const now = acd.deps.clock();
    const call = await lockCall(trx, peek.id);
    if (call === undefined) throw unknownRef();
    if (call.state === 'waiting' || call.state === 'offered') {
      await updateCall(trx, call.id, {
        state: 'abandoned',
        abandoned_at: now,
        assigned_to: null,
        offer_expires_at: null,
      });
      after.record(call.region_id, { type: 'call-abandoned', at: toMs(now), callId: call.id });
      if (call.state === 'offered' && call.assigned_to !== null) {
        const nurse = await lockPresence(trx, call.assigned_to);
        if (nurse !== undefined && nurse.offered_call_id === call.id) {
          const withdrawn = { offered_call_id: null, reason: 'offer-withdrawn' } as const;
          await updatePresence(trx, acd.deps.config, nurse, withdrawn, now, after);
        }
      }
      queueChanged(after, call, now, 'call-abandoned');
      return { outcome: 'abandoned' as const, state: 'abandoned' as const };
    }
    if (call.state === 'connected' && request.ifStillWaiting !== true && call.assigned_to !== null) {
      const nurse = await lockPresence(trx, call.assigned_to);
      if (nurse === undefined) throw new Error('A connected call has no nurse presence row');
      await finishConversation(acd, trx, call, nurse, now, after, { hangUpLine: false });
      return { outcome: 'ended' as const, state: 'after-call-work' as const };
    }
    return { outcome: 'unchanged' as const, state: call.state };
  });
}

/** External refs of calls still in a queue whose ref starts with `prefix` (a simulator clearing up after a restart). */
export async function queuedExternalRefs(acd: Distribution, prefix: string): Promise<string[]> {
  const rows = await acd.deps.db
    .selectFrom('queue_call')
    .select('external_ref')
    .where('state', 'in', ['waiting', 'offered'])
    .where('external_ref', 'like', `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
    .execute();
  return rows.map((row) => row.external_ref).filter((ref): ref is string => ref !== null);
}
