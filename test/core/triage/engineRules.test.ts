// Triage engine v2: the unsure policy, patient sex, age bands, findings and rules, call-wide answers, the deciding item.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageBandOf, parseAge } from '../../../core/triage/ageBands';
import { evaluateTriage } from '../../../core/triage/engine';
import type { EvaluateTriageInput, TriageAnswerInput } from '../../../core/triage/engine';
import type { TriageFindings } from '../../../core/triage/findings';
import { askedQuestions } from '../../../core/triage/protocol';
import type { TriageAnswerValue } from '../../../core/triage/record';
import { fixtureProtocols, urinProtocol } from './fixtureProtocols';

const { buk, andning, spadbarn } = fixtureProtocols();
const urin = urinProtocol();

function answers(protocolId: string, values: Record<string, TriageAnswerValue>): TriageAnswerInput[] {
  return Object.entries(values).map(([questionId, value]) => ({ protocolId, questionId, value }));
}
const state = (result: ReturnType<typeof evaluateTriage>, protocolId: string, id: string) =>
  result.protocols.find((p) => p.protocolId === protocolId)?.questions.find((q) => q.id === id);

/** test-urin with every question answered no except those given, and the findings given. */
function urinCall(
  patient: Pick<EvaluateTriageInput, 'ageYears' | 'sex'>,
  findings: TriageFindings,
  given: Record<string, TriageAnswerValue> = {},
) {
  const all = Object.fromEntries(askedQuestions(urin).map((q) => [q.id, given[q.id] ?? 'no']));
  return evaluateTriage({ protocols: [urin], answers: answers('test-urin', all), ...patient, findings });
}

describe('unsure policy (cause 1)', () => {
  it('keeps an answerable question open on "osäker" instead of escalating, and asks it again', () => {
    const result = urinCall(
      { ageYears: 40, sex: 'female' },
      { temperatureC: 37, durationHours: 24 },
      { frossa: 'unsure' },
    );
    expect(result.disposition?.level).toBe(6);
    expect(result.disposition?.viaUnsure).toBe(false);
    expect(result.complete).toBe(false);
    expect(result.nextQuestion?.questionId).toBe('frossa');
    expect(state(result, 'test-urin', 'frossa')).toMatchObject({ countsAs: 'open', answer: 'unsure' });
  });

  it('escalates on a question the caller cannot know (unsure: escalate) and says so', () => {
    const result = urinCall(
      { ageYears: 40, sex: 'female' },
      { temperatureC: 37, durationHours: 24 },
      { forvirrad: 'unsure' },
    );
    expect(result.disposition).toMatchObject({
      level: 2,
      viaUnsure: true,
      decidedBy: { questionId: 'forvirrad' },
    });
  });
});

describe('patient sex (cause 3)', () => {
  it('never asks a man about pregnancy, and gives a male caller with urinary symptoms level 4 from a rule', () => {
    const result = urinCall({ ageYears: 45, sex: 'male' }, { temperatureC: 37.2, durationHours: 48 });
    expect(state(result, 'test-urin', 'gravid')).toMatchObject({
      applicable: false,
      notApplicable: expect.objectContaining({ reason: 'sex' }),
    });
    expect(result.nextQuestion).toBeNull();
    expect(result.disposition).toMatchObject({
      level: 4,
      basis: 'rule',
      decidedBy: { questionId: 'man-med-besvar' },
    });
    expect(result.disposition?.decidedBy.questionText?.sv).toBe('Man med urinvägsbesvär');
    const pregnancy = evaluateTriage({ protocols: [buk], answers: [], ageYears: 30, sex: 'male' });
    expect(state(pregnancy, 'test-buk', 'gravid')?.applicable).toBe(false);
  });

  it('asks sex-restricted questions and keeps the sex rule open (naming what it needs) when the sex is unknown', () => {
    const result = urinCall({ ageYears: 45, sex: null }, { temperatureC: 37.2, durationHours: 48 });
    expect(state(result, 'test-urin', 'gravid')?.applicable).toBe(true);
    expect(result.complete).toBe(false);
    expect(result.findingsNeeded.map((f) => f.finding)).toEqual(['sex']);
  });
});

