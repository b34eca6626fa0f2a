// The triage engine: first-yes rule, unsure policy, several protocols, age ranges, provisional results and overrides.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyOverride,
  buildTriageRecord,
  evaluateTriage,
  TriageOverrideError,
} from '../../../core/triage/engine';
import type { TriageAnswerInput } from '../../../core/triage/engine';
import { TriageRecordSchema } from '../../../core/triage/record';
import type { TriageAnswer, TriageAnswerValue, TriageOverride } from '../../../core/triage/record';
import { fixtureProtocols } from './fixtureProtocols';

const { buk, andning, spadbarn } = fixtureProtocols();

function answers(protocolId: string, values: Record<string, TriageAnswerValue>): TriageAnswerInput[] {
  return Object.entries(values).map(([questionId, value]) => ({ protocolId, questionId, value }));
}

const ADULT = 40;

describe('one protocol: the first "yes" in acuity order decides', () => {
  it('gives the level, care level, time frame and advice of the first question answered yes', () => {
    const result = evaluateTriage({
      protocols: [buk],
      answers: answers('test-buk', { chock: 'no', 'blodig-krakning': 'yes', gravid: 'no', feber: 'yes' }),
      ageYears: ADULT,
    });
    expect(result.disposition).toMatchObject({
      level: 2,
      careLevel: 'akutmottagning',
      basis: 'question',
      decidedBy: { protocolId: 'test-buk', protocolVersion: '1.2.0', questionId: 'blodig-krakning' },
      advice: { sv: 'Åk till akutmottagningen nu.' },
      viaUnsure: false,
    });
    expect(result.disposition?.step.timeFrameMinutes).toBe(60);
    expect(result.disposition?.step.label.sv).toBe('Omgående');
    expect(result.complete).toBe(true);
    expect(result.nextQuestion).toBeNull();
  });

  it("uses the question's own care level when it has one", () => {
    const result = evaluateTriage({
      protocols: [buk],
      answers: answers('test-buk', { chock: 'no', 'blodig-krakning': 'no', gravid: 'no', feber: 'yes' }),
      ageYears: ADULT,
    });
    expect(result.disposition).toMatchObject({ level: 3, careLevel: 'jourcentral' });
  });

  it('lets a later "yes" to a more urgent question take over, whatever order the answers come in', () => {
    const lowFirst = evaluateTriage({
      protocols: [buk],
      answers: answers('test-buk', { langvarig: 'yes', feber: 'yes', chock: 'yes' }),
      ageYears: ADULT,
    });
    expect(lowFirst.disposition?.decidedBy.questionId).toBe('chock');
    expect(lowFirst.disposition?.level).toBe(1);

    const highFirst = evaluateTriage({
      protocols: [buk],
      answers: answers('test-buk', { chock: 'yes', feber: 'yes', langvarig: 'yes' }),
      ageYears: ADULT,
    });
    expect(highFirst.disposition).toEqual(lowFirst.disposition);
  });

  it('keeps the latest answer when a question is answered twice', () => {
    const changedMind = evaluateTriage({
      protocols: [buk],
      answers: [
        { protocolId: 'test-buk', questionId: 'chock', value: 'yes', answeredAt: '2025-01-01T10:00:00Z' },
        { protocolId: 'test-buk', questionId: 'chock', value: 'no', answeredAt: '2025-01-01T10:01:00Z' },
      ],
      ageYears: ADULT,
    });
    expect(changedMind.protocols[0]?.questions.find((q) => q.id === 'chock')?.answer).toBe('no');
    expect(changedMind.disposition?.level).toBe(6);
  });
});

