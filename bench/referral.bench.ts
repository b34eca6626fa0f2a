// Benchmark: ranking care units over a 10,000-unit synthetic catalog; prints latency percentiles in ms.
//
// Each measured call resolves the patient's regional rules for the moment and ranks the whole catalog
// (every unit gets a suggestion or an exclusion with its reason). Patients, times (two weeks including
// midsommar) and dispositions are random but seeded, so runs are comparable. Target: p99 < 5 ms.
import path from 'node:path';
import { REGION_IDS, type CareUnit, type Competence, type RegionId } from '../core/referral/catalog';
import { openingHoursCacheStats } from '../core/referral/openingHours';
import { indexCareUnits, rankCareUnits, type RankRequest } from '../core/referral/rank';
import { resolveRegionRules } from '../core/referral/regionConfig';
import { createRandom, generateSyntheticCatalog, SYNTHETIC_ANCHORS } from '../core/referral/syntheticCatalog';
import type { CareLevel, DispositionLevel } from '../core/triage/dispositionLadder';
import { loadCatalog } from '../main/services/catalog/loadCatalog';

const UNITS = Number(process.env.BENCH_UNITS ?? 10_000);
const WARMUP_CALLS = 500;
const MEASURED_CALLS = Number(process.env.BENCH_CALLS ?? 3_000);
const WINDOW_START = Date.parse('2026-06-15T00:00:00+02:00');
const WINDOW_MS = 14 * 86_400_000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main(): Promise<void> {
  const resources = path.resolve(import.meta.dirname, '../resources');
  const { national, regions } = await loadCatalog(resources);

  let t = performance.now();
  const units = generateSyntheticCatalog({ units: UNITS, seed: 42 });
  const generateMs = performance.now() - t;
  t = performance.now();
  const index = indexCareUnits(units);
  const indexMs = performance.now() - t;
  const distinctHours = new Set(units.map((u) => u.openingHours)).size;
  const vardcentraler = units.filter((u) => u.careType === 'vardcentral');

  const random = createRandom(7);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const needsPool: Competence[] = ['xray', 'plaster', 'children', 'lab', 'ecg', 'gynaecology'];
  const levelPool: DispositionLevel[] = [1, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 5, 5, 6];

  const makeRequest = (): RankRequest => {
    const regionId: RegionId = pick(REGION_IDS);
    const [, , lat, lon] = pick(SYNTHETIC_ANCHORS[regionId]);
    const now = new Date(WINDOW_START + Math.floor(random() * WINDOW_MS));
    const level = pick(levelPool);
    const careLevel: CareLevel | undefined =
      random() < 0.05 ? pick(['tandvardsjour', 'psykiatrisk-akutmottagning'] as const) : undefined;
    const listed: CareUnit | undefined = random() < 0.3 ? pick(vardcentraler) : undefined;
    return {
      units: index,
      rules: resolveRegionRules(national, regions.get(regionId), now),
      disposition: careLevel ? { level, careLevel } : { level },
      patient: {
        ageYears: random() < 0.1 ? undefined : Math.floor(random() * 90),
        location: { lat: lat + (random() - 0.5) * 0.5, lon: lon + (random() - 0.5) * 0.8 },
        listedUnitHsaId: listed?.hsaId,
        needs: random() < 0.15 ? [pick(needsPool)] : undefined,
      },
      now,
      limit: 5,
    };
  };

  // The first call pays for parsing and the first week of opening intervals; reported on its own.
  t = performance.now();
  const first = makeRequest();
  first.rules = resolveRegionRules(national, regions.get('skane'), first.now);
  rankCareUnits(first);
  const firstCallMs = performance.now() - t;

  t = performance.now();
  for (let i = 0; i < WARMUP_CALLS; i++) {
    const request = makeRequest();
    request.rules = resolveRegionRules(national, regions.get(pick(REGION_IDS)), request.now);
    rankCareUnits(request);
  }
  const warmupMs = performance.now() - t;

  const blocksBefore = openingHoursCacheStats().weekBlocksComputed;
  // Phase 1: what the workstation does on every disposition (suggestions, fallback, reasons).
  const timings: number[] = [];
  let suggestions = 0;
  let fallbacks = 0;
  for (let i = 0; i < MEASURED_CALLS; i++) {
    const regionId: RegionId = pick(REGION_IDS);
    const request = makeRequest();
    const start = performance.now();
    request.rules = resolveRegionRules(national, regions.get(regionId), request.now);
    const result = rankCareUnits(request);
    timings.push(performance.now() - start);
    suggestions += result.suggestions.length;
    if (result.fallback) fallbacks++;
  }

  const blocksDuringMeasurement = openingHoursCacheStats().weekBlocksComputed - blocksBefore;

  // Phase 2: the same, and the nurse opens the full exclusion list (built on first read).
  const withExclusions: number[] = [];
  let excluded = 0;
  for (let i = 0; i < Math.min(1000, MEASURED_CALLS); i++) {
    const regionId: RegionId = pick(REGION_IDS);
    const request = makeRequest();
    const start = performance.now();
    request.rules = resolveRegionRules(national, regions.get(regionId), request.now);
    excluded += rankCareUnits(request).excluded.length;
    withExclusions.push(performance.now() - start);
  }

  timings.sort((a, b) => a - b);
  withExclusions.sort((a, b) => a - b);
  const mean = timings.reduce((s, x) => s + x, 0) / timings.length;
  const f = (x: number): string => x.toFixed(3);

  console.log(`referral ranking benchmark (node ${process.version}, TZ=${process.env.TZ ?? '(unset)'})`);
  console.log(`catalog: ${units.length} synthetic units, ${distinctHours} distinct opening-hours strings`);
  console.log(`generate: ${generateMs.toFixed(0)} ms, index (parse opening hours): ${indexMs.toFixed(0)} ms`);
  console.log(
    `first call: ${firstCallMs.toFixed(1)} ms, warm-up: ${WARMUP_CALLS} calls in ${warmupMs.toFixed(0)} ms`,
  );
  console.log(
    `measured: ${MEASURED_CALLS} calls (resolve rules + rank), mean ${(suggestions / MEASURED_CALLS).toFixed(1)} suggestions, ` +
      `${fallbacks} fallbacks`,
  );
  console.log(
    `latency ms: p50 ${f(percentile(timings, 50))}  p95 ${f(percentile(timings, 95))}  ` +
      `p99 ${f(percentile(timings, 99))}  max ${f(timings[timings.length - 1]!)}  mean ${f(mean)}`,
  );
  console.log(
    `opening-hours week blocks evaluated during measurement (cache misses): ${blocksDuringMeasurement}; ` +
      `cached before: ${blocksBefore}`,
  );
  console.log(
    `with the exclusion list read (${withExclusions.length} calls, mean ${(excluded / withExclusions.length).toFixed(0)} exclusions): ` +
      `p50 ${f(percentile(withExclusions, 50))}  p95 ${f(percentile(withExclusions, 95))}  ` +
      `p99 ${f(percentile(withExclusions, 99))}  max ${f(withExclusions[withExclusions.length - 1]!)}`,
  );
  const p99 = percentile(timings, 99);
  console.log(p99 < 5 ? 'p99 < 5 ms: target met' : `p99 ${f(p99)} ms: target of 5 ms NOT met`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
