// The triage protocol format (one YAML file per protocol), its zod schema and the JSON Schema for editors.
//
// The format is shared with the content authors (see resources/protocols/README.md): items (questions
// and rules) are ordered from highest to lowest acuity, the first "yes" decides the disposition, and
// Swedish text is primary. The linter (protocolLint.ts) checks every rule the engine relies on.
import { z } from 'zod';
import { AGE_BANDS, isInAgeBands } from './ageBands';
import type { AgeBand } from './ageBands';
import { AgeBandListSchema, AgeRangeSchema, ConditionSchema, isInAgeRange, KEBAB_CASE } from './condition';
import type { AgeRange } from './condition';
import { CARE_LEVELS, DISPOSITION_LEVELS } from './dispositionLadder';
import { PatientSexSchema, SEX_LABELS } from './findings';
import type { PatientSex } from './findings';

export { AgeRangeSchema, isInAgeRange } from './condition';
export type { AgeRange, Condition } from './condition';
export { checkProtocols, formatPath, lintProtocols } from './protocolLint';
export type { ProtocolFile, ProtocolProblem } from './protocolLint';
/** Semantic version (major.minor.patch, optional pre-release); a case stores the version that gave its advice. */
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?$/;

/** Body parts a protocol is filed under; nurses also search by them. Labels are what the UI shows. */
export const BODY_PARTS = {
  huvud: { sv: 'Huvud', en: 'Head' },
  ogon: { sv: 'Ögon', en: 'Eyes' },
  'oron-nasa-hals': { sv: 'Öron, näsa, hals', en: 'Ears, nose, throat' },
  'mun-tander': { sv: 'Mun och tänder', en: 'Mouth and teeth' },
  brost: { sv: 'Bröst', en: 'Chest' },
  buk: { sv: 'Buk, mage', en: 'Abdomen' },
  rygg: { sv: 'Rygg', en: 'Back' },
  underliv: { sv: 'Underliv', en: 'Genitals' },
  hud: { sv: 'Hud', en: 'Skin' },
  'armar-ben': { sv: 'Armar och ben', en: 'Arms and legs' },
  'hela-kroppen': { sv: 'Hela kroppen', en: 'Whole body' },
  psyke: { sv: 'Psyke', en: 'Mental health' },
} as const satisfies Record<string, { sv: string; en: string }>;
export type BodyPart = keyof typeof BODY_PARTS;
const BODY_PART_IDS = Object.keys(BODY_PARTS) as [BodyPart, ...BodyPart[]];

const swedishText = z
  .string({ error: 'Swedish text (sv) is missing; Swedish is the primary language.' })
  .trim()
  .min(1, 'Swedish text (sv) is empty; Swedish is the primary language.');
const englishText = z
  .string({ error: 'English text (en) is missing; every text needs an English version too.' })
  .trim()
  .min(1, 'English text (en) is empty.');

export const LocalizedTextSchema = z.strictObject(
  { sv: swedishText, en: englishText },
  { error: 'Expected a text with Swedish and English: { sv: ..., en: ... }.' },
);
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

const levelSchema = z.literal(DISPOSITION_LEVELS, {
  error: 'Disposition level must be a whole number from 1 (Ring 112 nu) to 6 (Egenvård).',
});
const careLevelSchema = z.enum(CARE_LEVELS, {
  error: `Care level must be one of: ${CARE_LEVELS.join(', ')}.`,
});

const termList = (language: string) =>
  z.array(z.string().trim().min(1, `Empty ${language} search term.`), {
    error: `Expected a list of ${language} words, e.g. [magont, ont i magen].`,
  });

export const ContextQuestionSchema = z.strictObject({
  id: z.string().regex(KEBAB_CASE, 'Question id must be kebab-case ASCII (a-z, 0-9, hyphens).'),
  kind: z.enum(['text', 'yesno', 'number'], {
    error: 'Context question kind must be text, yesno or number.',
  }),
  text: LocalizedTextSchema,
});
export type ContextQuestion = z.infer<typeof ContextQuestionSchema>;

const itemId = z.string().regex(KEBAB_CASE, 'Question id must be kebab-case ASCII (a-z, 0-9, hyphens).');
const sexSchema = PatientSexSchema.optional().meta({
  description: 'Only for patients of this sex; asked too when the sex is not known.',
});
const ageBandsSchema = AgeBandListSchema.optional().meta({
  description: 'Only for patients in these age bands (spadbarn, smabarn, barn, ungdom, vuxen, aldre).',
});
const labelSchema = LocalizedTextSchema.optional().meta({
  description: 'Short name of the red flag for the note, e.g. { sv: Nackstelhet, en: Neck stiffness }.',
});

