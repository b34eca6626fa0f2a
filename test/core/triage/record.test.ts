// The triage record kept in a case: what is accepted and what is refused with a clear message.
import { describe, expect, it } from 'vitest';
import {
  OVERRIDE_REASON_CODES,
  OVERRIDE_REASON_LABELS,
  TriageAnswerSchema,
  TriageOverrideSchema,
  TriageRecordSchema,
} from '../../../core/triage/record';

const answer = {
  protocolId: 'feber-vuxen',
  protocolVersion: '1.0.0',
  questionId: 'nackstelhet',
  value: 'unsure',
  answeredAt: '2025-02-03T08:15:00+01:00',
};

describe('triage record', () => {
  it('accepts a complete record with an override', () => {
    const record = {
      protocols: [{ id: 'feber-vuxen', version: '1.0.0' }],
      answers: [answer],
      disposition: {
        level: 2,
        careLevel: 'akutmottagning',
        decidedBy: { protocolId: 'feber-vuxen', questionId: 'nackstelhet' },
      },
      override: {
        fromLevel: 2,
        toLevel: 1,
        reasonCode: 'patient-vulnerable',
        reasonText: 'Bor ensam, svår att väcka',
        overriddenAt: '2025-02-03T08:17:00+01:00',
      },
    };
    expect(TriageRecordSchema.parse(record)).toEqual(record);
  });

  it('refuses answers other than yes, no or unsure, and times that are not ISO datetimes', () => {
    expect(TriageAnswerSchema.safeParse({ ...answer, value: 'ja' }).success).toBe(false);
    expect(TriageAnswerSchema.safeParse({ ...answer, answeredAt: '3 feb 08:15' }).success).toBe(false);
  });

  it('refuses an override without a real reason or outside the ladder', () => {
    const override = {
      fromLevel: 3,
      toLevel: 2,
      reasonCode: 'other',
      reasonText: 'Oroad',
      overriddenAt: answer.answeredAt,
    };
    expect(TriageOverrideSchema.safeParse(override).success).toBe(true);
    const short = TriageOverrideSchema.safeParse({ ...override, reasonText: '  ok  ' });
    expect(short.error?.issues[0]?.message).toMatch(/minst 5 tecken/);
    expect(TriageOverrideSchema.safeParse({ ...override, toLevel: 7 }).error?.issues[0]?.message).toMatch(
      /1–6/,
    );
    expect(TriageOverrideSchema.safeParse({ ...override, reasonCode: 'whim' }).success).toBe(false);
  });

  it('has a Swedish and an English label for every reason code', () => {
    for (const code of OVERRIDE_REASON_CODES) {
      expect(OVERRIDE_REASON_LABELS[code].sv.length).toBeGreaterThan(0);
      expect(OVERRIDE_REASON_LABELS[code].en.length).toBeGreaterThan(0);
    }
  });
});
