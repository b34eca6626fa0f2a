// Scripted triage over the protocol library, JSON in and out: search protocols, list their questions, evaluate answers.
//
//   npm run triage -- search "<text>" [--limit N] [--age <age>] [--sex female|male]
//   npm run triage -- questions <protocolId>
//   npm run triage -- evaluate <protocolId> [<protocolId>...] [--age <age>] [--sex female|male] [--findings '<json>'] --answers '<json>'
//   npm run triage -- eval [<vignette file> ...] [--verbose]
//
// An age is "45", "7 v", "18 mån", "2 år", "3 dagar" (the core age parser); evaluate gives each question's state
// (yes, no, unsure or not-asked). Results go to stdout as JSON (exit 0),
// except eval, which prints a report ending in one summary line; errors go to stderr as
// {"error": {code, message}} (exit 2).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { parseAge as parseCoreAge, parseDurationHours } from '../core/triage/ageBands';
import { DISPOSITION_LADDER } from '../core/triage/dispositionLadder';
import { evaluateTriage } from '../core/triage/engine';
import type { TriageAnswerInput, TriageDisposition, TriageResult } from '../core/triage/engine';
import { TriageFindingsSchema } from '../core/triage/findings';
import type { PatientSex, TriageFindings } from '../core/triage/findings';
import { askedQuestions, isTriageRule } from '../core/triage/protocol';
import type { Protocol, ProtocolProblem } from '../core/triage/protocol';
import { TriageAnswerValueSchema } from '../core/triage/record';
import { createProtocolSearch } from '../core/triage/search';
import {
  defaultProtocolDir,
  loadProtocols,
  loadProtocolsById,
} from '../main/services/protocols/loadProtocols';
import { runEval } from './triageEval';

const USAGE =
  'Usage: npm run triage -- search "<text>" [--limit N] [--age <age>] [--sex female|male] | questions <protocolId> | ' +
  `evaluate <protocolId> [<protocolId>...] [--age <age>] [--sex female|male] [--findings '{"temperatureC": 38.5}'] ` +
  `--answers '{"<questionId>": "yes"|"no"|"unsure"}' | eval [<vignette file> ...] [--verbose]`;

/** Options that take a value; "--age -1" is joined to "--age=-1" so a negative value reaches the age parser. */
const VALUE_OPTIONS = new Set(['--age', '--answers', '--limit', '--sex', '--findings']);

/** A usage error: reported as JSON on stderr with exit code 2. */
export class TriageCliError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface TriageCliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** The protocol folder; defaults to resources/protocols. */
  protocolDir?: string;
}

const processIo: TriageCliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/** Runs one command and returns the exit code: 0 with JSON on `out`, or 2 with a JSON error on `err`. */
export async function runTriageCli(argv: readonly string[], io: TriageCliIo = processIo): Promise<number> {
  try {
    if (argv[0] === 'eval') return await runEval(argv.slice(1), io, io.protocolDir ?? defaultProtocolDir());
    const result = await runCommand(argv, io.protocolDir ?? defaultProtocolDir());
    io.out(JSON.stringify(result, null, 2));
    return 0;
  } catch (cause) {
    const error =
      cause instanceof TriageCliError
        ? { code: cause.code, message: cause.message }
        : { code: 'internal-error', message: (cause as Error).message };
    io.err(JSON.stringify({ error }, null, 2));
    return 2;
  }
}

