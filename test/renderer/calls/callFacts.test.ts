// The facts a case keeps of its call (time, number, queue, language, phone-menu answers), and phone numbers as a nurse dials them.
import { describe, expect, it } from 'vitest';
import type { Call } from '../../../core/backend-api/calls';
import { generatePersonnummer } from '../../../core/identity/testNumbers';
import { assessPhoneMenu } from '../../../core/queue/phoneMenu';
import { callFactsOf } from '../../../renderer/src/features/calls/callFacts';
import { nationalPhone } from '../../../renderer/src/features/cases/phone';

const TODAY = new Date('2026-03-02T13:35:00Z');
const patient = generatePersonnummer({ birthDate: '1979-11-03', sex: 'male' });

function call(changes: Partial<Call> = {}): Call {
  const { preAssessment, urgencyClass } = assessPhoneMenu([
    { code: 'chest-pain', answer: 'no-answer' },
    { code: 'high-fever', answer: 'yes' },
  ]);
  return {
    id: '6f2d7f0e-1c1a-4c47-9c59-2f1b8a0c0a11',
    regionId: 'kalmar',
    queueId: 'kalmar',
    kind: 'inbound',
    callerNumber: '+46 480 12 34 56',
    personnummer: patient.normalized,
    language: 'ar',
    preAssessment,
    urgencyClass,
    enteredQueueAt: '2026-03-02T13:30:00.000Z',
    waitingSince: '2026-03-02T13:30:00.000Z',
    state: 'connected',
    assignedTo: 'SE2321000016-KALN1',
    offer: null,
    answeredAt: '2026-03-02T13:32:10.000Z',
    endedAt: null,
    callbackId: null,
    priorityChanges: [],
    ...changes,
  } as Call;
}

describe('callFactsOf', () => {
  const queues = [{ queueId: 'kalmar', name: { sv: 'Region Kalmar län', en: 'Region Kalmar County' } }];

  it('keeps the answer time, number, queue name, language and the answers in order', () => {
    expect(callFactsOf(call(), queues as never, TODAY)).toEqual({
      answeredAt: '2026-03-02T13:32:10.000Z',
      callerNumber: '+46 480 12 34 56',
      queueName: { sv: 'Region Kalmar län', en: 'Region Kalmar County' },
      kind: 'inbound',
      language: 'ar',
      phoneMenu: [
        { code: 'chest-pain', answer: 'no-answer' },
        { code: 'high-fever', answer: 'yes' },
      ],
    });
  });

  it('names the overflow queue, and no queue it does not know', () => {
    expect(callFactsOf(call({ queueId: 'overflow' }), [], TODAY).queueName).toEqual({
      sv: 'Gemensam överflödeskö',
      en: 'Shared overflow queue',
    });
    expect(callFactsOf(call({ queueId: 'elsewhere' }), undefined, TODAY).queueName).toBeNull();
  });
});

describe('nationalPhone', () => {
  it('writes a Swedish number as it is dialled, a mobile number grouped', () => {
    expect(nationalPhone('+46701740605')).toBe('070-174 06 05');
    expect(nationalPhone('+46 480 12 34 56')).toBe('0480123456');
    expect(nationalPhone('+4722334455')).toBe('+4722334455');
    expect(nationalPhone('')).toBe('');
  });
});
