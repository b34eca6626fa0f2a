// `npm run triage -- eval [file ...] [--verbose]`: runs vignette files through the real search and engine and prints the figures.
//
// With no file it runs test/fixtures/triage-eval/development.yaml and held-out.yaml (those that exist).
// The report ends with exactly one line:
//   triage eval: appropriate 93.5 % (187/200), held-out 92.0 % (46/50), emergencies under-triaged 0
// where "appropriate" covers every file except held-out.yaml, which is counted on its own.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { evaluateVignettes, formatShare, parseVignettes, VIGNETTE_CLASSES } from '../core/triage/evaluation';
import type { EvaluationSummary } from '../core/triage/evaluation';
import { loadProtocols } from '../main/services/protocols/loadProtocols';

const ROOT = path.resolve(import.meta.dirname, '..');
export const DEFAULT_EVAL_FILES = ['development.yaml', 'held-out.yaml'].map((name) =>
  path.join(ROOT, 'test/fixtures/triage-eval', name),
);

interface EvalIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** Runs the evaluation; 0 when it ran (whatever the figures), 2 on bad usage or an unreadable file. */
export async function runEval(argv: readonly string[], io: EvalIo, protocolDir: string): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { verbose: { type: 'boolean', default: false } },
    });
  } catch (cause) {
    return fail(
      io,
      'bad-arguments',
      `${(cause as Error).message} Usage: npm run triage -- eval [<file> ...] [--verbose]`,
    );
  }
  const files =
    parsed.positionals.length > 0 ? parsed.positionals : DEFAULT_EVAL_FILES.filter((f) => existsSync(f));
  if (files.length === 0) {
    return fail(
      io,
      'no-vignettes',
      `No vignette file given and none of ${DEFAULT_EVAL_FILES.join(', ')} exists.`,
    );
  }
  const library = await loadProtocols(protocolDir);
  const development: EvaluationSummary[] = [];
  const heldOut: EvaluationSummary[] = [];
  let underTriaged = 0;
  for (const file of files) {
    let vignettes;
    try {
      vignettes = parseVignettes(parse(await readFile(file, 'utf8')) as unknown, file);
    } catch (cause) {
      return fail(io, 'bad-vignettes', (cause as Error).message);
    }
    const summary = evaluateVignettes(vignettes, library.protocols);
    (path.basename(file) === 'held-out.yaml' ? heldOut : development).push(summary);
    underTriaged += summary.underTriagedEmergencies.length;
    report(io, path.relative(process.cwd(), file), summary, parsed.values.verbose);
  }
  io.out(
    `triage eval: appropriate ${combined(development)}, held-out ${combined(heldOut)}, emergencies under-triaged ${underTriaged}`,
  );
  return 0;
}

/** The targets for the whole set: each with the figure measured and whether it is met. */
export const EVAL_TARGETS = { overall: 0.9, heldOut: 0.9, perClass: 0.85, underTriaged: 0 } as const;

export interface EvalTargetVerdict {
  target: string;
  measured: string;
  met: boolean;
}

