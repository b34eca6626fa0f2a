// The call's findings in the workstation: typed as a nurse says them, read by every protocol's rules, kept in the record and the note.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Protocol } from '../../../core/triage/protocol';
import { TriageRecordSchema } from '../../../core/triage/record';
import { loadProtocols } from '../../../main/services/protocols/loadProtocols';
import {
  durationParts,
  findingText,
  parseFindingInput,
} from '../../../renderer/src/features/triage/findingsInput';
import { buildNotePrefill } from '../../../renderer/src/features/triage/notePrefill';
import {
  findingEntered,
  protocolAdded,
  riskFactorsEntered,
  sexTyped,
  triageOpened,
  triageReducer,
  triageSex,
  type CaseTriageState,
  type TriageSliceState,
} from '../../../renderer/src/features/triage/triageSlice';
import { recordOf, viewCaseTriage } from '../../../renderer/src/features/triage/triageView';

const CASE = '0f5e7c1a-94b2-4f0e-8a51-3c7d2b9e6a10';
let library: Protocol[];

beforeAll(async () => {
  library = (await loadProtocols()).protocols;
});

function opened(): TriageSliceState {
  return triageReducer(undefined, triageOpened({ caseId: CASE, stored: null, birthDate: null }));
}
const triageOf = (state: TriageSliceState) => state.byCase[CASE] as CaseTriageState;
function withProtocol(state: TriageSliceState, id: string): TriageSliceState {
  const version = library.find((p) => p.id === id)!.version;
  return triageReducer(state, protocolAdded({ caseId: CASE, protocol: { id, version } }));
}

describe('typing a finding', () => {
  it('reads a temperature with a decimal comma and refuses what is no temperature', () => {
    expect(parseFindingInput('temperatureC', '38,5')).toEqual({ ok: true, value: 38.5 });
    expect(parseFindingInput('temperatureC', ' 39 ')).toEqual({ ok: true, value: 39 });
    expect(parseFindingInput('temperatureC', '')).toEqual({ ok: true, value: undefined });
    expect(parseFindingInput('temperatureC', '385')).toMatchObject({ ok: false, reason: 'range' });
    expect(parseFindingInput('temperatureC', 'hög')).toMatchObject({ ok: false, reason: 'format' });
    expect(parseFindingInput('temperatureC', '1e1')).toMatchObject({ ok: false, reason: 'format' });
  });

  it('reads a duration with its unit, in hours', () => {
    expect(parseFindingInput('durationHours', '3 dygn')).toEqual({ ok: true, value: 72 });
    expect(parseFindingInput('durationHours', '36 tim')).toEqual({ ok: true, value: 36 });
    expect(parseFindingInput('durationHours', '2 v')).toEqual({ ok: true, value: 336 });
    expect(parseFindingInput('durationHours', 'länge')).toMatchObject({ ok: false, reason: 'format' });
  });

  it('shows a stored duration the way it would be said', () => {
    expect(durationParts(72)).toEqual({ unit: 'days', count: 3 });
    expect(durationParts(504)).toEqual({ unit: 'weeks', count: 3 });
    expect(durationParts(36)).toEqual({ unit: 'hours', count: 36 });
    expect(findingText('durationHours', 72)).toBe('3 dygn');
    expect(findingText('temperatureC', 38.5)).toBe('38,5');
    // What is shown reads back as the same value.
    for (const hours of [5, 36, 48, 72, 336, 504, 730.5])
      expect(parseFindingInput('durationHours', findingText('durationHours', hours))).toMatchObject({
        ok: true,
      });
  });
});