describe('age bands (cause 4)', () => {
  it('puts the band limits where the README says, 3 months at exactly 0.25 years', () => {
    expect([0, 0.249, 0.25, 1.99, 2, 11.99, 12, 17.99, 18, 64.9, 65, 100].map(ageBandOf)).toEqual([
      'spadbarn',
      'spadbarn',
      'smabarn',
      'smabarn',
      'barn',
      'barn',
      'ungdom',
      'ungdom',
      'vuxen',
      'vuxen',
      'aldre',
      'aldre',
    ]);
  });

  it('does not ask an infant a question for older children or a pregnancy question', () => {
    const infant = parseAge('7 veckor');
    if (!infant.ok) throw new Error('7 veckor must parse');
    const result = evaluateTriage({
      protocols: [urin],
      answers: [],
      ageYears: infant.ageYears,
      sex: 'female',
    });
    expect(state(result, 'test-urin', 'barn-sveda')).toMatchObject({
      applicable: false,
      notApplicable: { reason: 'when' },
    });
    expect(state(result, 'test-urin', 'gravid')).toMatchObject({
      applicable: false,
      notApplicable: { reason: 'age' },
    });
    const fiveYears = evaluateTriage({ protocols: [urin], answers: [], ageYears: 5, sex: 'female' });
    expect(state(fiveYears, 'test-urin', 'barn-sveda')?.applicable).toBe(true);
  });
});

describe('findings and rules (cause 5)', () => {
  it('lets 40 °C in an adult raise the level through a rule', () => {
    const normal = urinCall({ ageYears: 40, sex: 'female' }, { temperatureC: 37.0, durationHours: 24 });
    const fever = urinCall({ ageYears: 40, sex: 'female' }, { temperatureC: 40.0, durationHours: 24 });
    expect(normal.disposition?.level).toBe(6);
    expect(fever.disposition).toMatchObject({
      level: 3,
      basis: 'rule',
      decidedBy: { questionId: 'hog-feber' },
    });
  });

  it('reads "more than a week" exactly: 168 hours is not more, 170 is', () => {
    const week = urinCall({ ageYears: 40, sex: 'female' }, { temperatureC: 37, durationHours: 168 });
    const longer = urinCall({ ageYears: 40, sex: 'female' }, { temperatureC: 37, durationHours: 170 });
    expect(week.disposition?.level).toBe(6);
    expect(longer.disposition).toMatchObject({ level: 5, decidedBy: { questionId: 'langvarig' } });
  });

  it('keeps a rule open until its finding is entered, and lets "unknown" follow the rule policy', () => {
    const infant = { ageYears: 0.1, sex: 'female' as const };
    const absent = urinCall(infant, { durationHours: 2 });
    expect(absent.complete).toBe(false);
    expect(absent.findingsNeeded[0]).toMatchObject({ finding: 'temperatureC', level: 2 });
    // feber-spadbarn escalates on an unknown temperature (no thermometer); hog-feber ignores it.
    const unknown = urinCall(infant, { temperatureC: 'unknown', durationHours: 2 });
    expect(unknown.disposition).toMatchObject({
      level: 2,
      viaUnsure: true,
      decidedBy: { questionId: 'feber-spadbarn' },
    });
  });

  it('fires a rule over a finding and an answer only when both hold', () => {
    const both = urinCall(
      { ageYears: 40, sex: 'female' },
      { temperatureC: 38.5, durationHours: 24 },
      { frossa: 'yes' },
    );
    expect(both.disposition).toMatchObject({ level: 2, decidedBy: { questionId: 'feber-och-frossa' } });
    const noChills = urinCall({ ageYears: 40, sex: 'female' }, { temperatureC: 38.5, durationHours: 24 });
    expect(noChills.disposition?.level).toBe(6);
    expect(noChills.ruledOut.map((f) => f.label.sv)).toEqual([
      'Förvirring',
      'Feber med frossa',
      'Feber 39,5 grader eller mer',
      'Frossa',
      'Är patienten gravid?',
      'Besvär i mer än en vecka',
    ]);
  });
});

