// The phone menu's answers held against the triage: a red flag the caller pressed "yes" to and the nurse's "no" (or the other way) is a contradiction to resolve.
//
// Each phone-menu question is linked to the protocol questions (shared ids across protocols) or the
// finding that ask the same thing. A "yes" in the menu contradicts the triage when every linked question
// asked was answered "no"; a "no" contradicts it when one was answered "yes". "Osäker" contradicts nothing.
import { z } from 'zod';
import type { FindingKey, TriageFindings } from './findings';
import type { TriageResult } from './engineTypes';
import type { TriageAnswerValue } from './record';
import {
  PHONE_MENU_QUESTION_CODES,
  PHONE_MENU_QUESTIONS,
  type PhoneMenuAnswerInput,
  type PhoneMenuQuestionCode,
} from '../queue/phoneMenu';

/** What in the triage asks the same as a phone-menu question. */
export type PhoneMenuLink =
  | { kind: 'questions'; questionIds: readonly string[] }
  | {
      kind: 'finding';
      finding: FindingKey;
      says: (findings: TriageFindings, ageYears: number | null) => boolean | null;
    };

export const PHONE_MENU_LINKS: Partial<Record<PhoneMenuQuestionCode, PhoneMenuLink>> = {
  'chest-pain': { kind: 'questions', questionIds: ['brostsmarta'] },
  'breathing-difficulty': { kind: 'questions', questionIds: ['svart-att-andas', 'andnod'] },
  'stroke-signs': {
    kind: 'questions',
    questionIds: ['ansikte-sned', 'sluddrigt-tal', 'svaghet-ena-sidan', 'ben-svagt'],
  },
  'reduced-consciousness': {
    kind: 'questions',
    questionIds: ['svar-att-vacka', 'forvirrad', 'mer-forvirrad-an-vanligt'],
  },
  'severe-bleeding': {
    kind: 'questions',
    questionIds: [
      'sprutar-blod',
      'stor-blodning',
      'slutar-inte-bloda',
      'genomblott-binda',
      'kraftig-blodning',
    ],
  },
  'severe-allergic-reaction': {
    kind: 'questions',
    questionIds: ['svullen-tunga', 'lappsvullnad', 'svullna-lappar', 'svullnad-plotslig'],
  },
  // "Hög feber (över 39 °C)": what the measured temperature says, once entered.
  'high-fever': {
    kind: 'finding',
    finding: 'temperatureC',
    says: (findings) => (typeof findings.temperatureC === 'number' ? findings.temperatureC > 39 : null),
  },
  // "Ett barn yngre än 3 månader som har feber": the age and the measured temperature together.
  'infant-fever': {
    kind: 'finding',
    finding: 'temperatureC',
    says: (findings, ageYears) => {
      if (ageYears !== null && ageYears >= 0.25) return false;
      if (typeof findings.temperatureC !== 'number') return null;
      return ageYears === null ? null : findings.temperatureC >= 38;
    },
  },
};

export const PHONE_MENU_KEPT = ['nurse', 'phone-menu'] as const;

/** How the nurse resolved one contradiction: which answer holds. Kept in the triage record. */
export const PhoneMenuResolutionSchema = z.strictObject({
  code: z.enum(PHONE_MENU_QUESTION_CODES, {
    error: 'Okänd fråga i telefonvalet (unknown phone-menu question).',
  }),
  kept: z.enum(PHONE_MENU_KEPT, { error: 'kept must be nurse or phone-menu.' }),
  resolvedAt: z.iso.datetime({ offset: true, error: 'resolvedAt must be an ISO date-time.' }),
});
export type PhoneMenuResolution = z.infer<typeof PhoneMenuResolutionSchema>;

export interface PhoneMenuContradiction {
  code: PhoneMenuQuestionCode;
  menuQuestion: { sv: string; en: string };
  menuAnswer: 'yes' | 'no';
  /** The linked questions the nurse answered against the menu (empty for a finding). */
  questions: {
    protocolId: string;
    questionId: string;
    text: { sv: string; en: string };
    answer: TriageAnswerValue;
  }[];
  /** The finding that says otherwise, for a finding link. */
  finding: FindingKey | null;
  /** Only the triage's answer can hold for a measured finding; a question can take the menu's answer. */
  canKeepMenu: boolean;
}

/** Contradictions between the phone menu and the triage as it stands, resolved ones left out. */
export function phoneMenuContradictions(
  answers: readonly PhoneMenuAnswerInput[],
  resolutions: readonly PhoneMenuResolution[],
  triage: { result: TriageResult; findings: TriageFindings; ageYears: number | null },
): PhoneMenuContradiction[] {
  const found: PhoneMenuContradiction[] = [];
  for (const { code, answer } of answers) {
    if (answer === 'no-answer' || resolutions.some((r) => r.code === code)) continue;
    const link = PHONE_MENU_LINKS[code];
    if (!link) continue;
    const menuQuestion = PHONE_MENU_QUESTIONS[code].question;
    if (link.kind === 'finding') {
      const says = link.says(triage.findings, triage.ageYears);
      if (says === null || says === (answer === 'yes')) continue;
      found.push({
        code,
        menuQuestion,
        menuAnswer: answer,
        questions: [],
        finding: link.finding,
        canKeepMenu: false,
      });
      continue;
    }
    const asked = triage.result.protocols.flatMap((p) =>
      p.questions
        .filter(
          (q) =>
            q.kind === 'question' && q.applicable && link.questionIds.includes(q.id) && q.answer !== null,
        )
        .map((q) => ({ protocolId: p.protocolId, questionId: q.id, text: q.text, answer: q.answer! })),
    );
    // The same question id in two protocols is one call-wide answer: name it once.
    const unique = asked.filter((q, i) => asked.findIndex((o) => o.questionId === q.questionId) === i);
    const against =
      answer === 'yes'
        ? unique.length > 0 && unique.every((q) => q.answer === 'no')
          ? unique
          : []
        : unique.filter((q) => q.answer === 'yes');
    if (against.length === 0) continue;
    found.push({
      code,
      menuQuestion,
      menuAnswer: answer,
      questions: against,
      finding: null,
      canKeepMenu: true,
    });
  }
  return found;
}
