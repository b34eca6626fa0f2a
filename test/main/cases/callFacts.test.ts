// A case made during a call keeps what the call told (time, number, queue, phone-menu answers) as facts; bad facts are refused by name.
import { describe, expect, it } from 'vitest';
import type { CaseViewData } from '../../../core/api/cases';
import type { Case, CaseCallFacts } from '../../../core/case';
import { caseStack, manualClock, nurseIda, patientNumber, signedIn } from './support';

const FACTS: CaseCallFacts = {
  answeredAt: '2026-03-02T13:32:10.000Z',
  callerNumber: '+46 480 12 34 56',
  queueName: { sv: 'Region Kalmar län', en: 'Region Kalmar County' },
  kind: 'inbound',
  language: 'sv',
  phoneMenu: [
    { code: 'chest-pain', answer: 'no-answer' },
    { code: 'high-fever', answer: 'yes' },
  ],
};

async function signedInStack() {
  const stack = caseStack({ clock: manualClock() });
  await stack.stores.sessionChanged(signedIn(nurseIda));
  return stack;
}

describe('call facts on a case', () => {
  it('are stored with the case and read back, and no kontaktorsak is made of them', async () => {
    const stack = await signedInStack();
    const created = await stack.call<Case>('cases.create', {
      patient: { kind: 'identified', number: patientNumber('1979-11-03', 'male').normalized },
      caller: 'self',
      callId: '6f2d7f0e-1c1a-4c47-9c59-2f1b8a0c0a11',
      call: FACTS,
    });
    expect(created.call).toEqual(FACTS);
    const view = await stack.call<CaseViewData>('cases.open', { caseId: created.id });
    expect(view.case.call).toEqual(FACTS);
    expect(view.notes.map((note) => note.kontaktorsak)).toEqual([]);
  });

  it('refuse an unknown phone-menu question or a language that is not a code', async () => {
    const stack = await signedInStack();
    const base = {
      patient: { kind: 'identified', number: patientNumber('1979-11-03', 'male').normalized },
      caller: 'self',
    };
    const unknown = await stack.fail('cases.create', {
      ...base,
      call: { ...FACTS, phoneMenu: [{ code: 'headache', answer: 'yes' }] },
    });
    expect(unknown.code).toBe('invalid_arguments');
    expect(unknown.message).toContain('Unknown phone-menu question');
    const language = await stack.fail('cases.create', { ...base, call: { ...FACTS, language: 'Svenska' } });
    expect(language.code).toBe('invalid_arguments');
    expect(language.message).toContain('language code');
  });
});
