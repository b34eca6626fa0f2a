// Benchmark: protocol search as the nurse types and triage engine steps over the demo library; prints latency percentiles in ms.
//
// Search: the whole library in resources/protocols is indexed as the workstation does it
// (createProtocolSearch), and realistic queries (Swedish, synonyms, typos, some English) are typed
// character by character; every non-blank prefix is one search, with the triage picker's options
// (8 hits, the patient's age), some with the Protokoll section's (50 hits, no age). Engine: calls with
// one to three protocols and patients from newborns to the very old; each measured step is one
// evaluateTriage call after the nurse gives one more answer (ja/nej/osäker, mostly the suggested next
// question, sometimes out of order or changed). Everything random is seeded, so runs are comparable.
// Targets (issue): search p99 < 5 ms, engine step p99 < 1 ms.
//
//   npm run bench:triage        (BENCH_SEARCHES=10000 BENCH_STEPS=100000 by default)
import os from 'node:os';
import path from 'node:path';
import { PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { seededRng } from '../core/identity/testNumbers';
import { evaluateTriage, type TriageResult } from '../core/triage/engine';
import {
  RISK_FACTOR_IDS,
  type FindingKey,
  type PatientSex,
  type TriageFindings,
} from '../core/triage/findings';
import { isInAgeRange, type Protocol } from '../core/triage/protocol';
import type { TriageAnswer, TriageAnswerValue } from '../core/triage/record';
import { createProtocolSearch, type ProtocolSearchOptions } from '../core/triage/search';
import { loadProtocols } from '../main/services/protocols/loadProtocols';
import { evalAgainstTargets } from '../scripts/triageEval';

const MEASURED_SEARCHES = Number(process.env.BENCH_SEARCHES ?? 10_000);
const MEASURED_STEPS = Number(process.env.BENCH_STEPS ?? 100_000);
// Warm-up lets the JIT settle before anything is measured; a fifth of the measured work, at most a few thousand.
const WARMUP_SEARCHES = Math.min(2_000, Math.ceil(MEASURED_SEARCHES / 5));
const WARMUP_STEPS = Math.min(10_000, Math.ceil(MEASURED_STEPS / 5));
const INDEX_BUILDS = 20;
const SEARCH_TARGET_MS = 5;
const STEP_TARGET_MS = 1;
const CALL_START = Date.parse('2026-03-02T08:00:00+01:00');

/** What a nurse types, for a patient of this age, and the protocol she is looking for. */
interface TypedQuery {
  text: string;
  ageYears: number | null;
  expect: string;
}

const QUERIES: readonly TypedQuery[] = [
  // Everyday Swedish, as callers say it.
  { text: 'ont i magen', ageYears: 34, expect: 'buksmarta-vuxen' },
  { text: 'ont i magen', ageYears: 6, expect: 'buksmarta-barn' },
  { text: 'feber bebis', ageYears: 0.1, expect: 'feber-spadbarn' },
  { text: 'feber', ageYears: 3, expect: 'feber-barn' },
  { text: 'andningssvårigheter', ageYears: 58, expect: 'andningsbesvar' },
  { text: 'andnöd', ageYears: 71, expect: 'andningsbesvar' },
  { text: 'huvudvärk', ageYears: 27, expect: 'huvudvark' },
  { text: 'bröstsmärta', ageYears: 63, expect: 'brostsmarta' },
  { text: 'jag har ont i bröstet', ageYears: 49, expect: 'brostsmarta' },
  { text: 'yrsel', ageYears: 80, expect: 'yrsel' },
  { text: 'utslag', ageYears: 2, expect: 'utslag' },
  { text: 'brännskada', ageYears: 4, expect: 'brannskada' },
  { text: 'getingstick', ageYears: 41, expect: 'insektsbett-stick' },
  { text: 'näsblod', ageYears: 12, expect: 'naseblod' },
  { text: 'tandvärk', ageYears: 22, expect: 'tandvark' },
  { text: 'ont i örat', ageYears: 5, expect: 'oronvark' },
  { text: 'halsont', ageYears: 17, expect: 'halsont' },
  { text: 'kräkningar barn', ageYears: 1, expect: 'krakning-diarre-barn' },
  { text: 'svimmade', ageYears: 19, expect: 'svimning' },
  { text: 'ryggskott', ageYears: 45, expect: 'ryggsmarta' },
  { text: 'svider när jag kissar', ageYears: 30, expect: 'urinvagsbesvar' },
  { text: 'slog i huvudet', ageYears: 88, expect: 'skallskada' },
  { text: 'hjärtklappning', ageYears: 52, expect: 'hjartklappning' },
  { text: 'ångest', ageYears: 24, expect: 'angest-panik' },
  // Synonyms.
  { text: 'blindtarm', ageYears: 15, expect: 'buksmarta-barn' },
  { text: 'migrän', ageYears: 36, expect: 'huvudvark' },
  { text: 'fästing', ageYears: 9, expect: 'fastingbett' },
  { text: 'skållning', ageYears: 2, expect: 'brannskada' },
  { text: 'tuppade av', ageYears: 67, expect: 'svimning' },
  { text: 'svindel', ageYears: 74, expect: 'yrsel' },
  // Typos and å/ä/ö typed as a/a/o.
  { text: 'magnot', ageYears: 29, expect: 'buksmarta-vuxen' },
  { text: 'huvudvrk', ageYears: 33, expect: 'huvudvark' },
  { text: 'brösmärta', ageYears: 57, expect: 'brostsmarta' },
  { text: 'andnod', ageYears: 66, expect: 'andningsbesvar' },
  { text: 'andningsvårigheter', ageYears: 8, expect: 'andningsbesvar' },
  { text: 'getinstick', ageYears: 38, expect: 'insektsbett-stick' },
  { text: 'nasblod', ageYears: 10, expect: 'naseblod' },
  { text: 'tandvark', ageYears: 40, expect: 'tandvark' },
  { text: 'brannskada', ageYears: 31, expect: 'brannskada' },
  // English.
  { text: 'chest pain', ageYears: 61, expect: 'brostsmarta' },
  { text: 'headache', ageYears: 26, expect: 'huvudvark' },
  { text: 'wasp sting', ageYears: 44, expect: 'insektsbett-stick' },
  { text: 'nosebleed', ageYears: 13, expect: 'naseblod' },
  { text: 'shortness of breath', ageYears: 70, expect: 'andningsbesvar' },
  { text: 'stomach ache', ageYears: null, expect: 'buksmarta-vuxen' },
];

/** Ages of the patients in the engine calls: newborns and infants included, and some unknown. */
const PATIENT_AGES: readonly (number | null)[] = [
  0.02,
  0.1,
  0.2,
  0.4,
  0.8,
  1.5,
  3,
  5,
  8,
  11,
  14,
  19,
  25,
  34,
  42,
  51,
  60,
  68,
  77,
  86,
  94,
  null,
];

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const f = (x: number): string => x.toFixed(3);

function latencyLine(label: string, samples: number[]): number {
  if (samples.length === 0) {
    console.log(`${label.padEnd(30)} n=     0`);
    return NaN;
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((s, x) => s + x, 0) / sorted.length;
  console.log(
    `${label.padEnd(30)} n=${String(sorted.length).padStart(6)}  p50 ${f(percentile(sorted, 50))}  ` +
      `p95 ${f(percentile(sorted, 95))}  p99 ${f(percentile(sorted, 99))}  max ${f(sorted.at(-1)!)}  mean ${f(mean)}`,
  );
  return percentile(sorted, 99);
}

function targetLine(what: string, p99: number, targetMs: number): void {
  console.log(
    p99 < targetMs
      ? `${what} p99 < ${targetMs} ms: target met`
      : `${what} p99 ${f(p99)} ms: target of ${targetMs} ms NOT met`,
  );
}

/** Every prefix the search box holds while the query is typed; the picker does not search while it is blank. */
function typedPrefixes(text: string): string[] {
  const prefixes: string[] = [];
  for (let i = 1; i <= text.length; i++) {
    const prefix = text.slice(0, i);
    if (prefix.trim() !== '') prefixes.push(prefix);
  }
  return prefixes;
}

/** Garbage-collection pauses inside a stretch of time, to tell the tail of the latencies apart from the code. */
function gcPauses(entries: readonly PerformanceEntry[], from: number, to: number): string {
  const inside = entries.filter((e) => e.startTime >= from && e.startTime < to);
  const total = inside.reduce((s, e) => s + e.duration, 0);
  const longest = inside.reduce((m, e) => Math.max(m, e.duration), 0);
  return `${inside.length} GC pauses, ${total.toFixed(0)} ms in all, longest ${longest.toFixed(1)} ms`;
}

async function main(): Promise<void> {
  const gcEntries: PerformanceEntry[] = [];
  const gcObserver = new PerformanceObserver((list) => gcEntries.push(...list.getEntries()));
  gcObserver.observe({ entryTypes: ['gc'] });
  const random = seededRng(11);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

  let t = performance.now();
  const { protocols, problems } = await loadProtocols(
    path.resolve(import.meta.dirname, '../resources/protocols'),
  );
  const loadMs = performance.now() - t;
  if (protocols.length === 0) throw new Error('The protocol library in resources/protocols is empty.');
  const questionCount = protocols.reduce((n, p) => n + p.questions.length, 0);

  // The first build pays for compiling the indexing code; later ones are what a reloaded library costs.
  t = performance.now();
  let search = createProtocolSearch(protocols);
  const firstBuildMs = performance.now() - t;
  const builds: number[] = [];
  for (let i = 0; i < INDEX_BUILDS; i++) {
    t = performance.now();
    search = createProtocolSearch(protocols);
    builds.push(performance.now() - t);
  }
  builds.sort((a, b) => a - b);

  // ---- Search as typed -------------------------------------------------------------------------
  const searchTimings: number[] = [];
  const byLength = { short: [] as number[], medium: [] as number[], long: [] as number[] };
  let slowest = { ms: 0, prefix: '' };
  let hitsReturned = 0;
  let libraryPageSearches = 0;
  const typeQueries = (count: number, measure: boolean): void => {
    let done = 0;
    while (done < count) {
      const query = pick(QUERIES);
      // Mostly the triage picker (8 hits, ranked for the patient's age); sometimes the Protokoll section.
      const libraryPage = random() < 0.1;
      const options: ProtocolSearchOptions = libraryPage
        ? { limit: 50 }
        : { limit: 8, ageYears: query.ageYears };
      if (measure && libraryPage) libraryPageSearches++;
      for (const prefix of typedPrefixes(query.text)) {
        if (done >= count) break;
        const start = performance.now();
        const hits = search.search(prefix, options);
        const ms = performance.now() - start;
        done++;
        hitsReturned += hits.length;
        if (!measure) continue;
        searchTimings.push(ms);
        const length = prefix.length;
        (length <= 3 ? byLength.short : length <= 8 ? byLength.medium : byLength.long).push(ms);
        if (ms > slowest.ms) slowest = { ms, prefix };
      }
    }
  };
  t = performance.now();
  typeQueries(WARMUP_SEARCHES, false);
  const searchWarmupMs = performance.now() - t;
  hitsReturned = 0;
  const searchFrom = performance.now();
  typeQueries(MEASURED_SEARCHES, true);
  const searchTo = performance.now();

  // Not a test, but a fast search that finds nothing would be no use: say how the full queries fare.
  const misses: string[] = [];
  let inTopHit = 0;
  for (const query of QUERIES) {
    const hits = search.search(query.text, { limit: 8, ageYears: query.ageYears });
    const rank = hits.findIndex((hit) => hit.id === query.expect);
    if (rank === 0) inTopHit++;
    if (rank < 0) misses.push(`'${query.text}' (${query.expect})`);
  }

  // ---- Engine steps ----------------------------------------------------------------------------
  const stepTimings: number[] = [];
  const byProtocolCount: Record<1 | 2 | 3, number[]> = { 1: [], 2: [], 3: [] };
  const infantSteps: number[] = [];
  let calls = 0;
  let completeCalls = 0;
  let answersInSteps = 0;
  let mostAnswers = 0;

  const answerValue = (): TriageAnswerValue => {
    const r = random();
    return r < 0.7 ? 'no' : r < 0.85 ? 'unsure' : 'yes';
  };

  /** The call's protocols: mostly ones that apply to the patient, now and then one that does not. */
  const chooseProtocols = (ageYears: number | null): Protocol[] => {
    const r = random();
    const count = r < 0.6 ? 1 : r < 0.85 ? 2 : 3;
    const forAge = protocols.filter((p) => isInAgeRange(p.ageYears, ageYears));
    const chosen: Protocol[] = [];
    while (chosen.length < count) {
      const candidate = random() < 0.9 && forAge.length > 0 ? pick(forAge) : pick(protocols);
      if (!chosen.some((p) => p.id === candidate.id)) chosen.push(candidate);
    }
    return chosen;
  };

  /** A value the nurse enters when the engine asks for a finding; sex and age come with the patient. */
  const findingValue = (finding: FindingKey): TriageFindings | null => {
    switch (finding) {
      case 'temperatureC':
        return { temperatureC: random() < 0.1 ? 'unknown' : 36 + Math.round(random() * 50) / 10 };
      case 'durationHours':
        return { durationHours: Math.round(random() * 400) };
      case 'pregnancyWeek':
        return { pregnancyWeek: 4 + Math.floor(random() * 38) };
      case 'riskFactors':
        return { riskFactors: random() < 0.7 ? [] : [pick(RISK_FACTOR_IDS)] };
      default:
        return null;
    }
  };

  /** The next answer the nurse gives: the suggested question, another open one, or a changed answer. */
  const nextAnswer = (
    result: TriageResult,
    answers: readonly TriageAnswer[],
  ): { protocolId: string; questionId: string } | null => {
    const unanswered = result.protocols.flatMap((p) =>
      p.questions
        // Rules are decided by findings, never answered.
        .filter((q) => q.kind === 'question' && q.applicable && q.answer === null)
        .map((q) => ({ protocolId: p.protocolId, questionId: q.id })),
    );
    const r = random();
    if (r < 0.05 && answers.length > 0) return pick(answers);
    if (r < 0.75 && result.nextQuestion) return result.nextQuestion;
    return unanswered.length > 0 ? pick(unanswered) : null;
  };

  const runCalls = (steps: number, measure: boolean): void => {
    let done = 0;
    while (done < steps) {
      const ageYears = pick(PATIENT_AGES);
      const chosen = chooseProtocols(ageYears);
      const versions = new Map(chosen.map((p) => [p.id, p.version]));
      const sex = pick<PatientSex | null>(['female', 'male', null]);
      let findings: TriageFindings = {};
      let answers: TriageAnswer[] = [];
      let answeredAt = CALL_START + Math.floor(random() * 86_400_000);
      const evaluate = () => evaluateTriage({ protocols: chosen, answers, ageYears, sex, findings });
      // The evaluation when the protocols are chosen, before the first answer (not a step).
      let result = evaluate();
      if (measure) calls++;
      while (done < steps) {
        // A nurse often stops once nothing can change the disposition; some go through the whole checklist.
        if (result.complete && random() < 0.5) break;
        // Now and then the nurse enters a finding the engine asks for (a temperature, the risk factors).
        const entered =
          random() < 0.3
            ? result.findingsNeeded.map((needed) => findingValue(needed.finding)).find((value) => value)
            : undefined;
        if (entered) {
          findings = { ...findings, ...entered };
        } else {
          const question = nextAnswer(result, answers);
          if (!question) break;
          answeredAt += 2_000 + Math.floor(random() * 20_000);
          // Like the triage slice: a new array each time, a changed answer is a new entry.
          answers = [
            ...answers,
            {
              protocolId: question.protocolId,
              protocolVersion: versions.get(question.protocolId)!,
              questionId: question.questionId,
              value: answerValue(),
              answeredAt: new Date(answeredAt).toISOString(),
            },
          ];
        }
        const start = performance.now();
        result = evaluate();
        const ms = performance.now() - start;
        done++;
        if (!measure) continue;
        stepTimings.push(ms);
        byProtocolCount[chosen.length as 1 | 2 | 3].push(ms);
        if (ageYears !== null && ageYears < 1) infantSteps.push(ms);
        answersInSteps += answers.length;
        mostAnswers = Math.max(mostAnswers, answers.length);
      }
      if (measure && result.complete) completeCalls++;
    }
  };
  t = performance.now();
  runCalls(WARMUP_STEPS, false);
  const engineWarmupMs = performance.now() - t;
  const engineFrom = performance.now();
  runCalls(MEASURED_STEPS, true);
  const engineTo = performance.now();
  // GC entries are delivered asynchronously: let them arrive before reading them.
  await new Promise((resolve) => setTimeout(resolve, 50));
  gcObserver.disconnect();

  // ---- Figures ---------------------------------------------------------------------------------
  const load = os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
  console.log(
    `triage benchmark (node ${process.version}, ${os.availableParallelism()} cores, load average ${load})`,
  );
  console.log(
    `library: ${protocols.length} protocols indexed, ${questionCount} triage questions, ` +
      `${problems.length} problems; loaded and validated in ${loadMs.toFixed(0)} ms`,
  );
  console.log(
    `index build: first ${firstBuildMs.toFixed(2)} ms, then median ${builds[Math.floor(builds.length / 2)]!.toFixed(2)} ms ` +
      `(max ${builds.at(-1)!.toFixed(2)} ms) over ${INDEX_BUILDS} rebuilds`,
  );
  console.log(
    `search: ${QUERIES.length} queries typed a character at a time, ${WARMUP_SEARCHES} warm-up searches in ` +
      `${searchWarmupMs.toFixed(0)} ms, ${libraryPageSearches} queries with the Protokoll section's options, ` +
      `mean ${(hitsReturned / searchTimings.length).toFixed(1)} hits`,
  );
  const searchP99 = latencyLine('search latency ms', searchTimings);
  latencyLine('  prefixes of 1-3 characters', byLength.short);
  latencyLine('  prefixes of 4-8 characters', byLength.medium);
  latencyLine('  prefixes of 9+ characters', byLength.long);
  console.log(`  slowest search: '${slowest.prefix}' in ${f(slowest.ms)} ms`);
  console.log(
    `  during measurement (${(searchTo - searchFrom).toFixed(0)} ms): ${gcPauses(gcEntries, searchFrom, searchTo)}`,
  );
  console.log(
    `full queries: expected protocol first for ${inTopHit}/${QUERIES.length}, ` +
      `not in the top 8 for ${misses.length}${misses.length > 0 ? `: ${misses.join(', ')}` : ''}`,
  );
  console.log(
    `engine: ${calls} calls (${completeCalls} complete when the nurse stopped), ${WARMUP_STEPS} warm-up steps in ` +
      `${engineWarmupMs.toFixed(0)} ms, mean ${(answersInSteps / stepTimings.length).toFixed(1)} answers per step ` +
      `(most ${mostAnswers})`,
  );
  const stepP99 = latencyLine('engine step latency ms', stepTimings);
  latencyLine('  one protocol', byProtocolCount[1]);
  latencyLine('  two protocols', byProtocolCount[2]);
  latencyLine('  three protocols', byProtocolCount[3]);
  latencyLine('  patients under 1 year', infantSteps);
  console.log(
    `  during measurement (${(engineTo - engineFrom).toFixed(0)} ms): ${gcPauses(gcEntries, engineFrom, engineTo)}`,
  );
  targetLine('search', searchP99, SEARCH_TARGET_MS);
  targetLine('engine step', stepP99, STEP_TARGET_MS);

  // Accuracy on the evaluation vignettes (development and held-out), as `npm run triage -- eval` measures it.
  console.log('triage accuracy (test/fixtures/triage-eval):');
  for (const verdict of await evalAgainstTargets(
    path.resolve(import.meta.dirname, '../resources/protocols'),
  )) {
    console.log(`  ${verdict.target}: ${verdict.measured}: target ${verdict.met ? 'met' : 'NOT met'}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
