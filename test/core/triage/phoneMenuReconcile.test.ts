// The phone menu held against the triage: a pressed red flag the nurse answered "no" is a contradiction, until resolved.
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateTriage } from '../../../core/triage/engine';
import type { Protocol } from '../../../core/triage/protocol';
import { PHONE_MENU_LINKS, phoneMenuContradictions } from '../../../core/triage/phoneMenuReconcile';
import { triageBlocksSigning, type TriageAnswer } from '../../../core/triage/record';
import { loadProtocols } from '../../../main/services/protocols/loadProtocols';

let library: Protocol[];
beforeAll(async () => {
  library = (await loadProtocols()).protocols;
});

function triage(
  protocolIds: string[],
  answers: Record<string, 'yes' | 'no' | 'unsure'>,
  findings = {},
  ageYears = 50,
) {
  const protocols = protocolIds.map((id) => library.find((p) => p.id === id)!);
  const list: TriageAnswer[] = Object.entries(answers).map(([questionId, value]) => ({
    protocolId: protocols.find((p) => p.questions.some((q) => q.id === questionId))!.id,
    protocolVersion: '1',
    questionId,
    value,
    answeredAt: '2026-12-08T01:00:00Z',
  }));
  return { result: evaluateTriage({ protocols, answers: list, ageYears, findings }), findings, ageYears };
}

describe('phoneMenuContradictions', () => {
  it('links every phone-menu question only to question ids some protocol really asks', () => {
    const ids = new Set(library.flatMap((p) => p.questions.map((q) => q.id)));
    for (const link of Object.values(PHONE_MENU_LINKS)) {
      if (link.kind !== 'questions') continue;
      for (const id of link.questionIds) expect(ids, id).toContain(id);
    }
  });

  it('finds a pressed "chest pain" the nurse answered no, and none when she answered yes or unsure', () => {
    const menu = [{ code: 'chest-pain', answer: 'yes' }] as const;
    const against = phoneMenuContradictions(menu, [], triage(['hjartklappning'], { brostsmarta: 'no' }));
    expect(against).toMatchObject([
      { code: 'chest-pain', menuAnswer: 'yes', questions: [{ questionId: 'brostsmarta', answer: 'no' }] },
    ]);
    expect(phoneMenuContradictions(menu, [], triage(['hjartklappning'], { brostsmarta: 'yes' }))).toEqual([]);
    expect(phoneMenuContradictions(menu, [], triage(['hjartklappning'], { brostsmarta: 'unsure' }))).toEqual(
      [],
    );
    // Not asked yet is no contradiction either: the nurse will come to it.
    expect(phoneMenuContradictions(menu, [], triage(['hjartklappning'], {}))).toEqual([]);
  });

  it('finds a "no" in the menu the nurse answered yes, once, even when two protocols share the question', () => {
    const menu = [{ code: 'chest-pain', answer: 'no' }] as const;
    const found = phoneMenuContradictions(
      menu,
      [],
      triage(['hjartklappning', 'yrsel'], { brostsmarta: 'yes' }),
    );
    expect(found).toHaveLength(1);
    expect(found[0]!.questions).toHaveLength(1);
  });

  it('holds a high fever against the measured temperature, and leaves a resolved one out', () => {
    const menu = [{ code: 'high-fever', answer: 'yes' }] as const;
    const low = triage(['feber-vuxen'], {}, { temperatureC: 37.4 });
    expect(phoneMenuContradictions(menu, [], low)).toMatchObject([
      { code: 'high-fever', finding: 'temperatureC', canKeepMenu: false },
    ]);
    expect(phoneMenuContradictions(menu, [], triage(['feber-vuxen'], {}, { temperatureC: 39.6 }))).toEqual(
      [],
    );
    expect(phoneMenuContradictions(menu, [], triage(['feber-vuxen'], {}, {}))).toEqual([]);
    const resolved = [{ code: 'high-fever', kept: 'nurse', resolvedAt: '2026-12-08T01:02:00Z' }] as const;
    expect(phoneMenuContradictions(menu, resolved, low)).toEqual([]);
  });

  it('holds "a baby under 3 months with fever" against the age', () => {
    const menu = [{ code: 'infant-fever', answer: 'yes' }] as const;
    expect(phoneMenuContradictions(menu, [], triage(['feber-barn'], {}, {}, 2))).toHaveLength(1);
    expect(
      phoneMenuContradictions(menu, [], triage(['feber-spadbarn'], {}, { temperatureC: 38.3 }, 0.1)),
    ).toEqual([]);
  });
});

describe('triageBlocksSigning', () => {
  const base = {
    protocols: [],
    answers: [],
    disposition: {
      level: 4 as const,
      careLevel: 'vardcentral' as const,
      decidedBy: { protocolId: 'x', questionId: null },
    },
    override: null,
  };
  it('blocks while a phone-menu contradiction is open, even with a reason for a provisional triage', () => {
    const menu = { answers: [{ code: 'chest-pain' as const, answer: 'yes' as const }], resolutions: [] };
    expect(triageBlocksSigning({ ...base, phoneMenu: { ...menu, unresolved: true } })).toBe(true);
    expect(
      triageBlocksSigning({
        ...base,
        provisional: true,
        provisionalReason: { code: 'call-dropped', givenAt: '2026-12-08T01:00:00Z' },
        phoneMenu: { ...menu, unresolved: true },
      }),
    ).toBe(true);
    expect(triageBlocksSigning({ ...base, phoneMenu: menu })).toBe(false);
  });
});