describe('"osäker" (unsure) follows the question\'s policy', () => {
  it('counts as yes when the policy says so, and says the disposition came from an unsure answer', () => {
    const result = evaluateTriage({
      protocols: [buk],
      answers: answers('test-buk', { chock: 'unsure' }),
      ageYears: ADULT,
    });
    expect(result.disposition).toMatchObject({
      level: 1,
      viaUnsure: true,
      decidedBy: { questionId: 'chock' },
    });
    expect(result.protocols[0]?.questions[0]).toMatchObject({
      answer: 'unsure',
      countsAs: 'yes',
      decides: true,
    });
  });

  // Changed with the unsure policy: an "osäker" on a question the caller can answer used to count as no;
  // it now leaves the question open, so the result stays provisional until it is answered.
  it('leaves the question open on an answerable question (unsure: open): provisional, not decided', () => {
    const result = evaluateTriage({
      protocols: [buk],
      answers: answers('test-buk', {
        chock: 'no',
        'blodig-krakning': 'unsure',
        gravid: 'no',
        feber: 'no',
        langvarig: 'no',
      }),
      ageYears: ADULT,
    });
    expect(result.disposition).toMatchObject({ level: 6, basis: 'whenAllNo', viaUnsure: false });
    expect(result.protocols[0]?.questions[1]).toMatchObject({
      answer: 'unsure',
      countsAs: 'open',
      decides: false,
    });
    expect(result.complete).toBe(false);
    expect(result.nextQuestion?.questionId).toBe('blodig-krakning');
    expect(result.provisionalReasons).toEqual([
      expect.objectContaining({ kind: 'unsure-open', itemId: 'blodig-krakning', level: 2 }),
    ]);
  });
});

describe('whenAllNo', () => {
  it("gives the protocol's whenAllNo disposition when every applicable question is no", () => {
    const result = evaluateTriage({
      protocols: [andning],
      answers: answers('test-andning', {
        'kan-inte-prata': 'no',
        pipande: 'no',
        feber: 'no',
        'hosta-lange': 'no',
      }),
      ageYears: ADULT,
    });
    expect(result.disposition).toMatchObject({
      level: 5,
      careLevel: 'digital-vardcentral',
      basis: 'whenAllNo',
      decidedBy: { protocolId: 'test-andning', questionId: null, questionText: null },
      advice: { en: 'Book an appointment in the next few days if symptoms persist.' },
    });
    expect(result.complete).toBe(true);
  });
});

describe('provisional and complete results', () => {
  it('is provisional with nothing answered, and asks the most urgent question first', () => {
    const result = evaluateTriage({ protocols: [buk], answers: [], ageYears: ADULT });
    expect(result.complete).toBe(false);
    expect(result.disposition).toMatchObject({ level: 6, basis: 'whenAllNo' });
    expect(result.nextQuestion).toMatchObject({ protocolId: 'test-buk', questionId: 'chock', level: 1 });
  });

  it('stays provisional while a more urgent question is unanswered, and points to it', () => {
    const result = evaluateTriage({
      protocols: [buk],
      answers: answers('test-buk', { feber: 'yes' }),
      ageYears: ADULT,
    });
    expect(result.disposition?.level).toBe(3);
    expect(result.complete).toBe(false);
    expect(result.nextQuestion?.questionId).toBe('chock');

    const afterRedFlags = evaluateTriage({
      protocols: [buk],
      answers: answers('test-buk', { feber: 'yes', chock: 'no', 'blodig-krakning': 'no' }),
      ageYears: ADULT,
    });
    expect(afterRedFlags.nextQuestion?.questionId).toBe('gravid');
  });

  it('is complete once every question above the deciding one is answered, even with less urgent ones open', () => {
    const result = evaluateTriage({
      protocols: [buk],
      answers: answers('test-buk', { chock: 'no', 'blodig-krakning': 'no', gravid: 'no', feber: 'yes' }),
      ageYears: ADULT,
    });
    expect(result.complete).toBe(true);
    expect(result.protocols[0]?.questions.find((q) => q.id === 'langvarig')?.answer).toBeNull();
  });
});

