// The queue overview's logic without React: waits that keep ticking between fetches, today's figures with their exact definitions, and a refresh throttle.
import type { QueueOverview, OverviewMetrics } from '../../../../core/backend-api/calls';
import { describeMetric } from '../../../../core/queue/metrics';
import type { MetricId } from '../../../../core/queue/metrics';

/**
 * Seconds a caller has waited at `now` (ms, backend clock), from what the backend said at `at`.
 * Frozen at `at` when the figures are stale (offline): a wait that keeps growing on old figures would
 * look live when it is not.
 */
export function waitedAt(secondsAtFetch: number, at: string, now: number, live: boolean): number {
  if (!live) return secondsAtFetch;
  return secondsAtFetch + Math.max(0, (now - Date.parse(at)) / 1000);
}

/** The longest wait of a queue now; 0 when nobody waits. */
export function longestWaitNow(
  tile: Pick<QueueOverview['queues'][number], 'waitingCount' | 'longestWaitSeconds'>,
  at: string,
  now: number,
  live: boolean,
): number {
  return tile.waitingCount === 0 ? 0 : waitedAt(tile.longestWaitSeconds, at, now, live);
}

/** "50 %" / "50%"; "–" when there is nothing to divide yet. */
export function formatShare(share: number | null, lang: 'sv' | 'en'): string {
  if (share === null) return '–';
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'sv-SE', {
    style: 'percent',
    maximumFractionDigits: 0,
  }).format(share);
}

/** 75 → "1:15" (minutes:seconds; hours first past an hour); "–" when there is no figure. */
export function formatMinutesSeconds(totalSeconds: number | null): string {
  if (totalSeconds === null) return '–';
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${String(m).padStart(2, '0')}:${s}`;
}

/** One of today's figures as the section shows it: the value, what it is made of, and its definition. */
export interface MetricFigure {
  id: MetricId | 'callsToday';
  value: string;
  /** i18n key and values of the line saying what the figure is made of. */
  detail: { key: string; values: Record<string, string | number> };
  /** The exact definition (core/queue/metrics METRIC_DEFINITIONS) or, for the counts, the section's own. */
  definition: { key: string } | { text: string };
}

/** Today's figures in the order a team lead reads them. */
export function metricFigures(today: OverviewMetrics, lang: 'sv' | 'en'): MetricFigure[] {
  const thresholds = {
    serviceLevelSeconds: today.serviceLevelSeconds,
    shortAbandonSeconds: today.shortAbandonSeconds,
  };
  const define = (id: MetricId) => ({ text: describeMetric(id, lang, thresholds) });
  return [
    {
      id: 'serviceLevel',
      value: formatShare(today.serviceLevel, lang),
      detail: {
        key: 'queueOverview.metrics.serviceLevelDetail',
        values: {
          answered: today.answeredWithinServiceLevel,
          count: today.serviceLevelBase,
          seconds: today.serviceLevelSeconds,
        },
      },
      definition: define('serviceLevel'),
    },
    {
      id: 'averageSpeedOfAnswer',
      value: formatMinutesSeconds(today.averageSpeedOfAnswerSeconds),
      detail: { key: 'queueOverview.metrics.asaDetail', values: { count: today.callsAnswered } },
      definition: define('averageSpeedOfAnswer'),
    },
    {
      id: 'abandonRate',
      value: formatShare(today.abandonRate, lang),
      detail: {
        key: 'queueOverview.metrics.abandonDetail',
        values: {
          abandoned: today.callsAbandoned,
          count: today.callsOffered,
          short: today.shortAbandons,
          seconds: today.shortAbandonSeconds,
        },
      },
      definition: define('abandonRate'),
    },
    {
      id: 'averageHandleTime',
      value: formatMinutesSeconds(today.averageHandleTimeSeconds),
      detail: {
        key: 'queueOverview.metrics.ahtDetail',
        values: {
          count: today.callsHandled,
          talk: formatMinutesSeconds(today.averageTalkSeconds),
          acw: formatMinutesSeconds(today.averageAfterCallWorkSeconds),
        },
      },
      definition: define('averageHandleTime'),
    },
    {
      id: 'callsToday',
      value: String(today.callsOffered),
      detail: {
        key: 'queueOverview.metrics.callsDetail',
        values: { answered: today.callsAnswered, abandoned: today.callsAbandoned },
      },
      definition: { key: 'queueOverview.metrics.callsDefinition' },
    },
  ];
}

/** No call has entered the region's queues today and nobody waits. */
export function isQuietDay(overview: QueueOverview): boolean {
  return overview.today.callsOffered === 0 && overview.queues.every((queue) => queue.waitingCount === 0);
}

/**
 * Runs `fetch` at once when asked, but at most once per `minIntervalMs`: a burst of live events (a
 * surge, a simulator) is fetched once more at the end of the interval rather than once per event.
 */
export class RefreshThrottle {
  private lastRun = Number.NEGATIVE_INFINITY;
  private pending: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly fetch: () => void,
    private readonly minIntervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  request(): void {
    if (this.pending !== undefined) return;
    const wait = this.lastRun + this.minIntervalMs - this.now();
    if (wait <= 0) {
      this.run();
      return;
    }
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.run();
    }, wait);
  }

  stop(): void {
    clearTimeout(this.pending);
    this.pending = undefined;
  }

  private run(): void {
    this.lastRun = this.now();
    this.fetch();
  }
}
