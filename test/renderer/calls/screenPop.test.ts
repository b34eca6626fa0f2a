// Screen-pop: the case for an accepted call names the call; the phone menu's answers never become the kontaktorsak.
import { describe, expect, it } from 'vitest';
import type { Call } from '../../../core/backend-api/calls';
import { generatePersonnummer } from '../../../core/identity/testNumbers';
import { assessPhoneMenu } from '../../../core/queue/phoneMenu';
import { caseArgsForCall } from '../../../renderer/src/features/calls/screenPop';

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

describe('screen-pop', () => {
  it('opens a case for the caller without pasting the phone menu into the kontaktorsak', () => {
    const args = caseArgsForCall(call(), TODAY);
    expect(args).toEqual({
      patient: { kind: 'identified', number: patient.normalized },
      caller: 'self',
      callId: '6f2d7f0e-1c1a-4c47-9c59-2f1b8a0c0a11',
    });
    expect(args).not.toHaveProperty('kontaktorsak');
  });

  it('leaves a call without a usable personnummer to the identification form', () => {
    expect(caseArgsForCall(call({ personnummer: null }), TODAY)).toBeNull();
  });
});