describe('several protocols in one call', () => {
  it('lets the most urgent protocol win', () => {
    const result = evaluateTriage({
      protocols: [buk, andning],
      answers: [
        ...answers('test-buk', { chock: 'no', 'blodig-krakning': 'no', gravid: 'no', feber: 'yes' }),
        ...answers('test-andning', { 'kan-inte-prata': 'yes' }),
      ],
      ageYears: ADULT,
    });
    expect(result.disposition).toMatchObject({ level: 1, decidedBy: { protocolId: 'test-andning' } });
    expect(result.protocols.map((p) => p.disposition?.level)).toEqual([3, 1]);
    expect(result.complete).toBe(true);
  });

  it('breaks a tie in favour of the protocol added first', () => {
    const tied = [
      ...answers('test-buk', { chock: 'no', 'blodig-krakning': 'no', gravid: 'no', feber: 'yes' }),
      ...answers('test-andning', { 'kan-inte-prata': 'no', pipande: 'yes' }),
    ];
    const bukFirst = evaluateTriage({ protocols: [buk, andning], answers: tied, ageYears: ADULT });
    expect(bukFirst.disposition).toMatchObject({
      level: 3,
      careLevel: 'jourcentral',
      decidedBy: { protocolId: 'test-buk' },
    });
    const andningFirst = evaluateTriage({ protocols: [andning, buk], answers: tied, ageYears: ADULT });
    expect(andningFirst.disposition).toMatchObject({
      level: 3,
      careLevel: 'narakut',
      decidedBy: { protocolId: 'test-andning' },
    });
  });

  it("is provisional while a second protocol's more urgent questions are open, and asks them next", () => {
    const result = evaluateTriage({
      protocols: [buk, andning],
      answers: answers('test-buk', { chock: 'no', 'blodig-krakning': 'yes' }),
      ageYears: ADULT,
    });
    expect(result.disposition?.level).toBe(2);
    expect(result.protocols[0]?.complete).toBe(true);
    expect(result.complete).toBe(false);
    expect(result.nextQuestion).toMatchObject({ protocolId: 'test-andning', questionId: 'kan-inte-prata' });

    const answered = evaluateTriage({
      protocols: [buk, andning],
      answers: [
        ...answers('test-buk', { chock: 'no', 'blodig-krakning': 'yes' }),
        ...answers('test-andning', { 'kan-inte-prata': 'no' }),
      ],
      ageYears: ADULT,
    });
    // The breathing protocol's remaining questions are less urgent than level 2: they cannot change the result.
    expect(answered.complete).toBe(true);
    expect(answered.protocols[1]?.complete).toBe(false);
  });

  it('asks the most urgent open question across protocols first', () => {
    const result = evaluateTriage({
      protocols: [buk, andning],
      answers: answers('test-buk', { chock: 'no' }),
      ageYears: ADULT,
    });
    expect(result.nextQuestion).toMatchObject({
      protocolId: 'test-andning',
      questionId: 'kan-inte-prata',
      level: 1,
    });
  });
});

