// The protocol linter: validates protocol files against the schema and checks the rules that span fields (acuity order, ids, ages, sex, conditions).
//
// It reads the raw document defensively where the schema failed, so an author sees every problem at once;
// a protocol that passes it can never make the engine guess.
import type { z } from 'zod';
import { answersReadBy } from './condition';
import type { AgeRange, Condition } from './condition';
import { isDispositionLevel } from './dispositionLadder';
import { ProtocolSchema } from './protocol';
import type { Protocol } from './protocol';

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
      for (const issue of flattenItemUnions(parsed.error.issues, data)) {
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
    const bands = field(question, 'ageBands');
    const protocolBands = field(data, 'ageBands');
    if (
      Array.isArray(bands) &&
      Array.isArray(protocolBands) &&
      !bands.some((band: unknown) => protocolBands.includes(band))
    ) {
      problems.push(
        warning(
          file,
          `${where}.ageBands`,
          `Question '${name}' is never asked: none of its age bands is the protocol's.`,
        ),
      );
    }
    const sex = field(question, 'sex');
    const protocolSex = field(data, 'sex');
    if (typeof sex === 'string' && typeof protocolSex === 'string' && sex !== protocolSex) {
      problems.push(
        warning(
          file,
          `${where}.sex`,
          `Question '${name}' is never asked: it is for ${sex}, the protocol for ${protocolSex}.`,
        ),
      );
    }
    // The patient's sex is known from the personnummer or asked once; it is never a triage question.
    if (
      typeof sv === 'string' &&
      /^(är|ar) patienten (en )?(man|kvinna|pojke|flicka)\s*\?$/i.test(sv.trim())
    ) {
      problems.push(
        error(
          file,
          `${where}.text.sv`,
          `Question '${name}' asks the patient's sex: use sex: on the question or a rule with { sex: male|female } instead.`,
        ),
      );
    }
    const isRule = field(question, 'rule') !== undefined;
    const condition = isRule ? field(question, 'rule') : field(question, 'when');
    const conditionPath = `${where}.${isRule ? 'rule' : 'when'}`;
    for (const answerId of safeAnswersReadBy(condition)) {
      const target = questions.find((other) => field(other, 'id') === answerId);
      if (target === undefined || field(target, 'rule') !== undefined) {
        problems.push(
          error(
            file,
            conditionPath,
            `'${name}' reads { answer: ${answerId} }, but this protocol has no question '${answerId}' (rules cannot be read as answers).`,
          ),
        );
      } else if (answerId === qid) {
        problems.push(error(file, conditionPath, `Question '${name}' cannot depend on its own answer.`));
      }
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

  problems.push(...checkReviewRecord(file, data));

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

/**
 * The review record: the changelog runs oldest first with rising versions and dates, its last entry is
 * the protocol's version (a case records that version, so its change must be written down), and a
 * review older than the latest change no longer covers the content.
 */
function checkReviewRecord(file: string, data: unknown): ProtocolProblem[] {
  const problems: ProtocolProblem[] = [];
  const entries = listAt(data, 'changelog');
  let previous: { version: string; date: string } | null = null;
  for (const [i, entry] of entries.entries()) {
    const version = field(entry, 'version');
    const date = field(entry, 'date');
    // Malformed versions and dates are reported by the schema; comparing them would only repeat that.
    if (typeof version !== 'string' || !isIsoDate(date)) continue;
    const order = previous === null ? null : compareVersions(version, previous.version);
    if (previous !== null && order !== null && order <= 0) {
      problems.push(
        error(
          file,
          `changelog[${i}].version`,
          `The changelog runs oldest first: version ${version} comes after ${previous.version}; each entry needs a higher version.`,
        ),
      );
    }
    if (previous !== null && date < previous.date) {
      problems.push(
        error(
          file,
          `changelog[${i}].date`,
          `The changelog runs oldest first: ${version} is dated ${date}, before ${previous.version} (${previous.date}).`,
        ),
      );
    }
    previous = { version, date };
  }
  const version = field(data, 'version');
  if (previous !== null && typeof version === 'string' && previous.version !== version) {
    problems.push(
      error(
        file,
        `changelog[${entries.length - 1}].version`,
        `The latest changelog entry is for ${previous.version} but the protocol is version ${version}: add an entry for ${version} saying what changed.`,
      ),
    );
  }
  const review = field(data, 'review');
  const reviewedOn = field(review, 'reviewedOn');
  if (
    field(review, 'status') === 'granskad' &&
    isIsoDate(reviewedOn) &&
    previous !== null &&
    reviewedOn < previous.date
  ) {
    problems.push(
      warning(
        file,
        'review.reviewedOn',
        `Reviewed on ${reviewedOn}, before version ${previous.version} (${previous.date}): the review does not cover the current content; review it again.`,
      ),
    );
  }
  return problems;
}

function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
}

/** Compares two semver versions (pre-releases before their release); null when one is not semver. */
export function compareVersions(a: string, b: string): number | null {
  const parse = (version: string) => /^(\d+)\.(\d+)\.(\d+)(-.+)?$/.exec(version);
  const [ma, mb] = [parse(a), parse(b)];
  if (!ma || !mb) return null;
  for (const i of [1, 2, 3]) {
    const diff = Number(ma[i]) - Number(mb[i]);
    if (diff !== 0) return diff;
  }
  if (ma[4] === mb[4]) return 0;
  return ma[4] === undefined ? 1 : mb[4] === undefined ? -1 : ma[4] < mb[4] ? -1 : 1;
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
    const hint = ['title', 'text', 'advice', 'description', 'label'].includes(String(last))
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

/** The answers a condition reads, or none when it is not a well-formed condition (the schema reports that). */
function safeAnswersReadBy(condition: unknown): string[] {
  if (condition === null || typeof condition !== 'object') return [];
  try {
    return answersReadBy(condition as Condition).filter((id): id is string => typeof id === 'string');
  } catch {
    return [];
  }
}

/**
 * An item of `questions` is a question or a rule; zod reports a failed union as one "invalid input".
 * The issues of the branch the author meant (a rule when it has `rule:`, else a question) are reported instead.
 */
function flattenItemUnions(issues: readonly z.core.$ZodIssue[], data: unknown): z.core.$ZodIssue[] {
  const out: z.core.$ZodIssue[] = [];
  for (const issue of issues) {
    const [section, index] = issue.path;
    if (
      issue.code === 'invalid_union' &&
      section === 'questions' &&
      typeof index === 'number' &&
      issue.path.length === 2
    ) {
      const isRule = field(valueAt(data, issue.path), 'rule') !== undefined;
      const branch = issue.errors[isRule ? 1 : 0] ?? [];
      out.push(
        ...flattenItemUnions(
          branch.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] })),
          data,
        ),
      );
    } else {
      out.push(issue);
    }
  }
  return out;
}