async function runCommand(argv: readonly string[], protocolDir: string): Promise<unknown> {
  let parsed;
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    const value = argv[i + 1];
    if (VALUE_OPTIONS.has(arg) && value !== undefined) {
      joined.push(`${arg}=${value}`);
      i += 1;
    } else joined.push(arg);
  }
  try {
    parsed = parseArgs({
      args: joined,
      allowPositionals: true,
      options: {
        age: { type: 'string' },
        answers: { type: 'string' },
        limit: { type: 'string' },
        sex: { type: 'string' },
        findings: { type: 'string' },
      },
    });
  } catch (cause) {
    throw new TriageCliError('bad-arguments', `${(cause as Error).message} ${USAGE}`);
  }
  const { positionals, values } = parsed;
  const [command, ...args] = positionals;

  if (command === 'search') {
    if (args.length === 0 || args.join(' ').trim() === '') {
      throw new TriageCliError('bad-arguments', `search needs the text to look for. ${USAGE}`);
    }
    rejectOptions(values, ['answers', 'findings'], 'search');
    const library = await loadLibrary(protocolDir);
    const limit = values.limit === undefined ? 10 : parseLimit(values.limit);
    const ageYears = values.age === undefined ? null : parseAge(values.age);
    const sex = values.sex === undefined ? null : parseSex(values.sex);
    const query = args.join(' ');
    const search = createProtocolSearch(library.protocols);
    const hits = search.search(query, { limit, ageYears, sex });
    // Protocols left out because they are not for this patient, with the reason.
    const excluded = search
      .search(query, { limit, ageYears, sex, includeExcluded: true })
      .filter((hit) => hit.excluded !== null)
      .map((hit) => ({ id: hit.id, title: hit.title, reason: hit.excluded }));
    return {
      query,
      results: hits.map(({ excluded: _excluded, ...hit }) => ({
        ...hit,
        score: Math.round(hit.score * 100) / 100,
      })),
      ...(excluded.length > 0 ? { excluded } : {}),
    };
  }

  if (command === 'questions') {
    if (args.length !== 1)
      throw new TriageCliError('bad-arguments', `questions needs exactly one protocol id. ${USAGE}`);
    rejectOptions(values, ['answers', 'age', 'limit', 'sex', 'findings'], 'questions');
    const [protocol] = await loadNamedProtocols(args, protocolDir);
    return describeProtocol(protocol as Protocol);
  }

  if (command === 'evaluate') {
    if (args.length === 0)
      throw new TriageCliError('bad-arguments', `evaluate needs at least one protocol id. ${USAGE}`);
    rejectOptions(values, ['limit'], 'evaluate');
    if (values.answers === undefined) {
      throw new TriageCliError(
        'bad-arguments',
        `evaluate needs --answers '<json>' (use '{}' for none). ${USAGE}`,
      );
    }
    const duplicate = args.find((id, i) => args.indexOf(id) !== i);
    if (duplicate !== undefined) {
      throw new TriageCliError('bad-arguments', `Protocol '${duplicate}' is given twice.`);
    }
    const protocols = await loadNamedProtocols(args, protocolDir);
    const ageYears = values.age === undefined ? null : parseAge(values.age);
    const sex = values.sex === undefined ? null : parseSex(values.sex);
    const findings = values.findings === undefined ? {} : parseFindings(values.findings);
    const answers = parseAnswers(values.answers, protocols);
    return evaluate(protocols, answers, { ageYears, sex, findings });
  }

  throw new TriageCliError(
    'bad-arguments',
    `${command === undefined ? 'Missing command.' : `Unknown command '${command}'.`} ${USAGE}`,
  );
}

interface Library {
  protocols: Protocol[];
  problems: ProtocolProblem[];
}

async function loadLibrary(dir: string): Promise<Library> {
  try {
    return await loadProtocols(dir);
  } catch (cause) {
    throw new TriageCliError('library-unreadable', (cause as Error).message);
  }
}

/** Loads only the named protocols (one file each, far faster than the library), or says which one is wrong. */
async function loadNamedProtocols(ids: readonly string[], dir: string): Promise<Protocol[]> {
  let loaded;
  try {
    loaded = await loadProtocolsById(ids, dir);
  } catch (cause) {
    throw new TriageCliError('library-unreadable', (cause as Error).message);
  }
  const protocols: Protocol[] = [];
  for (const id of ids) {
    const protocol = loaded.protocols.find((p) => p.id === id);
    if (protocol) {
      protocols.push(protocol);
      continue;
    }
    const problem = loaded.problems.find((p) => p.file === `${id}.yaml` && p.severity === 'error');
    if (problem && problem.path === 'id' && /^There is no protocol|not a protocol id/.test(problem.message)) {
      throw await unknownProtocol(id, dir);
    }
    throw new TriageCliError(
      'protocol-invalid',
      `Protocol '${id}' has errors and cannot be used (${problem?.path || 'file'}: ${problem?.message ?? 'unknown problem'}). Run npm run protocols -- lint.`,
    );
  }
  return protocols;
}

/** The unknown-protocol error, with the closest protocols of the library as suggestions. */
async function unknownProtocol(id: string, dir: string): Promise<TriageCliError> {
  const library = await loadProtocols(dir).catch(() => null);
  const suggestions = library
    ? createProtocolSearch(library.protocols)
        .search(id.replace(/-/g, ' '), { limit: 3 })
        .map((hit) => hit.id)
    : [];
  const hint = suggestions.length > 0 ? ` Did you mean: ${suggestions.join(', ')}?` : '';
  return new TriageCliError('unknown-protocol', `There is no protocol '${id}'.${hint}`);
}

function rejectOptions(values: Record<string, unknown>, names: string[], command: string): void {
  for (const name of names) {
    if (values[name] !== undefined)
      throw new TriageCliError('bad-arguments', `${command} does not take --${name}.`);
  }
}

/** The age forms the CLI accepts, named in every age error. */
const AGE_FORMS = 'Write the age as "7 v", "18 mån", "2 år", "3 dagar" or a whole number of years (e.g. 45).';