describe('age ranges', () => {
  it("skips questions outside the patient's age range and ignores answers to them", () => {
    const result = evaluateTriage({
      protocols: [buk],
      answers: answers('test-buk', { chock: 'no', 'blodig-krakning': 'no', gravid: 'yes' }),
      ageYears: 60,
    });
    const gravid = result.protocols[0]?.questions.find((q) => q.id === 'gravid');
    expect(gravid).toMatchObject({ applicable: false, countsAs: null });
    expect(result.disposition?.level).toBe(6);
    expect(result.nextQuestion?.questionId).toBe('feber');
    expect(result.warnings.map((w) => w.code)).toContain('question-not-for-age');
  });

  it('asks the question inside the range (min inclusive, max exclusive)', () => {
    const at54 = evaluateTriage({
      protocols: [buk],
      answers: answers('test-buk', { gravid: 'yes' }),
      ageYears: 54.9,
    });
    expect(at54.disposition?.decidedBy.questionId).toBe('gravid');
    const at55 = evaluateTriage({
      protocols: [buk],
      answers: answers('test-buk', { gravid: 'yes' }),
      ageYears: 55,
    });
    expect(at55.disposition?.decidedBy.questionId).toBeNull();
  });

  it('asks everything when the age is unknown', () => {
    const result = evaluateTriage({
      protocols: [andning],
      answers: answers('test-andning', { 'kan-inte-prata': 'no', 'spadbarn-indragningar': 'yes' }),
      ageYears: null,
    });
    expect(result.disposition).toMatchObject({ level: 2, careLevel: 'barnakut' });
  });

  it('leaves out a protocol for another age group with a warning instead of failing', () => {
    const result = evaluateTriage({
      protocols: [spadbarn, andning],
      answers: answers('test-spadbarn', { slo: 'yes' }),
      ageYears: 5,
    });
    expect(result.protocols[0]).toMatchObject({
      protocolId: 'test-spadbarn',
      applicable: false,
      disposition: null,
    });
    expect(result.disposition?.decidedBy.protocolId).toBe('test-andning');
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ code: 'protocol-not-for-age', protocolId: 'test-spadbarn' }),
    );
  });

  it('applies the protocol-level range with min inclusive and max exclusive', () => {
    expect(evaluateTriage({ protocols: [buk], answers: [], ageYears: 12 }).protocols[0]?.applicable).toBe(
      true,
    );
    expect(evaluateTriage({ protocols: [buk], answers: [], ageYears: 11.9 }).protocols[0]?.applicable).toBe(
      false,
    );
    expect(
      evaluateTriage({ protocols: [spadbarn], answers: [], ageYears: 0.2 }).protocols[0]?.applicable,
    ).toBe(true);
    expect(
      evaluateTriage({ protocols: [spadbarn], answers: [], ageYears: 0.25 }).protocols[0]?.applicable,
    ).toBe(false);
  });

  it('gives no disposition when no chosen protocol fits the age', () => {
    const result = evaluateTriage({ protocols: [spadbarn], answers: [], ageYears: 30 });
    expect(result.disposition).toBeNull();
    expect(result.complete).toBe(false);
    expect(result.warnings.map((w) => w.code)).toContain('no-applicable-protocol');
  });
});

describe('odd input never crashes the engine', () => {
  it('reports answers to unknown protocols and questions, and answers from another protocol version', () => {
    const result = evaluateTriage({
      protocols: [buk],
      answers: [
        { protocolId: 'nope', questionId: 'chock', value: 'yes' },
        { protocolId: 'test-buk', questionId: 'nope', value: 'yes' },
        { protocolId: 'test-buk', questionId: 'feber', value: 'yes', protocolVersion: '1.0.0' },
      ],
      ageYears: ADULT,
    });
    expect(result.warnings.map((w) => w.code)).toEqual([
      'unknown-protocol',
      'unknown-question',
      'version-mismatch',
    ]);
    expect(result.disposition?.level).toBe(3);
  });

  it('ignores an answer value other than yes, no or unsure instead of counting it', () => {
    const result = evaluateTriage({
      protocols: [buk],
      answers: [{ protocolId: 'test-buk', questionId: 'chock', value: 'ja' as TriageAnswerValue }],
      ageYears: ADULT,
    });
    expect(result.protocols[0]?.questions[0]?.answer).toBeNull();
    expect(result.nextQuestion?.questionId).toBe('chock');
    expect(result.warnings.map((w) => w.code)).toEqual(['invalid-answer']);
  });

  it('gives nothing to show before a protocol is chosen', () => {
    expect(evaluateTriage({ protocols: [], answers: [], ageYears: null })).toMatchObject({
      disposition: null,
      complete: false,
      nextQuestion: null,
    });
  });
});