/** The unsure policies; the old yes/no policies get a message saying what replaced them. */
const unsurePolicy = z
  .enum(['escalate', 'open'], {
    error: (issue) =>
      issue.input === 'yes' || issue.input === 'no'
        ? `unsure: ${String(issue.input)} is the old policy; write unsure: escalate (the caller cannot know, unsure counts as yes) or unsure: open (the caller can know; unsure leaves the question open).`
        : 'unsure must be escalate (the caller cannot know: unsure counts as yes) or open (the caller can know: unsure leaves the question open).',
  })
  .meta({
    description:
      'escalate: the caller cannot know (is the baby breathing normally?), "osäker" counts as yes. open: the caller can know, "osäker" leaves the question open and the disposition provisional.',
  });

export const TriageQuestionSchema = z.strictObject({
  id: itemId,
  text: LocalizedTextSchema,
  label: labelSchema,
  level: levelSchema.meta({ description: 'Disposition level (1–6) a "yes" triggers.' }),
  careLevel: careLevelSchema
    .optional()
    .meta({ description: "Defaults to the disposition ladder's default care level for the level." }),
  unsure: unsurePolicy,
  advice: LocalizedTextSchema,
  ageYears: AgeRangeSchema.optional().meta({ description: 'The question is only asked in this age range.' }),
  ageBands: ageBandsSchema,
  sex: sexSchema,
  when: ConditionSchema.optional().meta({
    description: 'The question is only asked when this condition is not false (beside sex and age).',
  }),
});
export type TriageQuestion = z.infer<typeof TriageQuestionSchema>;

/** A rule fires from a condition over findings, sex, age and answers instead of being asked. */
export const TriageRuleSchema = z.strictObject({
  id: itemId,
  rule: ConditionSchema.meta({ description: 'When this condition is true, the rule fires.' }),
  description: LocalizedTextSchema.meta({ description: 'Shown when the rule fires: what it found.' }),
  label: labelSchema,
  level: levelSchema.meta({ description: 'Disposition level (1–6) the rule gives when it fires.' }),
  careLevel: careLevelSchema.optional(),
  unknown: z
    .enum(['escalate', 'ignore'], {
      error:
        'unknown must be escalate (a finding the caller cannot tell makes the rule fire) or ignore (it does not).',
    })
    .meta({ description: 'How a finding marked "unknown" decides the rule.' }),
  advice: LocalizedTextSchema,
  ageYears: AgeRangeSchema.optional(),
  ageBands: ageBandsSchema,
  sex: sexSchema,
});
export type TriageRule = z.infer<typeof TriageRuleSchema>;

/** One item of the acuity-ordered list: a question asked of the caller, or a rule over the findings. */
export type TriageItem = TriageQuestion | TriageRule;
export const TriageItemSchema = z.union([TriageQuestionSchema, TriageRuleSchema]);

export function isTriageRule(item: TriageItem): item is TriageRule {
  return 'rule' in item;
}

/** The questions a nurse asks (rules left out), in acuity order. */
export function askedQuestions(protocol: Protocol): TriageQuestion[] {
  return protocol.questions.filter((item): item is TriageQuestion => !isTriageRule(item));
}

/** The short name of a red flag for the note: its label, else the question text or rule description. */
export function itemLabel(item: TriageItem): LocalizedText {
  return item.label ?? (isTriageRule(item) ? item.description : item.text);
}

/** A calendar date as written in a protocol file, e.g. 2026-12-07. */
const isoDate = (what: string) =>
  z.iso.date({ error: `${what} must be a date written YYYY-MM-DD, e.g. 2026-12-07.` });

/** Who reviewed the protocol's content, and when; demo content is "ej granskad" (not reviewed). */
export const ProtocolReviewSchema = z
  .discriminatedUnion(
    'status',
    [
      z.strictObject({ status: z.literal('ej-granskad') }),
      z.strictObject({
        status: z.literal('granskad'),
        reviewer: z
          .string({ error: 'A reviewed protocol (granskad) needs the reviewer: name and title.' })
          .trim()
          .min(1, 'A reviewed protocol (granskad) needs the reviewer: name and title.'),
        reviewedOn: isoDate('reviewedOn (the review date of a granskad protocol)'),
      }),
    ],
    { error: 'review.status must be ej-granskad (not reviewed) or granskad (with reviewer and reviewedOn).' },
  )
  .meta({
    description:
      'ej-granskad: not reviewed (demo content). granskad: reviewed by reviewer (name, title) on reviewedOn.',
  });
export type ProtocolReview = z.infer<typeof ProtocolReviewSchema>;

/** One version of the protocol: what changed, and when. */
export const ChangelogEntrySchema = z.strictObject({
  version: z.string().regex(SEMVER, 'changelog version must be semver, e.g. 1.0.0.'),
  date: isoDate('changelog date'),
  change: z
    .string({ error: 'changelog change is missing: say what changed in this version.' })
    .trim()
    .min(1, 'changelog change is empty: say what changed in this version.'),
});
export type ChangelogEntry = z.infer<typeof ChangelogEntrySchema>;

