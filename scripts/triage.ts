// Scripted triage over the protocol library, JSON in and out: search protocols, list their questions, evaluate answers.
//
//   npm run triage -- search "<text>" [--limit N] [--age <years>]
//   npm run triage -- questions <protocolId>
//   npm run triage -- evaluate <protocolId> [<protocolId>...] [--age <years>] --answers '<json>'
//
// Results go to stdout as JSON (exit 0); errors go to stderr as {"error": {code, message}} (exit 2).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DISPOSITION_LADDER } from '../core/triage/dispositionLadder';
import { evaluateTriage } from '../core/triage/engine';
import type { TriageAnswerInput, TriageDisposition } from '../core/triage/engine';
import type { Protocol, ProtocolProblem } from '../core/triage/protocol';
import { TriageAnswerValueSchema } from '../core/triage/record';
import { createProtocolSearch } from '../core/triage/search';
import {
  defaultProtocolDir,
  loadProtocols,
  loadProtocolsById,
} from '../main/services/protocols/loadProtocols';

const USAGE =
  'Usage: npm run triage -- search "<text>" [--limit N] [--age <years>] | questions <protocolId> | ' +
  `evaluate <protocolId> [<protocolId>...] [--age <years>] --answers '{"<questionId>": "yes"|"no"|"unsure"}'`;

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
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        age: { type: 'string' },
        answers: { type: 'string' },
        limit: { type: 'string' },
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
    rejectOptions(values, ['answers'], 'search');
    const library = await loadLibrary(protocolDir);
    const limit = values.limit === undefined ? 10 : parseLimit(values.limit);
    const ageYears = values.age === undefined ? null : parseAge(values.age);
    const query = args.join(' ');
    const hits = createProtocolSearch(library.protocols).search(query, { limit, ageYears });
    return { query, results: hits.map((hit) => ({ ...hit, score: Math.round(hit.score * 100) / 100 })) };
  }

  if (command === 'questions') {
    if (args.length !== 1)
      throw new TriageCliError('bad-arguments', `questions needs exactly one protocol id. ${USAGE}`);
    rejectOptions(values, ['answers', 'age', 'limit'], 'questions');
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
    const answers = parseAnswers(values.answers, protocols);
    return evaluate(protocols, answers, ageYears);
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

function parseAge(text: string): number {
  const age = Number(text.replace(',', '.'));
  if (text.trim() === '' || !Number.isFinite(age) || age < 0 || age > 130) {
    throw new TriageCliError(
      'bad-age',
      `--age must be the patient's age in years from 0 to 130 (decimals allowed, 0.25 = 3 months), not '${text}'.`,
    );
  }
  return age;
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
    const owners = protocols.filter((p) => p.questions.some((q) => q.id === key));
    if (owners.length > 1) {
      throw new TriageCliError(
        'ambiguous-question',
        `Question '${key}' exists in ${owners.map((p) => p.id).join(' and ')}; give answers per protocol: {"${owners[0]?.id}": {"${key}": ...}}.`,
      );
    }
    const owner = owners[0];
    if (owner === undefined) throw unknownQuestion(protocols, key);
    answers.push(makeAnswer(owner, key, value));
  }
  return answers;
}

function makeAnswer(protocol: Protocol, questionId: string, value: unknown): TriageAnswerInput {
  if (!protocol.questions.some((q) => q.id === questionId)) throw unknownQuestion([protocol], questionId);
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
  const names = protocols.map((p) => p.id).join(', ');
  return new TriageCliError(
    'unknown-question',
    isContext
      ? `'${questionId}' is a context question: it is asked for the record and does not take part in the disposition.`
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
    contextQuestions: protocol.contextQuestions.map((q) => ({ id: q.id, kind: q.kind, text: q.text })),
    questions: protocol.questions.map((q) => ({
      id: q.id,
      level: q.level,
      label: DISPOSITION_LADDER[q.level].label,
      careLevel: q.careLevel ?? DISPOSITION_LADDER[q.level].defaultCareLevel,
      unsure: q.unsure,
      ageYears: q.ageYears ?? null,
      text: q.text,
    })),
    whenAllNo: {
      level: protocol.whenAllNo.level,
      label: DISPOSITION_LADDER[protocol.whenAllNo.level].label,
      careLevel:
        protocol.whenAllNo.careLevel ?? DISPOSITION_LADDER[protocol.whenAllNo.level].defaultCareLevel,
    },
  };
}

function evaluate(protocols: Protocol[], answers: TriageAnswerInput[], ageYears: number | null) {
  const result = evaluateTriage({ protocols, answers, ageYears });
  return {
    ageYears,
    disposition: result.disposition && describeDisposition(result.disposition),
    complete: result.complete,
    nextQuestion: result.nextQuestion,
    protocols: result.protocols.map((p) => ({
      id: p.protocolId,
      version: p.protocolVersion,
      title: p.title,
      applicable: p.applicable,
      level: p.disposition?.level ?? null,
      decidingQuestion: p.disposition?.decidedBy.questionId ?? null,
      complete: p.complete,
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