describe('properties', () => {
  const bukIds = buk.questions.map((q) => q.id);
  const answerValues = fc.constantFrom<TriageAnswerValue>('yes', 'no', 'unsure');
  const answerSets = fc.dictionary(fc.constantFrom(...bukIds), answerValues);

  it('gives the same result whatever order the answers are given in', () => {
    const givenAndShuffled = answerSets
      .map((set) => answers('test-buk', set))
      .chain((given) =>
        fc.tuple(
          fc.constant(given),
          fc.shuffledSubarray(given, { minLength: given.length, maxLength: given.length }),
        ),
      );
    fc.assert(
      fc.property(givenAndShuffled, ([given, shuffled]) => {
        const a = evaluateTriage({ protocols: [buk], answers: given, ageYears: ADULT });
        const b = evaluateTriage({ protocols: [buk], answers: shuffled, ageYears: ADULT });
        expect(b.disposition).toEqual(a.disposition);
        expect(b.nextQuestion).toEqual(a.nextQuestion);
      }),
    );
  });

  it('never becomes less urgent when a question is answered yes', () => {
    fc.assert(
      fc.property(answerSets, fc.constantFrom(...bukIds), (set, extra) => {
        const before = evaluateTriage({
          protocols: [buk],
          answers: answers('test-buk', set),
          ageYears: ADULT,
        });
        const after = evaluateTriage({
          protocols: [buk],
          answers: answers('test-buk', { ...set, [extra]: 'yes' }),
          ageYears: ADULT,
        });
        expect(after.disposition?.level ?? 7).toBeLessThanOrEqual(before.disposition?.level ?? 7);
      }),
    );
  });
});

describe('overrides', () => {
  const decided = evaluateTriage({
    protocols: [buk],
    answers: answers('test-buk', { chock: 'no', 'blodig-krakning': 'no', gravid: 'no', feber: 'yes' }),
    ageYears: ADULT,
  });
  const override: TriageOverride = {
    fromLevel: 3,
    toLevel: 2,
    reasonCode: 'risk-factors',
    reasonText: 'Blodförtunnande läkemedel',
    overriddenAt: '2025-03-01T14:05:00+01:00',
  };

  it('moves the disposition with a reason and keeps what the protocols gave', () => {
    const final = applyOverride(decided, override);
    expect(final).toMatchObject({ level: 2, careLevel: 'akutmottagning', direction: 'up', override });
    expect(final.engine.level).toBe(3);
    expect(final.step.label.sv).toBe('Omgående');
    expect(applyOverride(decided, { ...override, toLevel: 5 }).direction).toBe('down');
  });

  it('leaves the disposition as the protocols gave it without an override', () => {
    expect(applyOverride(decided, null)).toMatchObject({
      level: 3,
      careLevel: 'jourcentral',
      override: null,
      direction: null,
    });
  });

  it('refuses an override without a proper reason, from a stale level, or to the same level', () => {
    expect(() => applyOverride(decided, { ...override, reasonText: 'nej' })).toThrow(/at least 5 characters/);
    expect(() => applyOverride(decided, { ...override, reasonCode: 'whim' as never })).toThrow(
      TriageOverrideError,
    );
    expect(() => applyOverride(decided, { ...override, fromLevel: 4 })).toThrow(/protocols now give level 3/);
    expect(() => applyOverride(decided, { ...override, toLevel: 3 })).toThrow(/does not change the level/);
  });

  it('refuses an override when there is no disposition yet', () => {
    const none = evaluateTriage({ protocols: [], answers: [], ageYears: null });
    expect(() => applyOverride(none, override)).toThrow(/no disposition to override/);
  });

  it('builds a case record with protocol versions, timed answers and the override', () => {
    const timed: TriageAnswer[] = answers('test-buk', { chock: 'no', feber: 'yes' }).map((a) => ({
      ...a,
      protocolVersion: buk.version,
      answeredAt: '2025-03-01T14:02:00+01:00',
    }));
    const result = evaluateTriage({ protocols: [buk], answers: timed, ageYears: ADULT });
    const record = buildTriageRecord([buk], timed, result, override);
    expect(TriageRecordSchema.parse(record)).toEqual(record);
    expect(record).toMatchObject({
      protocols: [{ id: 'test-buk', version: '1.2.0' }],
      disposition: {
        level: 3,
        careLevel: 'jourcentral',
        decidedBy: { protocolId: 'test-buk', questionId: 'feber' },
      },
      override: { toLevel: 2 },
    });
    expect(record.answers).toHaveLength(2);
  });
});
