// The queue monitoring section's logic without a browser: ticking waits, today's figures with their definitions, the refresh throttle and the slice through an outage.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { QueueOverview } from '../../../core/backend-api/calls';
import { describeMetric } from '../../../core/queue/metrics';
import {
  RefreshThrottle,
  formatMinutesSeconds,
  formatShare,
  isQuietDay,
  longestWaitNow,
  metricFigures,
  waitedAt,
} from '../../../renderer/src/features/queueOverview/queueOverviewView';
import { queueOverviewReducer } from '../../../renderer/src/features/queueOverview/queueOverviewSlice';
import { loadQueueOverview } from '../../../renderer/src/features/queueOverview/queueOverviewThunks';

const AT = '2026-03-02T07:30:00.000Z';
const AT_MS = Date.parse(AT);

function overview(at = AT, change: Partial<QueueOverview['today']> = {}): QueueOverview {
  return {
    regionId: 'skane',
    regionName: 'Region Skåne',
    at,
    queues: [
      {
        queueId: 'skane',
        kind: 'regional',
        name: { sv: 'Region Skåne', en: 'Region Skåne' },
        waitingCount: 2,
        longestWaitSeconds: 65,
        redFlagCallsWaiting: [],
        callbacksDue: 0,
      },
      {
        queueId: 'overflow',
        kind: 'overflow',
        name: { sv: 'Gemensam överflödeskö', en: 'Shared overflow queue' },
        waitingCount: 0,
        longestWaitSeconds: 0,
        redFlagCallsWaiting: [],
        callbacksDue: 0,
      },
    ],
    nurses: {
      byState: { available: 1, 'on-call': 1, 'after-call-work': 0, break: 0, offline: 0 },
      breaksByReason: {
        'short-break': 0,
        lunch: 0,
        meeting: 0,
        training: 0,
        administration: 0,
        other: 0,
        'offer-timeout': 0,
      },
    },
    today: {
      from: AT_MS - 8 * 3600_000,
      to: AT_MS + 1,
      serviceLevelSeconds: 120,
      shortAbandonSeconds: 10,
      callsOffered: 4,
      callsAnswered: 2,
      callsAbandoned: 1,
      shortAbandons: 0,
      answeredWithinServiceLevel: 1,
      serviceLevelBase: 3,
      serviceLevel: 1 / 3,
      averageSpeedOfAnswerSeconds: 95.4,
      abandonRate: 0.25,
      callsHandled: 1,
      averageHandleTimeSeconds: 420,
      averageTalkSeconds: 360,
      averageAfterCallWorkSeconds: 60,
      offersNotAnswered: 0,
      occupancy: 0.5,
      ...change,
    },
  };
}

describe('waits between fetches', () => {
  it('count up from the fetched figure while live, and stand still on stale figures', () => {
    expect(waitedAt(65, AT, AT_MS + 10_000, true)).toBe(75);
    expect(waitedAt(65, AT, AT_MS + 10_000, false)).toBe(65);
    // A backend clock slightly behind ours never makes a wait go backwards.
    expect(waitedAt(65, AT, AT_MS - 2_000, true)).toBe(65);
    const [regional, overflow] = overview().queues;
    expect(formatMinutesSeconds(longestWaitNow(regional!, AT, AT_MS + 10_000, true))).toBe('01:15');
    expect(longestWaitNow(overflow!, AT, AT_MS + 10_000, true)).toBe(0);
  });

  it('read as minutes:seconds, hours first past an hour', () => {
    expect(formatMinutesSeconds(0)).toBe('00:00');
    expect(formatMinutesSeconds(59.9)).toBe('00:59');
    expect(formatMinutesSeconds(3725)).toBe('1:02:05');
    expect(formatMinutesSeconds(null)).toBe('–');
  });
});

