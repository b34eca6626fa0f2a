// The vignette suite: short patient stories from a Swedish advice line, each run through the real triage CLI.
//
// Each vignette is evaluated by `tsx scripts/triage.ts evaluate ...` as a child process, exactly as a
// script or an auditor would run it, and must give the disposition level the content author expects.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
/** Child processes at a time: the machine has two cores and each process is mostly start-up. */
const CONCURRENCY = 3;

const AnswerValue = z.enum(['yes', 'no', 'unsure']);
const VignetteSchema = z.looseObject({
  id: z.string().min(1),
  story: z.string().min(1),
  protocols: z.array(z.string().min(1)).min(1),
  ageYears: z.number().min(0).max(130).nullable().optional(),
  answers: z.union([
    z.record(z.string(), AnswerValue),
    z.record(z.string(), z.record(z.string(), AnswerValue)),
  ]),
  expectedLevel: z.number().int().min(1).max(6),
  /** Optional extra expectations, checked when the author gives them. */
  expectedCareLevel: z.string().optional(),
  expectedQuestion: z.string().nullable().optional(),
});
type Vignette = z.infer<typeof VignetteSchema>;

const vignettes: Vignette[] = z
  .array(VignetteSchema)
  .parse(parse(readFileSync(path.join(ROOT, 'test/fixtures/vignettes.yaml'), 'utf8')));

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function evaluateWithCli(vignette: Vignette): Promise<CliRun> {
  const args = [
    'scripts/triage.ts',
    'evaluate',
    ...vignette.protocols,
    '--answers',
    JSON.stringify(vignette.answers),
  ];
  if (vignette.ageYears !== undefined && vignette.ageYears !== null)
    args.push('--age', String(vignette.ageYears));
  return new Promise((resolve) => {
    execFile(TSX, args, { cwd: ROOT, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs every vignette, a few at a time. */
async function runAll(): Promise<Map<string, CliRun>> {
  const results = new Map<string, CliRun>();
  const queue = [...vignettes];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift())
      results.set(next.id, await evaluateWithCli(next));
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return results;
}

describe('vignettes through the triage CLI', () => {
  let runs: Map<string, CliRun>;
  beforeAll(async () => {
    runs = await runAll();
  }, 240_000);

  it('has at least 30 vignettes with unique ids', () => {
    expect(vignettes.length).toBeGreaterThanOrEqual(30);
    expect(new Set(vignettes.map((v) => v.id)).size).toBe(vignettes.length);
  });

  it.each(vignettes.map((v) => [v.id, v] as const))('%s', (_id, vignette) => {
    const run = runs.get(vignette.id);
    expect(run?.stderr, `the CLI failed for ${vignette.id}`).toBe('');
    expect(run?.code).toBe(0);
    const output = JSON.parse(run?.stdout ?? '') as {
      disposition: {
        level: number;
        careLevel: string;
        decidedBy: { protocolId: string; questionId: string | null };
      } | null;
      warnings: { code: string; message: string }[];
    };
    const got = output.disposition;
    const summary = got
      ? `level ${got.level} from ${got.decidedBy.protocolId}/${got.decidedBy.questionId ?? 'whenAllNo'}`
      : 'none';
    expect(got?.level, `${vignette.story}\n→ ${summary}`).toBe(vignette.expectedLevel);
    if (vignette.expectedCareLevel !== undefined) expect(got?.careLevel).toBe(vignette.expectedCareLevel);
    if (vignette.expectedQuestion !== undefined)
      expect(got?.decidedBy.questionId).toBe(vignette.expectedQuestion);
  });
});