/** The core age parser: "45", "7 v", "18 mån"; hex, exponents, negatives and over 130 are refused. */
function parseAge(text: string): number {
  const parsed = parseCoreAge(text);
  if (parsed.ok) return parsed.ageYears;
  const negative = /^\s*-/.test(text) ? ' An age cannot be negative.' : '';
  throw new TriageCliError(
    'bad-age',
    `--age: ${parsed.message.en} (${parsed.message.sv})${negative} ${AGE_FORMS} Ages run from 0 to 130 years.`,
  );
}

/** A question's state in the call: answered yes, no or unsure, or not asked yet. */
function questionState(answer: string | null | undefined): 'yes' | 'no' | 'unsure' | 'not-asked' {
  return answer === 'yes' || answer === 'no' || answer === 'unsure' ? answer : 'not-asked';
}

function parseSex(text: string): PatientSex {
  const sex = (
    { female: 'female', kvinna: 'female', k: 'female', male: 'male', man: 'male', m: 'male' } as const
  )[text.trim().toLowerCase() as 'female'];
  if (sex === undefined)
    throw new TriageCliError('bad-sex', `--sex must be female or male (kvinna/man), not '${text}'.`);
  return sex;
}

/** Findings as JSON; durationHours may be written as a duration ("3 dagar", "36 h"). */
function parseFindings(json: string): TriageFindings {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (cause) {
    throw new TriageCliError('bad-findings', `--findings is not valid JSON: ${(cause as Error).message}`);
  }
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
    const duration = (data as Record<string, unknown>).durationHours;
    if (typeof duration === 'string' && duration !== 'unknown') {
      const hours = parseDurationHours(duration);
      if (hours === null)
        throw new TriageCliError(
          'bad-findings',
          `durationHours '${duration}' is not a duration like "3 dagar" or "36 h".`,
        );
      data = { ...data, durationHours: hours };
    }
  }
  const parsed = TriageFindingsSchema.safeParse(data);
  if (!parsed.success) {
    throw new TriageCliError(
      'bad-findings',
      `--findings: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'findings'}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}

function parseLimit(text: string): number {
  const limit = Number(text);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw new TriageCliError('bad-arguments', `--limit must be a whole number from 1 to 100, not '${text}'.`);
  }
  return limit;
}

/**
 * Answers as `{"<questionId>": "yes"}` (question ids looked up across the given protocols; an id
 * found in several of them must be given per protocol) or `{"<protocolId>": {"<questionId>": "yes"}}`.
 */
function parseAnswers(json: string, protocols: readonly Protocol[]): TriageAnswerInput[] {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (cause) {
    throw new TriageCliError('bad-answers', `--answers is not valid JSON: ${(cause as Error).message}`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new TriageCliError('bad-answers', `--answers must be a JSON object like {"<questionId>": "yes"}.`);
  }
  const answers: TriageAnswerInput[] = [];
  for (const [key, value] of Object.entries(data)) {
    const protocol = protocols.find((p) => p.id === key);
    if (protocol && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [questionId, answer] of Object.entries(value)) {
        answers.push(makeAnswer(protocol, questionId, answer));
      }
      continue;
    }
    if (value !== null && typeof value === 'object') {
      throw new TriageCliError(
        'bad-answers',
        `--answers has a group '${key}', but '${key}' is not one of the protocols evaluated (${protocols.map((p) => p.id).join(', ')}).`,
      );
    }
    // A question id is one fact for the whole call: the first protocol that asks it carries the answer.
    const owner = protocols.find((p) => askedQuestions(p).some((q) => q.id === key));
    if (owner === undefined) throw unknownQuestion(protocols, key);
    answers.push(makeAnswer(owner, key, value));
  }
  return answers;
}

function makeAnswer(protocol: Protocol, questionId: string, value: unknown): TriageAnswerInput {
  if (!askedQuestions(protocol).some((q) => q.id === questionId))
    throw unknownQuestion([protocol], questionId);
  const parsed = TriageAnswerValueSchema.safeParse(value);
  if (!parsed.success) {
    throw new TriageCliError(
      'bad-answers',
      `The answer to '${questionId}' must be "yes", "no" or "unsure", not ${JSON.stringify(value)}.`,
    );
  }
  return { protocolId: protocol.id, protocolVersion: protocol.version, questionId, value: parsed.data };
}

function unknownQuestion(protocols: readonly Protocol[], questionId: string): TriageCliError {
  const isContext = protocols.some((p) => p.contextQuestions.some((q) => q.id === questionId));
  const isRule = protocols.some((p) => p.questions.some((q) => q.id === questionId && isTriageRule(q)));
  const names = protocols.map((p) => p.id).join(', ');
  return new TriageCliError(
    'unknown-question',
    isContext
      ? `'${questionId}' is a context question: it is asked for the record and does not take part in the disposition.`
      : isRule
        ? `'${questionId}' is a rule: it is not answered but fires from --findings, --sex, --age and other answers.`
        : `There is no triage question '${questionId}' in ${names}; list them with npm run triage -- questions <protocolId>.`,
  );
}

function describeProtocol(protocol: Protocol) {
  return {
    id: protocol.id,
    version: protocol.version,
    demo: protocol.demo,
    title: protocol.title,
    bodyPart: protocol.bodyPart,
    ageYears: protocol.ageYears ?? null,
    ageBands: protocol.ageBands ?? null,
    sex: protocol.sex ?? null,
    contextQuestions: protocol.contextQuestions.map((q) => ({ id: q.id, kind: q.kind, text: q.text })),
    questions: protocol.questions.map((q) => ({
      id: q.id,
      kind: isTriageRule(q) ? 'rule' : 'question',
      level: q.level,
      label: DISPOSITION_LADDER[q.level].label,
      careLevel: q.careLevel ?? DISPOSITION_LADDER[q.level].defaultCareLevel,
      ...(isTriageRule(q) ? { unknown: q.unknown, rule: q.rule } : { unsure: q.unsure }),
      ageYears: q.ageYears ?? null,
      ageBands: q.ageBands ?? null,
      sex: q.sex ?? null,
      ...(!isTriageRule(q) && q.when ? { when: q.when } : {}),
      text: isTriageRule(q) ? q.description : q.text,
    })),
    whenAllNo: {
      level: protocol.whenAllNo.level,
      label: DISPOSITION_LADDER[protocol.whenAllNo.level].label,
      careLevel:
        protocol.whenAllNo.careLevel ?? DISPOSITION_LADDER[protocol.whenAllNo.level].defaultCareLevel,
    },
  };
}

function evaluate(
  protocols: Protocol[],
  answers: TriageAnswerInput[],
  patient: { ageYears: number | null; sex: PatientSex | null; findings: TriageFindings },
) {
  const result: TriageResult = evaluateTriage({ protocols, answers, ...patient });
  return {
    ageYears: patient.ageYears,
    sex: patient.sex,
    findings: patient.findings,
    disposition: result.disposition && describeDisposition(result.disposition),
    complete: result.complete,
    nextQuestion: result.nextQuestion,
    ruledOut: result.ruledOut.map((flag) => ({ id: flag.itemId, level: flag.level, label: flag.label })),
    provisionalReasons: result.provisionalReasons.map((r) => ({
      kind: r.kind,
      protocolId: r.protocolId,
      id: r.itemId,
      level: r.level,
      ...(r.kind === 'rule-open' ? { needs: r.needs } : {}),
    })),
    findingsNeeded: result.findingsNeeded.map((f) => ({
      finding: f.finding,
      label: f.label,
      level: f.level,
      rules: f.rules.map((r) => r.ruleId),
    })),
    protocols: result.protocols.map((p) => ({
      id: p.protocolId,
      version: p.protocolVersion,
      title: p.title,
      applicable: p.applicable,
      ...(p.notApplicable ? { notApplicable: p.notApplicable } : {}),
      level: p.disposition?.level ?? null,
      decidingQuestion: p.disposition?.decidedBy.questionId ?? null,
      complete: p.complete,
      questions: p.questions.map((q) => ({
        id: q.id,
        kind: q.kind,
        level: q.level,
        ...(q.kind === 'question'
          ? { state: questionState(q.answer), answer: q.answer, unsure: q.unsure }
          : { unknown: q.unknown }),
        countsAs: q.countsAs,
        applicable: q.applicable,
        ...(q.notApplicable ? { notApplicable: q.notApplicable.reason, why: q.notApplicable.message } : {}),
        ...(q.viaUnsure ? { viaUnsure: true } : {}),
        ...(q.countsAs === 'open' && q.kind === 'rule' ? { needs: q.needs } : {}),
        ...(q.decides ? { decides: true } : {}),
      })),
    })),
    warnings: result.warnings,
  };
}

function describeDisposition(disposition: TriageDisposition) {
  const { step, decidedBy } = disposition;
  return {
    level: disposition.level,
    label: step.label,
    timeFrame: { minutes: step.timeFrameMinutes, text: step.timeFrameText },
    careLevel: disposition.careLevel,
    decidedBy: {
      protocolId: decidedBy.protocolId,
      protocolVersion: decidedBy.protocolVersion,
      questionId: decidedBy.questionId,
      question: decidedBy.questionText,
      basis: disposition.basis,
      viaUnsure: disposition.viaUnsure,
    },
    advice: disposition.advice,
    comparable: step.comparable,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await runTriageCli(process.argv.slice(2));
}
