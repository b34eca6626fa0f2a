// The triage protocol format (one YAML file per protocol), its zod schema, the JSON Schema for editors, and the linter.
//
// The format is shared with the content authors: questions are ordered from highest to lowest acuity,
// the first "yes" decides the disposition, and Swedish text is primary. The linter checks every rule the
// engine relies on, so a protocol that passes it can never make the engine guess.
import { z } from 'zod';
import { CARE_LEVELS, DISPOSITION_LEVELS, isDispositionLevel } from './dispositionLadder';

/** Kebab-case ASCII: protocol and question ids appear in file names, URLs and stored case records. */
const KEBAB_CASE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
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

export const AgeRangeSchema = z
  .strictObject({
    min: z
      .number()
      .min(0, 'ageYears.min cannot be negative.')
      .optional()
      .meta({ description: 'Inclusive, in years; 0.25 = 3 months.' }),
    max: z
      .number()
      .positive('ageYears.max must be above 0.')
      .optional()
      .meta({ description: 'Exclusive, in years.' }),
  })
  .refine((range) => range.min === undefined || range.max === undefined || range.min < range.max, {
    error: 'ageYears.min must be below ageYears.max (min is inclusive, max exclusive).',
  });
export type AgeRange = z.infer<typeof AgeRangeSchema>;

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

export const TriageQuestionSchema = z.strictObject({
  id: z.string().regex(KEBAB_CASE, 'Question id must be kebab-case ASCII (a-z, 0-9, hyphens).'),
  text: LocalizedTextSchema,
  level: levelSchema.meta({ description: 'Disposition level (1–6) a "yes" triggers.' }),
  careLevel: careLevelSchema
    .optional()
    .meta({ description: "Defaults to the disposition ladder's default care level for the level." }),
  unsure: z
    .enum(['yes', 'no'], { error: 'unsure must be yes or no: how an "osäker" answer counts.' })
    .meta({ description: 'How "osäker" counts: yes when missing a yes would be dangerous, otherwise no.' }),
  advice: LocalizedTextSchema,
  ageYears: AgeRangeSchema.optional().meta({ description: 'The question is only asked in this age range.' }),
});
export type TriageQuestion = z.infer<typeof TriageQuestionSchema>;

export const ProtocolSchema = z
  .strictObject({
    id: z.string().regex(KEBAB_CASE, 'Protocol id must be kebab-case ASCII (a-z, 0-9, hyphens).'),
    version: z.string().regex(SEMVER, 'version must be semver, e.g. 1.0.0; bump it on any content change.'),
    demo: z.literal(true, {
      error: 'demo must be true: this library is demo content, not clinically validated.',
    }),
    title: LocalizedTextSchema,
    bodyPart: z.enum(BODY_PART_IDS, { error: `bodyPart must be one of: ${BODY_PART_IDS.join(', ')}.` }),
    ageYears: AgeRangeSchema.optional().meta({ description: 'The protocol only applies in this age range.' }),
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
      .array(TriageQuestionSchema)
      .min(1, 'A protocol needs at least one triage question.')
      .meta({ description: 'Triage questions, ordered from highest to lowest acuity.' }),
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

export interface ProtocolProblem {
  /** The file the problem is in, as given to the linter. */
  file: string;
  /** Where in the file, e.g. `questions[3].level`; empty for the whole file. */
  path: string;
  message: string;
  /** Errors make the protocol unusable; warnings are worth a look but do not block. */
  severity: 'error' | 'warning';
}

export interface ProtocolFile {
  fileName: string;
  /** The parsed YAML document. */
  data: unknown;
}

/** Lists every problem in a set of protocol files; an empty list means the whole library is usable. */
export function lintProtocols(files: readonly ProtocolFile[]): ProtocolProblem[] {
  return checkProtocols(files).problems;
}

/** Validates protocol files and returns those without errors (in the given order) and every problem found. */
export function checkProtocols(files: readonly ProtocolFile[]): {
  protocols: Protocol[];
  problems: ProtocolProblem[];
} {
  const problems: ProtocolProblem[] = [];
  const usable: Protocol[] = [];
  const firstFileById = new Map<string, string>();

  for (const { fileName, data } of files) {
    const fileProblems: ProtocolProblem[] = [];
    const parsed = ProtocolSchema.safeParse(data);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        fileProblems.push(error(fileName, formatPath(issue.path), describeIssue(issue, data)));
      }
    }
    // The cross-field rules run on the raw document too, so an author sees every problem at once.
    fileProblems.push(...checkProtocolRules(fileName, data));
    const id = field(data, 'id');
    if (typeof id === 'string') {
      const earlier = firstFileById.get(id);
      if (earlier !== undefined)
        fileProblems.push(error(fileName, 'id', `Protocol id '${id}' is already used by ${earlier}.`));
      else firstFileById.set(id, fileName);
    }
    problems.push(...fileProblems);
    if (parsed.success && !fileProblems.some((p) => p.severity === 'error')) usable.push(parsed.data);
  }
  return { protocols: usable, problems };
}

