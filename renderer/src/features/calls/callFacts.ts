// What a case keeps of the call it was made during: when it was answered, from which number and queue, the caller's language and the phone menu's answers.
import type { CaseCallFacts } from '../../../../core/case/case';
import {
  OVERFLOW_QUEUE_ID,
  OVERFLOW_QUEUE_NAME,
  type Call,
  type QueueView,
} from '../../../../core/backend-api/calls';

/** The call's facts for its case; the queue's name from the last queue snapshot (the overflow queue's is fixed). */
export function callFactsOf(call: Call, queues: readonly QueueView[] | undefined, now: Date): CaseCallFacts {
  const queue = queues?.find((q) => q.queueId === call.queueId);
  const queueName = queue
    ? { sv: queue.name.sv, en: queue.name.en }
    : call.queueId === OVERFLOW_QUEUE_ID
      ? { ...OVERFLOW_QUEUE_NAME }
      : null;
  return {
    answeredAt: call.answeredAt ?? now.toISOString(),
    callerNumber: call.callerNumber,
    queueName,
    kind: call.kind,
    language: call.language,
    phoneMenu: call.preAssessment.answers.map(({ code, answer }) => ({ code, answer })),
  };
}
