// One case's triage as the panel, the saved record and the note see it: answers in any order, several protocols, overrides, pre-fill.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Protocol } from '../../../core/triage/protocol';
import type { TriageAnswerValue, TriageOverride } from '../../../core/triage/record';
import { TriageRecordSchema } from '../../../core/triage/record';
import { loadProtocols } from '../../../main/services/protocols/loadProtocols';
import { sessionChanged } from '../../../renderer/src/features/session/sessionSlice';
import { buildNotePrefill } from '../../../renderer/src/features/triage/notePrefill';
import {
  answerGiven,
  ageTyped,
  contextAnswered,
  overrideSet,
  overrideWithdrawn,
  protocolAdded,
  protocolRemoved,
  triageOpened,
  triageReducer,
  type CaseTriageState,
  type TriageSliceState,
} from '../../../renderer/src/features/triage/triageSlice';
import {
  checklistItems,
  recordOf,
  rowAfterAnswer,
  viewCaseTriage,
} from '../../../renderer/src/features/triage/triageView';

const CASE = '6b1d9a52-5f43-4d8e-9d3c-2f1f6f0a7e11';
let library: Protocol[];
let clock = Date.parse('2026-03-02T21:00:00Z');

beforeAll(async () => {
  library = (await loadProtocols()).protocols;
});

function version(id: string): string {
  return library.find((p) => p.id === id)!.version;
}

/** A nurse's session with the panel: each step goes through the slice like a key press would. */
function session() {
  let state: TriageSliceState = triageReducer(
    undefined,
    triageOpened({ caseId: CASE, stored: null, birthDate: null }),
  );
  const triage = () => state.byCase[CASE] as CaseTriageState;
  return {
    add(id: string) {
      state = triageReducer(state, protocolAdded({ caseId: CASE, protocol: { id, version: version(id) } }));
    },
    remove(id: string) {
      state = triageReducer(state, protocolRemoved({ caseId: CASE, protocolId: id }));
    },
    answer(protocolId: string, questionId: string, value: TriageAnswerValue) {
      clock += 7_000;
      state = triageReducer(
        state,
        answerGiven({
          caseId: CASE,
          answer: {
            protocolId,
            protocolVersion: version(protocolId),
            questionId,
            value,
            answeredAt: new Date(clock).toISOString(),
          },
        }),
      );
    },
    context(protocolId: string, questionId: string, value: string) {
      state = triageReducer(
        state,
        contextAnswered({
          caseId: CASE,
          answer: { protocolId, questionId, value, answeredAt: new Date(clock).toISOString() },
        }),
      );
    },
    override(override: Omit<TriageOverride, 'overriddenAt'>) {
      state = triageReducer(
        state,
        overrideSet({ caseId: CASE, override: { ...override, overriddenAt: new Date(clock).toISOString() } }),
      );
    },
    dispatch(action: Parameters<typeof triageReducer>[1]) {
      state = triageReducer(state, action);
    },
    triage,
    view: (age: number | null = 42) => viewCaseTriage(library, triage(), age),
  };
}