describe('the deciding item (cause 7) and call-wide answers', () => {
  it('names the definite yes, not an earlier-listed unsure at the same level, whichever protocol it is in', () => {
    const result = evaluateTriage({
      protocols: [andning, buk],
      answers: [
        ...answers('test-andning', { 'kan-inte-prata': 'no', 'spadbarn-indragningar': 'no', pipande: 'no' }),
        ...answers('test-buk', { chock: 'unsure' }),
      ],
      ageYears: 40,
    });
    expect(result.disposition).toMatchObject({
      level: 1,
      viaUnsure: true,
      decidedBy: { questionId: 'chock' },
    });
    const withYes = evaluateTriage({
      protocols: [buk, andning],
      answers: [
        ...answers('test-buk', { chock: 'unsure' }),
        ...answers('test-andning', { 'kan-inte-prata': 'yes' }),
      ],
      ageYears: 40,
    });
    expect(withYes.disposition).toMatchObject({
      level: 1,
      viaUnsure: false,
      decidedBy: { protocolId: 'test-andning', questionId: 'kan-inte-prata' },
    });
  });

  it('lets an escalated unsure decide only when it is more urgent than the definite yes', () => {
    const result = evaluateTriage({
      protocols: [buk],
      answers: answers('test-buk', { chock: 'unsure', 'blodig-krakning': 'yes' }),
      ageYears: 40,
    });
    expect(result.disposition).toMatchObject({
      level: 1,
      viaUnsure: true,
      decidedBy: { questionId: 'chock' },
    });
  });

  it('counts one answer to a question id in every protocol that asks it', () => {
    const result = evaluateTriage({
      protocols: [buk, andning],
      answers: answers('test-andning', { feber: 'yes' }),
      ageYears: 40,
    });
    expect(state(result, 'test-buk', 'feber')).toMatchObject({ answer: 'yes', countsAs: 'yes' });
    expect(state(result, 'test-andning', 'feber')).toMatchObject({ answer: 'yes', countsAs: 'yes' });
  });

  it('lists the red flags ruled out above the disposition by their short labels', () => {
    const result = urinCall({ ageYears: 40, sex: 'female' }, { temperatureC: 37, durationHours: 24 });
    expect(result.complete).toBe(true);
    expect(result.ruledOut.map((f) => f.itemId)).toEqual([
      'forvirrad',
      'feber-och-frossa',
      'hog-feber',
      'frossa',
      'gravid',
      'langvarig',
    ]);
  });
});

describe('properties of rules and answers', () => {
  const ids = askedQuestions(urin).map((q) => q.id);
  const answerSets = fc.dictionary(
    fc.constantFrom(...ids),
    fc.constantFrom<TriageAnswerValue>('yes', 'no', 'unsure'),
  );
  const findings = fc.record(
    {
      temperatureC: fc.oneof(fc.constant('unknown' as const), fc.double({ min: 34, max: 43.5, noNaN: true })),
      durationHours: fc.oneof(fc.constant('unknown' as const), fc.integer({ min: 0, max: 1000 })),
    },
    { requiredKeys: [] },
  );
  const patients = fc.record({
    ageYears: fc.oneof(fc.constant(null), fc.double({ min: 0, max: 100, noNaN: true })),
    sex: fc.constantFrom('female' as const, 'male' as const, null),
  });
  const run = (
    patient: { ageYears: number | null; sex: 'female' | 'male' | null },
    f: TriageFindings,
    given: TriageAnswerInput[],
  ) => evaluateTriage({ protocols: [urin, buk], answers: given, ...patient, findings: f });

  it('gives the same result whatever order the answers come in', () => {
    fc.assert(
      fc.property(patients, findings, answerSets, fc.boolean(), (patient, f, set, reverse) => {
        const given = answers('test-urin', set);
        const a = run(patient, f, given);
        const b = run(patient, f, reverse ? [...given].reverse() : given);
        expect(b.disposition).toEqual(a.disposition);
        expect(b.nextQuestion).toEqual(a.nextQuestion);
      }),
    );
  });

  it('never becomes less urgent with an extra yes', () => {
    fc.assert(
      fc.property(patients, findings, answerSets, fc.constantFrom(...ids), (patient, f, set, extra) => {
        const before = run(patient, f, answers('test-urin', set));
        const after = run(patient, f, answers('test-urin', { ...set, [extra]: 'yes' }));
        expect(after.disposition?.level ?? 7).toBeLessThanOrEqual(before.disposition?.level ?? 7);
      }),
    );
  });

  it('never gives a less urgent result with a fired rule than the same protocol without the rule', () => {
    const rules = urin.questions.filter((item) => 'rule' in item).map((item) => item.id);
    fc.assert(
      fc.property(patients, findings, answerSets, fc.constantFrom(...rules), (patient, f, set, ruleId) => {
        const without = { ...urin, questions: urin.questions.filter((item) => item.id !== ruleId) };
        const given = answers('test-urin', set);
        const withRule = evaluateTriage({ protocols: [urin], answers: given, ...patient, findings: f });
        const withoutRule = evaluateTriage({ protocols: [without], answers: given, ...patient, findings: f });
        const fired = withRule.protocols[0]?.questions.find((q) => q.id === ruleId)?.countsAs === 'yes';
        if (fired)
          expect(withRule.disposition?.level ?? 7).toBeLessThanOrEqual(withoutRule.disposition?.level ?? 7);
      }),
    );
  });
});

describe('spädbarn protocol by age', () => {
  it('leaves the infant protocol out for a 3-month-old, with the reason', () => {
    const result = evaluateTriage({ protocols: [spadbarn], answers: [], ageYears: 0.25 });
    expect(result.protocols[0]?.notApplicable).toMatchObject({ reason: 'age' });
  });
});
