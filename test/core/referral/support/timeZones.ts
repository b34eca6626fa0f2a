// Test helper: runs a block of tests once per process time zone, to prove results do not depend on TZ.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** CI runs in UTC, workstations in Sweden; Tokyo is a zone far from both, without daylight saving. */
export const TEST_TIME_ZONES = ['UTC', 'Europe/Stockholm', 'Asia/Tokyo'] as const;

/**
 * Defines `tests` once per time zone. Node re-reads process.env.TZ when it is assigned, so Date's
 * local-time methods really change; the first test of each block checks that they did.
 */
export function describeInTimeZones(name: string, tests: () => void): void {
  for (const zone of TEST_TIME_ZONES) {
    describe(`${name} (TZ=${zone})`, () => {
      let previous: string | undefined;
      beforeAll(() => {
        previous = process.env.TZ;
        process.env.TZ = zone;
      });
      afterAll(() => {
        if (previous === undefined) delete process.env.TZ;
        else process.env.TZ = previous;
      });
      it('runs with the process in this time zone', () => {
        const localMidnightHour = new Date(Date.UTC(2026, 0, 15, 0, 0)).getHours();
        expect(localMidnightHour).toBe({ UTC: 0, 'Europe/Stockholm': 1, 'Asia/Tokyo': 9 }[zone]);
      });
      tests();
    });
  }
}