describe("today's figures", () => {
  it('show each value with the exact definition from core/queue/metrics, thresholds filled in', () => {
    const figures = metricFigures(overview().today, 'sv');
    expect(figures.map((figure) => figure.id)).toEqual([
      'serviceLevel',
      'averageSpeedOfAnswer',
      'abandonRate',
      'averageHandleTime',
      'callsToday',
    ]);
    const byId = Object.fromEntries(figures.map((figure) => [figure.id, figure]));
    expect(byId.serviceLevel?.value).toBe('33\u00a0%');
    expect(byId.serviceLevel?.definition).toEqual({
      text: describeMetric('serviceLevel', 'sv', { serviceLevelSeconds: 120, shortAbandonSeconds: 10 }),
    });
    expect(JSON.stringify(byId.serviceLevel?.definition)).toContain('inom 120 sekunder');
    expect(byId.averageSpeedOfAnswer?.value).toBe('01:35');
    expect(byId.abandonRate?.value).toBe('25\u00a0%');
    expect(byId.averageHandleTime?.value).toBe('07:00');
    expect(byId.averageHandleTime?.detail.values).toMatchObject({ talk: '06:00', acw: '01:00' });
    expect(byId.callsToday?.value).toBe('4');
    const english = metricFigures(overview().today, 'en');
    expect(english[0]?.value).toBe('33%');
    expect(english[0]?.definition).toEqual({
      text: describeMetric('serviceLevel', 'en', { serviceLevelSeconds: 120, shortAbandonSeconds: 10 }),
    });
  });

  it('say "–" rather than 0 when nothing counts yet, and a quiet day is one without calls or waiting callers', () => {
    const empty = overview(AT, {
      callsOffered: 0,
      callsAnswered: 0,
      callsAbandoned: 0,
      answeredWithinServiceLevel: 0,
      serviceLevelBase: 0,
      serviceLevel: null,
      averageSpeedOfAnswerSeconds: null,
      abandonRate: null,
      callsHandled: 0,
      averageHandleTimeSeconds: null,
      averageTalkSeconds: null,
      averageAfterCallWorkSeconds: null,
    });
    expect(metricFigures(empty.today, 'sv').map((figure) => figure.value)).toEqual(['–', '–', '–', '–', '0']);
    expect(formatShare(null, 'en')).toBe('–');
    expect(isQuietDay(empty)).toBe(false); // two callers are waiting
    expect(
      isQuietDay({ ...empty, queues: empty.queues.map((queue) => ({ ...queue, waitingCount: 0 })) }),
    ).toBe(true);
    expect(isQuietDay(overview())).toBe(false);
  });
});

describe('the refresh throttle', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fetches at once, folds a burst of events into one more fetch, and stops cleanly', () => {
    vi.useFakeTimers();
    const fetch = vi.fn();
    const throttle = new RefreshThrottle(fetch, 2_000);
    throttle.request();
    expect(fetch).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 10; i += 1) throttle.request();
    expect(fetch).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(2_000);
    expect(fetch).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(5_000);
    throttle.request();
    expect(fetch).toHaveBeenCalledTimes(3);
    throttle.request();
    throttle.stop();
    vi.advanceTimersByTime(5_000);
    expect(fetch).toHaveBeenCalledTimes(3);
  });
});

describe('the queue overview slice', () => {
  const initial = queueOverviewReducer(undefined, { type: 'init' });

  it('keeps the last figures through an outage and says why they are not updated', () => {
    const loading = queueOverviewReducer(initial, loadQueueOverview.pending('r1'));
    expect(loading.status).toBe('loading');
    const ready = queueOverviewReducer(loading, loadQueueOverview.fulfilled(overview(), 'r1'));
    expect(ready).toMatchObject({ status: 'ready', error: null });
    const offline = queueOverviewReducer(
      ready,
      loadQueueOverview.rejected(null, 'r2', undefined, { code: 'backend_unreachable', message: 'down' }),
    );
    expect(offline.status).toBe('ready');
    expect(offline.overview?.at).toBe(AT);
    expect(offline.error?.code).toBe('backend_unreachable');
    const back = queueOverviewReducer(
      offline,
      loadQueueOverview.fulfilled(overview('2026-03-02T07:31:00.000Z'), 'r3'),
    );
    expect(back.error).toBeNull();
    expect(back.overview?.at).toBe('2026-03-02T07:31:00.000Z');
  });

  it('shows an error with nothing to keep, and never lets an older answer replace newer figures', () => {
    const failed = queueOverviewReducer(
      initial,
      loadQueueOverview.rejected(null, 'r1', undefined, { code: 'forbidden', message: 'no' }),
    );
    expect(failed.status).toBe('error');
    const newer = queueOverviewReducer(
      failed,
      loadQueueOverview.fulfilled(overview('2026-03-02T07:31:00.000Z'), 'r2'),
    );
    const older = queueOverviewReducer(newer, loadQueueOverview.fulfilled(overview(AT), 'r3'));
    expect(older.overview?.at).toBe('2026-03-02T07:31:00.000Z');
  });
});