export const ProtocolSchema = z
  .strictObject({
    id: z.string().regex(KEBAB_CASE, 'Protocol id must be kebab-case ASCII (a-z, 0-9, hyphens).'),
    version: z.string().regex(SEMVER, 'version must be semver, e.g. 1.0.0; bump it on any content change.'),
    demo: z.literal(true, {
      error: 'demo must be true: this library is demo content, not clinically validated.',
    }),
    review: ProtocolReviewSchema,
    changelog: z
      .array(ChangelogEntrySchema, { error: 'changelog must be a list of { version, date, change }.' })
      .min(1, 'changelog needs at least one entry (the first version).')
      .meta({ description: 'Every version, oldest first; the last entry is the current version.' }),
    title: LocalizedTextSchema,
    bodyPart: z.enum(BODY_PART_IDS, { error: `bodyPart must be one of: ${BODY_PART_IDS.join(', ')}.` }),
    ageYears: AgeRangeSchema.optional().meta({ description: 'The protocol only applies in this age range.' }),
    ageBands: AgeBandListSchema.optional().meta({
      description:
        'The protocol only applies in these age bands (spadbarn, smabarn, barn, ungdom, vuxen, aldre).',
    }),
    sex: PatientSexSchema.optional().meta({
      description: 'The protocol only applies to patients of this sex.',
    }),
    searchTerms: z.strictObject({
      sv: termList('Swedish').min(1, 'At least one Swedish search term is needed.'),
      en: termList('English'),
    }),
    synonyms: z
      .strictObject({ sv: termList('Swedish').default([]), en: termList('English').default([]) })
      .default({ sv: [], en: [] })
      .meta({ description: 'Extra words that should find this protocol (lay terms, misspellings).' }),
    contextQuestions: z
      .array(ContextQuestionSchema)
      .default([])
      .meta({ description: 'Asked for the record; they never decide the disposition.' }),
    questions: z
      .array(TriageItemSchema)
      .min(1, 'A protocol needs at least one triage question.')
      .meta({ description: 'Triage questions and rules, ordered from highest to lowest acuity.' }),
    whenAllNo: z
      .strictObject({
        level: levelSchema,
        careLevel: careLevelSchema.optional(),
        advice: LocalizedTextSchema,
      })
      .meta({ description: 'Disposition when every applicable question is answered "no".' }),
    references: z.array(z.string().trim().min(1)).min(1, 'At least one reference is needed.'),
  })
  .meta({ title: 'Firstline triage protocol', description: 'One telephone triage protocol (demo content).' });
export type Protocol = z.infer<typeof ProtocolSchema>;

/** The JSON Schema of a protocol file, for editors (YAML language server) and external tooling. */
export function protocolJsonSchema(): Record<string, unknown> {
  // io 'input' describes the file as written: fields with defaults are optional there.
  return z.toJSONSchema(ProtocolSchema, { io: 'input', target: 'draft-2020-12' });
}

/** The patient a protocol or item is checked against: unknown age or sex excludes nothing. */
export interface PatientForTriage {
  ageYears: number | null;
  sex: PatientSex | null;
}

/** Why a protocol or an item is not for this patient, in Swedish and English; null when it is. */
export interface Exclusion {
  reason: 'age' | 'sex';
  message: LocalizedText;
}

/** Whether a protocol or item with age/sex limits is for the patient (age range, age bands and sex all must fit). */
export function exclusionOf(
  target: {
    ageYears?: AgeRange | undefined;
    ageBands?: readonly AgeBand[] | undefined;
    sex?: PatientSex | undefined;
  },
  patient: PatientForTriage,
): Exclusion | null {
  if (!isInAgeRange(target.ageYears, patient.ageYears) || !isInAgeBands(target.ageBands, patient.ageYears)) {
    const limits = [
      ...(target.ageYears ? [describeAgeRange(target.ageYears)] : []),
      ...(target.ageBands ? [target.ageBands.map((band) => AGE_BANDS[band].label.sv).join(', ')] : []),
    ];
    return {
      reason: 'age',
      message: {
        sv: `Gäller ${limits.join('; ')}; patienten är ${formatAge(patient.ageYears ?? 0)}.`,
        en: `For ${limits.join('; ')}; the patient is ${formatAge(patient.ageYears ?? 0)}.`,
      },
    };
  }
  if (target.sex !== undefined && patient.sex !== null && target.sex !== patient.sex) {
    return {
      reason: 'sex',
      message: {
        sv: `Gäller bara ${SEX_LABELS[target.sex].sv.toLowerCase()}; patienten är ${SEX_LABELS[patient.sex].sv.toLowerCase()}.`,
        en: `Only for ${SEX_LABELS[target.sex].en.toLowerCase()} patients; the patient is ${SEX_LABELS[patient.sex].en.toLowerCase()}.`,
      },
    };
  }
  return null;
}

/** An age range in words ("0.25 to under 12 years"). */
export function describeAgeRange(range: AgeRange | undefined): string {
  if (!range) return 'all ages';
  if (range.min !== undefined && range.max !== undefined) return `${range.min}–<${range.max} år`;
  if (range.min !== undefined) return `${range.min}+ år`;
  return `<${range.max} år`;
}

function formatAge(ageYears: number): string {
  return `${Math.round(ageYears * 100) / 100} år`;
}