describe('findings in a case triage', () => {
  it('decides the infant-fever rule from the temperature: open until entered, level 2 at 38.0', () => {
    let state = withProtocol(opened(), 'feber-spadbarn');
    const age = 5 / 52;
    let view = viewCaseTriage(library, triageOf(state), age);
    expect(view.result.findingsNeeded.map((f) => f.finding)).toContain('temperatureC');
    expect(view.result.complete).toBe(false);

    state = triageReducer(state, findingEntered({ caseId: CASE, finding: 'temperatureC', value: 38.4 }));
    view = viewCaseTriage(library, triageOf(state), age);
    expect(view.result.findingsNeeded.map((f) => f.finding)).not.toContain('temperatureC');
    expect(view.final?.level).toBe(2);
    expect(view.result.disposition?.decidedBy.questionId).toBe('uppmatt-feber-38');

    const record = recordOf(triageOf(state), view);
    expect(TriageRecordSchema.parse(record).findings).toEqual({ temperatureC: 38.4 });
    expect(buildNotePrefill(view, triageOf(state))?.bedomning).toContain('temperatur 38,4 °C');
  });

  it('keeps the rule open again when the temperature is cleared, and lets "vet ej" be told apart', () => {
    let state = withProtocol(opened(), 'feber-spadbarn');
    const before = triageOf(state).revision;
    state = triageReducer(state, findingEntered({ caseId: CASE, finding: 'temperatureC', value: 'unknown' }));
    expect(triageOf(state).findings).toEqual({ temperatureC: 'unknown' });
    expect(triageOf(state).revision).toBeGreaterThan(before);
    expect(
      buildNotePrefill(viewCaseTriage(library, triageOf(state), 0.1), triageOf(state))?.bedomning,
    ).toContain('temperatur ej uppmätt');
    state = triageReducer(state, findingEntered({ caseId: CASE, finding: 'temperatureC', value: undefined }));
    expect(triageOf(state).findings).toEqual({});
    const view = viewCaseTriage(library, triageOf(state), 0.1);
    expect(view.result.findingsNeeded.map((f) => f.finding)).toContain('temperatureC');
  });

  it('records risk factors as asked: none, some, or unknown, and names them in the note', () => {
    let state = withProtocol(opened(), 'feber-vuxen');
    state = triageReducer(state, riskFactorsEntered({ caseId: CASE, riskFactors: [] }));
    let view = viewCaseTriage(library, triageOf(state), 40);
    expect(recordOf(triageOf(state), view).findings).toEqual({ riskFactors: [] });
    expect(buildNotePrefill(view, triageOf(state))?.bedomning).toContain('inga riskfaktorer');

    state = triageReducer(
      state,
      riskFactorsEntered({ caseId: CASE, riskFactors: ['immunosuppression', 'diabetes', 'diabetes'] }),
    );
    expect(triageOf(state).findings.riskFactors).toEqual(['immunosuppression', 'diabetes']);
    view = viewCaseTriage(library, triageOf(state), 40);
    expect(buildNotePrefill(view, triageOf(state))?.bedomning).toContain('nedsatt immunförsvar');
  });

  it('reopens a stored triage with its findings and the sex asked in the call', () => {
    let state = withProtocol(opened(), 'feber-spadbarn');
    state = triageReducer(state, findingEntered({ caseId: CASE, finding: 'temperatureC', value: 38.2 }));
    state = triageReducer(state, sexTyped({ caseId: CASE, sex: 'male' }));
    const triage = triageOf(state);
    const stored = recordOf(triage, viewCaseTriage(library, triage, 0.1));
    expect(stored.sex).toBe('male');

    const reopened = triageReducer(undefined, triageOpened({ caseId: CASE, stored, birthDate: null }));
    expect(triageOf(reopened).findings).toEqual({ temperatureC: 38.2 });
    expect(triageSex(triageOf(reopened))).toBe('male');
    // With a personnummer the identity's sex is used, not a stored guess.
    const identified = triageReducer(
      undefined,
      triageOpened({ caseId: CASE, stored, birthDate: '2026-11-20', sex: 'female' }),
    );
    expect(triageSex(triageOf(identified))).toBe('female');
    expect(triageOf(identified).typedSex).toBeNull();
  });
});
