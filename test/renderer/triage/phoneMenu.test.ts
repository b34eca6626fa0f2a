// A call's phone-menu answers in its case's triage: kept in the record, contradictions marked unresolved until the nurse chooses.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Protocol } from '../../../core/triage/protocol';
import { TriageRecordSchema, triageBlocksSigning } from '../../../core/triage/record';
import { loadProtocols } from '../../../main/services/protocols/loadProtocols';
import {
  answerGiven,
  phoneMenuReceived,
  phoneMenuResolved,
  protocolAdded,
  triageOpened,
  triageReducer,
  type CaseTriageState,
  type TriageSliceState,
} from '../../../renderer/src/features/triage/triageSlice';
import { recordOf, viewCaseTriage } from '../../../renderer/src/features/triage/triageView';

const CASE = '3c2a8f4e-0d1b-4e6a-9f7c-5b8d2e1a4c90';
let library: Protocol[];
beforeAll(async () => {
  library = (await loadProtocols()).protocols;
});

const triageOf = (state: TriageSliceState) => state.byCase[CASE] as CaseTriageState;
const version = (id: string) => library.find((p) => p.id === id)!.version;

describe('phone-menu answers in a case triage', () => {
  it('keeps them once, marks a contradiction unresolved in the record, and clears it when resolved', () => {
    let state = triageReducer(undefined, triageOpened({ caseId: CASE, stored: null, birthDate: null }));
    const answers = [
      { code: 'chest-pain', answer: 'yes' },
      { code: 'worsening', answer: 'no' },
    ] as const;
    state = triageReducer(state, phoneMenuReceived({ caseId: CASE, answers: [...answers] }));
    state = triageReducer(
      state,
      phoneMenuReceived({ caseId: CASE, answers: [{ code: 'high-fever', answer: 'yes' }] }),
    );
    expect(triageOf(state).phoneMenu?.answers).toEqual(answers);

    state = triageReducer(
      state,
      protocolAdded({ caseId: CASE, protocol: { id: 'hjartklappning', version: version('hjartklappning') } }),
    );
    state = triageReducer(
      state,
      answerGiven({
        caseId: CASE,
        answer: {
          protocolId: 'hjartklappning',
          protocolVersion: version('hjartklappning'),
          questionId: 'brostsmarta',
          value: 'no',
          answeredAt: '2026-12-08T01:00:00Z',
        },
      }),
    );
    let view = viewCaseTriage(library, triageOf(state), 50);
    expect(view.phoneMenuContradictions.map((c) => c.code)).toEqual(['chest-pain']);
    let record = TriageRecordSchema.parse(recordOf(triageOf(state), view));
    expect(record.phoneMenu).toMatchObject({ answers, resolutions: [], unresolved: true });
    expect(triageBlocksSigning(record)).toBe(true);

    state = triageReducer(
      state,
      phoneMenuResolved({
        caseId: CASE,
        resolution: { code: 'chest-pain', kept: 'nurse', resolvedAt: '2026-12-08T01:01:00Z' },
      }),
    );
    view = viewCaseTriage(library, triageOf(state), 50);
    record = TriageRecordSchema.parse(recordOf(triageOf(state), view));
    expect(view.phoneMenuContradictions).toEqual([]);
    expect(record.phoneMenu?.unresolved).toBeUndefined();
    expect(record.phoneMenu?.resolutions).toEqual([
      { code: 'chest-pain', kept: 'nurse', resolvedAt: '2026-12-08T01:01:00Z' },
    ]);

    // Reopened from the stored record, the answers and the resolution come back.
    const reopened = triageReducer(
      undefined,
      triageOpened({ caseId: CASE, stored: record, birthDate: null }),
    );
    expect(triageOf(reopened).phoneMenu).toEqual({
      answers: [...answers],
      resolutions: record.phoneMenu!.resolutions,
    });
  });
});
