// The vignette suite: short patient stories from a Swedish advice line, each run through the real triage CLI.
//
// Each vignette is evaluated by the real CLI (`scripts/triage.ts evaluate ...`) as a child process, exactly as
// a script or an auditor would run it, and must give the disposition level the content author expects.
// The CLI is bundled once with esbuild and run with plain node: compiling TypeScript on every start
// (tsx) made each run cost about two seconds, almost all of it start-up.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** Child processes at a time: the machine has two cores. */
const CONCURRENCY = 2;

const AnswerValue = z.enum(['yes', 'no', 'unsure']);
const VignetteSchema = z.looseObject({
  id: z.string().min(1),
  story: z.string().min(1),
  protocols: z.array(z.string().min(1)).min(1),
  ageYears: z.number().min(0).max(130).nullable().optional(),
  sex: z.enum(['female', 'male']).optional(),
  answers: z.union([
    z.record(z.string(), AnswerValue),
    z.record(z.string(), z.record(z.string(), AnswerValue)),
  ]),
  expectedLevel: z.number().int().min(1).max(6),
  /** Optional extra expectations, checked when the author gives them. */
  expectedCareLevel: z.string().optional(),
  expectedQuestion: z.string().nullable().optional(),
  /** False when the result must stay provisional (an answerable question left "osäker"). */
  expectedComplete: z.boolean().optional(),
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

/** Bundles scripts/triage.ts into one ES module for plain node (npm packages bundled in, so nothing is resolved at start-up). */
async function bundleCli(outDir: string): Promise<string> {
  const outfile = path.join(outDir, 'triage.mjs');
  await build({
    entryPoints: [path.join(ROOT, 'scripts/triage.ts')],
    outfile,
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
    // Bundled CommonJS packages may call require(); an ES module has none of its own.
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
  });
  return outfile;
}

function evaluateWithCli(cli: string, vignette: Vignette): Promise<CliRun> {
  const args = [cli, 'evaluate', ...vignette.protocols, '--answers', JSON.stringify(vignette.answers)];
  if (vignette.ageYears !== undefined && vignette.ageYears !== null)
    args.push('--age', String(vignette.ageYears));
  if (vignette.sex !== undefined) args.push('--sex', vignette.sex);
  return new Promise((resolve) => {
    // The working directory is the repository root: the CLI reads resources/protocols from there.
    execFile(process.execPath, args, { cwd: ROOT, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs every vignette, a few at a time. */
async function runAll(cli: string): Promise<Map<string, CliRun>> {
  const results = new Map<string, CliRun>();
  const queue = [...vignettes];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift())
      results.set(next.id, await evaluateWithCli(cli, next));
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return results;
}

describe('vignettes through the triage CLI', () => {
  let runs: Map<string, CliRun>;
  let bundleDir: string;
  beforeAll(async () => {
    bundleDir = mkdtempSync(path.join(os.tmpdir(), 'firstline-triage-cli-'));
    runs = await runAll(await bundleCli(bundleDir));
  }, 120_000);
  afterAll(() => {
    rmSync(bundleDir, { recursive: true, force: true });
  });

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
      complete: boolean;
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
    if (vignette.expectedComplete !== undefined) expect(output.complete).toBe(vignette.expectedComplete);
  });
});