describe('a case triage', () => {
  it('starts provisional at the protocol base level and suggests the most urgent question', () => {
    const s = session();
    s.add('buksmarta-vuxen');
    const view = s.view();
    expect(view.final?.level).toBe(6);
    expect(view.result.complete).toBe(false);
    expect(view.result.nextQuestion?.questionId).toBe('chock');
    expect(buildNotePrefill(view, s.triage())?.bedomning).toContain('Preliminär');
  });

  it('lets a later answer replace an earlier one, and keeps both in the record with their times', () => {
    const s = session();
    s.add('buksmarta-vuxen');
    for (const q of ['chock', 'kraks-blod', 'svart-avforing', 'hard-som-bradda'])
      s.answer('buksmarta-vuxen', q, 'no');
    s.answer('buksmarta-vuxen', 'kan-vara-gravid', 'unsure');
    expect(s.view().final?.level).toBe(2);
    expect(s.view().result.disposition?.viaUnsure).toBe(true);

    s.answer('buksmarta-vuxen', 'kan-vara-gravid', 'no');
    s.answer('buksmarta-vuxen', 'hoger-nedre', 'yes');
    const view = s.view();
    expect(view.final?.level).toBe(3);
    expect(view.result.complete).toBe(false); // outhardlig-smarta (level 2) is still open
    s.answer('buksmarta-vuxen', 'outhardlig-smarta', 'no');
    expect(s.view().result.complete).toBe(true);

    const record = TriageRecordSchema.parse(recordOf(s.triage(), s.view()));
    expect(record.protocols).toEqual([{ id: 'buksmarta-vuxen', version: version('buksmarta-vuxen') }]);
    expect(record.answers.filter((a) => a.questionId === 'kan-vara-gravid').map((a) => a.value)).toEqual([
      'unsure',
      'no',
    ]);
    expect(record.disposition).toEqual({
      level: 3,
      careLevel: 'narakut',
      decidedBy: { protocolId: 'buksmarta-vuxen', questionId: 'hoger-nedre' },
    });
  });

  it('with two protocols the most urgent wins, and the note says which question decided', () => {
    const s = session();
    s.add('buksmarta-vuxen');
    s.add('feber-vuxen');
    s.answer('feber-vuxen', 'mer-an-fem-dygn', 'yes');
    s.answer('buksmarta-vuxen', 'hoger-nedre', 'yes');
    const view = s.view();
    expect(view.final?.level).toBe(3);
    expect(view.result.disposition?.decidedBy.protocolId).toBe('buksmarta-vuxen');
    const prefill = buildNotePrefill(view, s.triage())!;
    expect(prefill.bradskegrad).toBe(3);
    expect(prefill.bedomning).toContain('Triage enligt Buksmärta hos vuxen (version');
    expect(prefill.bedomning).toContain('Feber hos vuxen (version');
    expect(prefill.bedomning).toContain(
      'Ja: Sitter smärtan längst ner till höger i magen? Har febern varat i mer än fem dygn?',
    );
    expect(prefill.bedomning).toContain(
      'Avgörande: Sitter smärtan längst ner till höger i magen? → 3 Skyndsamt.',
    );
    expect(prefill.rad).toBe(
      library.find((p) => p.id === 'buksmarta-vuxen')!.questions.find((q) => q.id === 'hoger-nedre')!.advice
        .sv,
    );
  });

  it('names the red flags asked and ruled out in the note ("Uteslutet: …"), not a count of "no"', () => {
    const s = session();
    s.add('buksmarta-vuxen');
    const questions = library
      .find((p) => p.id === 'buksmarta-vuxen')!
      .questions.filter((q) => 'text' in q && !('rule' in q));
    const [first, second] = questions;
    s.answer('buksmarta-vuxen', first!.id, 'no');
    s.answer('buksmarta-vuxen', second!.id, 'no');
    const view = s.view();
    const names = view.result.ruledOut.map((flag) => flag.label.sv);
    expect(names.length).toBeGreaterThanOrEqual(2);
    const bedomning = buildNotePrefill(view, s.triage())!.bedomning;
    expect(bedomning).toContain(`Uteslutet: ${names.join(', ')}.`);
    expect(bedomning).not.toMatch(/Nej på \d+/);
  });

  it('puts context answers and the override in the note, and the override in the record', () => {
    const s = session();
    s.add('buksmarta-vuxen');
    s.context('buksmarta-vuxen', 'debut', 'I morse');
    s.answer('buksmarta-vuxen', 'hoger-nedre', 'yes');
    s.override({
      fromLevel: 3,
      toLevel: 2,
      reasonCode: 'previous-contact',
      reasonText: 'Ringde i går, nu värre.',
    });
    const view = s.view();
    expect(view.final?.level).toBe(2);
    expect(view.final?.direction).toBe('up');
    const prefill = buildNotePrefill(view, s.triage())!;
    expect(prefill.bradskegrad).toBe(2);
    expect(prefill.bedomning).toContain('Bakgrund: När började smärtan? I morse.');
    expect(prefill.bedomning).toContain(
      'Brådskegrad ändrad från 3 Skyndsamt till 2 Omgående: Tidigare kontakt för samma besvär – Ringde i går, nu värre.',
    );
    expect(prefill.rad).toContain('Brådskegraden är ändrad till 2 Omgående (inom 1 timme)');
    expect(recordOf(s.triage(), view).override).toMatchObject({
      fromLevel: 3,
      toLevel: 2,
      reasonCode: 'previous-contact',
    });
  });

  it('does not keep an override once the answers move the protocols to another level', () => {
    const s = session();
    s.add('buksmarta-vuxen');
    s.answer('buksmarta-vuxen', 'hoger-nedre', 'yes');
    s.override({
      fromLevel: 3,
      toLevel: 2,
      reasonCode: 'clinical-judgement',
      reasonText: 'Mycket orolig mamma.',
    });
    s.answer('buksmarta-vuxen', 'kraks-blod', 'yes');
    const stale = s.view();
    expect(stale.overrideStale).toBe(true);
    expect(stale.final?.level).toBe(1);
    expect(recordOf(s.triage(), stale).override).toBeNull();
    s.dispatch(overrideWithdrawn({ caseId: CASE }));
    expect(s.triage().override).toBeNull();
    expect(s.triage().withdrawnOverride?.toLevel).toBe(2);
  });

  it('greys out questions outside the patient age and leaves a protocol for other ages out', () => {
    const s = session();
    s.add('buksmarta-vuxen');
    s.add('feber-spadbarn');
    const view = s.view(60);
    const abdominal = view.result.protocols.find((p) => p.protocolId === 'buksmarta-vuxen')!;
    expect(abdominal.questions.find((q) => q.id === 'kan-vara-gravid')?.applicable).toBe(false);
    expect(view.result.protocols.find((p) => p.protocolId === 'feber-spadbarn')?.applicable).toBe(false);
    // The nurse's arrows skip nothing that can be answered, and after an answer go to the engine's suggestion.
    const items = checklistItems(view);
    expect(items.filter((i) => i.kind === 'context').length).toBeGreaterThan(0);
    s.answer('buksmarta-vuxen', 'chock', 'no');
    expect(rowAfterAnswer(s.view(60), checklistItems(s.view(60)), 'buksmarta-vuxen/chock')).toBe(
      'buksmarta-vuxen/kraks-blod',
    );
  });

  it('lets a protocol chosen by mistake go, but not one with answers', () => {
    const s = session();
    s.add('hosta');
    s.add('buksmarta-vuxen');
    s.remove('hosta');
    expect(s.triage().protocols.map((p) => p.id)).toEqual(['buksmarta-vuxen']);
    s.answer('buksmarta-vuxen', 'chock', 'no');
    s.remove('buksmarta-vuxen');
    expect(s.triage().protocols.map((p) => p.id)).toEqual(['buksmarta-vuxen']);
  });

  it('reopens a stored record as it was, and keeps a protocol the library no longer has in the record', () => {
    const stored = {
      protocols: [
        { id: 'buksmarta-vuxen', version: '0.9.0' },
        { id: 'borttaget-protokoll', version: '1.0.0' },
      ],
      answers: [
        {
          protocolId: 'buksmarta-vuxen',
          protocolVersion: '0.9.0',
          questionId: 'hoger-nedre',
          value: 'yes' as const,
          answeredAt: '2026-03-01T10:00:00.000Z',
        },
      ],
      disposition: null,
      override: null,
    };
    let state = triageReducer(undefined, triageOpened({ caseId: CASE, stored, birthDate: '1984-09-03' }));
    // Opening the same case again keeps what is on screen.
    state = triageReducer(state, triageOpened({ caseId: CASE, stored: null, birthDate: '1984-09-03' }));
    const triage = state.byCase[CASE]!;
    expect(triage.answers).toHaveLength(1);
    const view = viewCaseTriage(library, triage, 42);
    expect(view.missing).toEqual([{ id: 'borttaget-protokoll', version: '1.0.0' }]);
    expect(view.versionChanges).toEqual([
      { id: 'buksmarta-vuxen', recorded: '0.9.0', current: version('buksmarta-vuxen') },
    ]);
    expect(view.final?.level).toBe(3);
    expect(recordOf(triage, view).protocols.map((p) => p.id)).toEqual([
      'buksmarta-vuxen',
      'borttaget-protokoll',
    ]);
  });

  it('keeps context answers and a typed age in the record, and brings them back when the case is opened again', () => {
    const s = session();
    s.add('buksmarta-vuxen');
    s.context('buksmarta-vuxen', 'debut', 'I går kväll');
    s.dispatch(ageTyped({ caseId: CASE, ageYears: 0.25 }));
    s.answer('buksmarta-vuxen', 'chock', 'no');
    const record = TriageRecordSchema.parse(recordOf(s.triage(), s.view(0.25)));
    expect(record.contextAnswers).toEqual([
      {
        protocolId: 'buksmarta-vuxen',
        questionId: 'debut',
        value: 'I går kväll',
        answeredAt: expect.any(String),
      },
    ]);
    expect(record.typedAgeYears).toBe(0.25);

    const reopened = triageReducer(
      undefined,
      triageOpened({ caseId: CASE, stored: record, birthDate: null }),
    );
    expect(reopened.byCase[CASE]).toMatchObject({
      contextAnswers: record.contextAnswers,
      typedAgeYears: 0.25,
      answers: record.answers,
    });
    // An identified patient's age comes from the birth date: no typed age is recorded for her.
    const identified = triageReducer(
      undefined,
      triageOpened({ caseId: CASE, stored: record, birthDate: '1984-09-03' }),
    ).byCase[CASE]!;
    expect(recordOf(identified, viewCaseTriage(library, identified, 42)).typedAgeYears).toBeUndefined();
  });

  it('leaves both out of a record that has none, so records made before them hash as they did', () => {
    const s = session();
    s.add('hosta');
    const record = recordOf(s.triage(), s.view());
    // Nothing answered yet, so the record says it is provisional; no context answers, no typed age.
    expect(Object.keys(record).sort()).toEqual([
      'answers',
      'disposition',
      'override',
      'protocols',
      'provisional',
    ]);
  });

  it('forgets every case when the nurse signs out', () => {
    const s = session();
    s.add('buksmarta-vuxen');
    s.answer('buksmarta-vuxen', 'chock', 'no');
    s.dispatch(sessionChanged({ status: 'signed-out' }));
    expect(s.triage()).toBeUndefined();
  });
});

describe('the note advice and the unit chosen', () => {
  it('names the chosen unit instead of "närakut eller akutmottagning", keeping the rest of the advice', () => {
    const s = session();
    s.add('buksmarta-vuxen');
    s.answer('buksmarta-vuxen', 'hoger-nedre', 'yes');
    const view = s.view();
    expect(buildNotePrefill(view, s.triage())?.rad).toMatch(/^Sök vård på närakut eller akutmottagning inom/);
    const fitted = buildNotePrefill(view, s.triage(), { unitName: 'Närakuten Lund', careType: 'narakut' });
    expect(fitted?.rad).toBe(
      'Sök vård på Närakuten Lund (närakut) inom några timmar. Ät inget tills läkare undersökt magen.',
    );
  });
});