/** Rules that span several fields. They read the raw document defensively: the schema may have failed. */
function checkProtocolRules(file: string, data: unknown): ProtocolProblem[] {
  const problems: ProtocolProblem[] = [];
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return problems;
  const id = field(data, 'id');
  const expectedId = baseName(file);
  if (typeof id === 'string' && expectedId !== null && expectedId !== id) {
    problems.push(error(file, 'id', `Protocol id '${id}' must equal the file name ('${expectedId}').`));
  }

  const seen = new Map<string, string>();
  const noteId = (questionId: unknown, where: string) => {
    if (typeof questionId !== 'string') return;
    const other = seen.get(questionId);
    if (other !== undefined)
      problems.push(error(file, where, `Question id '${questionId}' is already used at ${other}.`));
    else seen.set(questionId, where);
  };
  listAt(data, 'contextQuestions').forEach((question, i) =>
    noteId(field(question, 'id'), `contextQuestions[${i}].id`),
  );

  const protocolAges = field(data, 'ageYears');
  const questions = listAt(data, 'questions');
  let previous: { id: string; level: number } | null = null;
  for (const [i, question] of questions.entries()) {
    const where = `questions[${i}]`;
    const qid = field(question, 'id');
    const name = typeof qid === 'string' ? qid : `#${i + 1}`;
    noteId(qid, `${where}.id`);

    const level = field(question, 'level');
    // Levels outside 1–6 are already reported by the schema; comparing them would only repeat that.
    if (isDispositionLevel(level)) {
      if (previous !== null && level < previous.level) {
        problems.push(
          error(
            file,
            `${where}.level`,
            `Questions must be in acuity order: '${name}' (level ${level}) comes after '${previous.id}' (level ${previous.level}).`,
          ),
        );
      }
      previous = { id: name, level };
    }

    const sv = field(field(question, 'text'), 'sv');
    if (typeof sv === 'string' && sv.trim() !== '') {
      // "One question asks one thing": two question marks mean two questions in one.
      if ((sv.match(/\?/g) ?? []).length > 1) {
        problems.push(
          error(file, `${where}.text.sv`, `Question '${name}' asks more than one thing (several '?').`),
        );
      } else if (!sv.trimEnd().endsWith('?')) {
        problems.push(warning(file, `${where}.text.sv`, `Question '${name}' does not end with '?'.`));
      }
    }

    const ages = field(question, 'ageYears');
    if (isAgeRangeLike(ages) && isAgeRangeLike(protocolAges) && !rangesOverlap(ages, protocolAges)) {
      problems.push(
        warning(
          file,
          `${where}.ageYears`,
          `Question '${name}' is never asked: its age range is outside the protocol's.`,
        ),
      );
    }
    if (field(question, 'careLevel') === 'egenvard' && typeof level === 'number' && level < 6) {
      problems.push(
        warning(
          file,
          `${where}.careLevel`,
          `Care level egenvard with level ${level} sends the patient nowhere.`,
        ),
      );
    }
  }

  const finalLevel = field(field(data, 'whenAllNo'), 'level');
  const last = previous as { id: string; level: number } | null;
  if (last !== null && isDispositionLevel(finalLevel) && finalLevel < last.level) {
    problems.push(
      error(
        file,
        'whenAllNo.level',
        `whenAllNo.level (${finalLevel}) must not be more urgent than the last question '${last.id}' (level ${last.level}).`,
      ),
    );
  }
  return problems;
}

function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

function listAt(value: unknown, key: string): unknown[] {
  const list = field(value, key);
  return Array.isArray(list) ? list : [];
}

function isAgeRangeLike(value: unknown): value is AgeRange {
  const min = field(value, 'min');
  const max = field(value, 'max');
  return (
    value !== undefined &&
    (min === undefined || typeof min === 'number') &&
    (max === undefined || typeof max === 'number')
  );
}

function error(file: string, path: string, message: string): ProtocolProblem {
  return { file, path, message, severity: 'error' };
}

function warning(file: string, path: string, message: string): ProtocolProblem {
  return { file, path, message, severity: 'warning' };
}

/** The file name without folders and without a .yaml/.yml extension; null when it is not a YAML file name. */
function baseName(fileName: string): string | null {
  const name = fileName.split(/[\\/]/).pop() ?? fileName;
  const match = /^(.*)\.ya?ml$/i.exec(name);
  return match ? (match[1] ?? null) : null;
}

function rangesOverlap(a: AgeRange, b: AgeRange | undefined): boolean {
  if (!b) return true;
  const aMin = a.min ?? 0;
  const bMin = b.min ?? 0;
  const aMax = a.max ?? Infinity;
  const bMax = b.max ?? Infinity;
  return aMin < bMax && bMin < aMax;
}

/** `['questions', 3, 'level']` → `questions[3].level`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** A zod issue in words a content author understands, naming the question when there is one. */
function describeIssue(issue: z.core.$ZodIssue, data: unknown): string {
  let message = issue.message;
  if (issue.path.length === 0 && issue.code === 'invalid_type') {
    return 'The file must hold one protocol (a YAML mapping with id, version, title, questions ...).';
  }
  if (issue.code === 'invalid_type' && valueAt(data, issue.path) === undefined) {
    // Custom messages already say "missing"; zod's generic ones talk about "undefined".
    if (/received undefined/.test(message))
      message = `Required field is missing (${issue.expected} expected).`;
  }
  if (issue.code === 'unrecognized_keys') {
    const last = issue.path[issue.path.length - 1];
    // In a YAML flow mapping `{ sv: a, b, en: c }` a comma splits the text into a stray key.
    const hint = ['title', 'text', 'advice'].includes(String(last))
      ? 'a comma inside { sv: ..., en: ... } splits the text: quote it or write it as a block'
      : 'check the spelling';
    message = `Unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')} (${hint}).`;
  }
  const [section, index] = issue.path;
  if ((section === 'questions' || section === 'contextQuestions') && typeof index === 'number') {
    const id = valueAt(data, [section, index, 'id']);
    if (typeof id === 'string') message = `Question '${id}': ${message}`;
  }
  return message;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = data;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** Whether an age is inside a range (min inclusive, max exclusive); an unknown age is inside every range. */
export function isInAgeRange(range: AgeRange | undefined, ageYears: number | null | undefined): boolean {
  if (range === undefined || ageYears === null || ageYears === undefined) return true;
  if (range.min !== undefined && ageYears < range.min) return false;
  if (range.max !== undefined && ageYears >= range.max) return false;
  return true;
}