/** Runs both default vignette files and holds the figures against the targets. */
export async function evalAgainstTargets(protocolDir: string): Promise<EvalTargetVerdict[]> {
  const library = await loadProtocols(protocolDir);
  const summaries: { file: string; summary: EvaluationSummary }[] = [];
  for (const file of DEFAULT_EVAL_FILES.filter((f) => existsSync(f))) {
    const vignettes = parseVignettes(parse(await readFile(file, 'utf8')) as unknown, file);
    summaries.push({ file, summary: evaluateVignettes(vignettes, library.protocols) });
  }
  const all = summaries.map((s) => s.summary);
  const heldOut = summaries.filter((s) => path.basename(s.file) === 'held-out.yaml').map((s) => s.summary);
  const share = (
    list: readonly EvaluationSummary[],
    pick: (s: EvaluationSummary) => { scored: number; appropriate: number } = (s) => s,
  ) => {
    const scored = list.reduce((n, s) => n + pick(s).scored, 0);
    const appropriate = list.reduce((n, s) => n + pick(s).appropriate, 0);
    return {
      value: scored === 0 ? 0 : appropriate / scored,
      text: `${formatShare(scored === 0 ? null : appropriate / scored)} (${appropriate}/${scored})`,
    };
  };
  const verdicts: EvalTargetVerdict[] = [];
  const overall = share(all);
  verdicts.push({
    target: `appropriate overall ≥ ${EVAL_TARGETS.overall * 100} %`,
    measured: overall.text,
    met: overall.value >= EVAL_TARGETS.overall,
  });
  const held = share(heldOut);
  verdicts.push({
    target: `appropriate on held-out ≥ ${EVAL_TARGETS.heldOut * 100} %`,
    measured: held.text,
    met: heldOut.length > 0 && held.value >= EVAL_TARGETS.heldOut,
  });
  for (const cls of VIGNETTE_CLASSES) {
    const figures = share(all, (s) => s.perClass[cls]);
    verdicts.push({
      target: `${cls} appropriate ≥ ${EVAL_TARGETS.perClass * 100} %`,
      measured: figures.text,
      met: figures.value >= EVAL_TARGETS.perClass,
    });
  }
  const under = all.reduce((n, s) => n + s.underTriagedEmergencies.length, 0);
  verdicts.push({
    target: 'emergencies under-triaged = 0',
    measured: String(under),
    met: under === EVAL_TARGETS.underTriaged,
  });
  return verdicts;
}

function fail(io: EvalIo, code: string, message: string): number {
  io.err(JSON.stringify({ error: { code, message } }, null, 2));
  return 2;
}

function combined(summaries: readonly EvaluationSummary[]): string {
  const scored = summaries.reduce((n, s) => n + s.scored, 0);
  const appropriate = summaries.reduce((n, s) => n + s.appropriate, 0);
  return `${formatShare(scored === 0 ? null : appropriate / scored)} (${appropriate}/${scored})`;
}

function report(io: EvalIo, file: string, summary: EvaluationSummary, verbose: boolean): void {
  io.out(
    `${file}: ${summary.scored} scored, ${summary.unmapped} unmapped (no answers yet, left out), ${summary.errors} not runnable`,
  );
  for (const cls of VIGNETTE_CLASSES) {
    const f = summary.perClass[cls];
    io.out(`  ${cls.padEnd(9)} appropriate ${formatShare(f.share)} (${f.appropriate}/${f.scored})`);
  }
  io.out(`  over-triaged ${summary.overTriaged.count} (${formatShare(summary.overTriaged.share)})`);
  for (const outcome of summary.outcomes) {
    if (outcome.class === 'emergency' && outcome.underTriaged) {
      io.out(
        `  UNDER-TRIAGED EMERGENCY ${outcome.id}: level ${outcome.level}, acceptable ${outcome.acceptable.join('/')} (${outcome.protocolIds.join(', ')})`,
      );
    }
    if (outcome.status === 'error') io.out(`  not runnable ${outcome.id}: ${outcome.error}`);
  }
  if (!verbose) return;
  for (const o of summary.outcomes) {
    const verdict =
      o.status !== 'scored'
        ? o.status
        : o.appropriate
          ? 'ok'
          : o.underTriaged
            ? 'UNDER'
            : o.overTriaged
              ? 'OVER'
              : 'off';
    const decided = o.decidedBy
      ? `${o.decidedBy.protocolId}/${o.decidedBy.questionId ?? 'whenAllNo'}${o.decidedBy.viaUnsure ? ' (höjd av osäker)' : ''}`
      : '—';
    io.out(
      `  ${verdict.padEnd(8)} ${o.id} [${o.class}] protocol ${o.protocolIds.join('+') || '—'} level ${o.level ?? '—'} (ideal ${o.ideal}, acceptable ${o.acceptable.join('/')}) decided by ${decided}${o.status === 'scored' && !o.complete ? ', provisional' : ''}`,
    );
  }
}
