// The capacity section's logic without a browser: validity choices in Swedish time, statuses running out, and the slice following changes.
import { describe, expect, it } from 'vitest';
import type { CapacityOverview, UnitCapacityView } from '../../../core/api/capacity';
import type { CatalogStatus } from '../../../core/api/referral';
import {
  capacityEditOpened,
  capacityReducer,
  selectEditedUnit,
  type CapacityState,
} from '../../../renderer/src/features/capacity/capacitySlice';
import {
  clearCapacity,
  loadCapacity,
  setCapacity,
} from '../../../renderer/src/features/capacity/capacityThunks';
import {
  defaultValidityChoice,
  expiryOf,
  formatSpan,
  hasExpired,
  parseClock,
  stateAt,
  validityOf,
} from '../../../renderer/src/features/capacity/validity';
import { sessionChanged } from '../../../renderer/src/features/session/sessionSlice';
import { sweden } from '../../core/referral/support/time';

describe('how long a status holds', () => {
  it('defaults to the morning shift at night and to four hours by day', () => {
    expect(defaultValidityChoice(sweden('2026-06-13 23:30'))).toBe('morning');
    expect(defaultValidityChoice(sweden('2026-06-14 04:59'))).toBe('morning');
    expect(defaultValidityChoice(sweden('2026-06-14 05:00'))).toBe('4h');
    expect(defaultValidityChoice(sweden('2026-06-14 18:59'))).toBe('4h');
    expect(defaultValidityChoice(sweden('2026-06-14 19:00'))).toBe('morning');
  });

  it('means the next 07:00 in Swedish time, today before it and tomorrow after it, across a clock change', () => {
    expect(expiryOf('morning', sweden('2026-06-13 23:30'), '')).toEqual(sweden('2026-06-14 07:00'));
    expect(expiryOf('morning', sweden('2026-06-14 06:59'), '')).toEqual(sweden('2026-06-14 07:00'));
    expect(expiryOf('morning', sweden('2026-06-14 07:00'), '')).toEqual(sweden('2026-06-15 07:00'));
    // The night the clocks go back (25 October 2026): still 07:00 on the wall, eight real hours later.
    const night = sweden('2026-10-24 23:00');
    expect(expiryOf('morning', night, '')!.getTime() - night.getTime()).toBe(9 * 3_600_000);
  });

  it('sends hours as hours, and a time of one’s own as the next time the clock shows it', () => {
    const now = sweden('2026-06-13 23:30');
    expect(validityOf('4h', now, '')).toEqual({ kind: 'hours', hours: 4 });
    expect(validityOf('custom', now, '05:45')).toEqual({
      kind: 'until',
      until: sweden('2026-06-14 05:45').toISOString(),
    });
    expect(validityOf('custom', now, '23.45')).toEqual({
      kind: 'until',
      until: sweden('2026-06-13 23:45').toISOString(),
    });
    expect(validityOf('custom', now, '25:00')).toBeNull();
    expect(validityOf('custom', now, 'sju')).toBeNull();
    expect(parseClock('7:05')).toEqual({ hour: 7, minute: 5 });
    expect(formatSpan(45)).toBe('45 min');
    expect(formatSpan(240)).toBe('4 h');
    expect(formatSpan(450)).toBe('7 h 30 min');
  });

  it('counts a status only until it runs out', () => {
    const unit = { capacity: { status: 'red' as const, expiresAt: '2026-06-14T05:00:00.000Z', setBy: 'x' } };
    expect(stateAt(unit, Date.parse('2026-06-14T04:59:59.000Z'))).toBe('red');
    expect(hasExpired(unit, Date.parse('2026-06-14T04:59:59.000Z'))).toBe(false);
    expect(stateAt(unit, Date.parse('2026-06-14T05:00:00.000Z'))).toBe('unknown');
    expect(hasExpired(unit, Date.parse('2026-06-14T05:00:00.000Z'))).toBe(true);
    expect(stateAt({ capacity: { ...unit.capacity, expiresAt: null } }, Date.now())).toBe('red');
    expect(stateAt({ capacity: null }, Date.now())).toBe('unknown');
  });
});

const catalog: CatalogStatus = {
  state: 'ready',
  regionId: 'vasternorrland',
  regions: [{ regionId: 'vasternorrland', name: 'Region Västernorrland', neighbour: false }],
  version: 'v1',
  unitCount: 1,
  fetchedAt: '2026-06-13T21:00:00.000Z',
  confirmedAt: '2026-06-13T21:00:00.000Z',
  source: 'backend',
  offline: false,
  problem: null,
};
const unit: UnitCapacityView = {
  hsaId: 'SE2321000016-DVNL02',
  name: 'Akutmottagningen Sundsvalls sjukhus (demo)',
  careType: 'akutmottagning',
  careTypeLabel: { sv: 'Akutmottagning', en: 'Emergency department' },
  locality: 'Sundsvall',
  todayHours: { sv: 'dygnet runt', en: 'around the clock' },
  openNow: true,
  capacity: null,
  state: 'unknown',
};
const overview: CapacityOverview = {
  catalog,
  regionId: 'vasternorrland',
  regionName: 'Region Västernorrland',
  canChange: true,
  maxValidityHours: 72,
  at: '2026-06-13T21:30:00.000Z',
  units: [unit],
};

describe('the capacity slice', () => {
  const loaded = capacityReducer(undefined, loadCapacity.fulfilled(overview, 'r1'));
  const editing = capacityReducer(loaded, capacityEditOpened(unit.hsaId));
  const args = { hsaId: unit.hsaId, status: 'red' as const, validity: { kind: 'hours' as const, hours: 4 } };

  it('puts the confirmed status in the list, closes the dialog and says what was done', () => {
    expect(selectEditedUnit({ capacity: editing })?.name).toBe(unit.name);
    const red: UnitCapacityView = {
      ...unit,
      state: 'red',
      capacity: { status: 'red', expiresAt: '2026-06-14T01:30:00.000Z', setBy: 'SE2321000016-VNLTL1' },
    };
    const saving = capacityReducer(editing, setCapacity.pending('r2', args));
    expect(saving.saving).toBe('set');
    const saved = capacityReducer(saving, setCapacity.fulfilled({ unit: red, catalog }, 'r2', args));
    expect(saved.overview!.units[0]).toEqual(red);
    expect(saved.editing).toBeNull();
    expect(saved.lastOutcome).toEqual({ kind: 'set', unit: red });

    const cleared = capacityReducer(
      saved,
      clearCapacity.fulfilled({ unit, catalog }, 'r3', { hsaId: unit.hsaId }),
    );
    expect(cleared.overview!.units[0]!.state).toBe('unknown');
    expect(cleared.lastOutcome?.kind).toBe('cleared');
  });

  it('keeps the dialog open with the refusal, and the list as it was', () => {
    const refused = capacityReducer(
      capacityReducer(editing, setCapacity.pending('r2', args)),
      setCapacity.rejected(null, 'r2', args, {
        code: 'backend_unreachable',
        message: 'The regional backend could not be reached.',
      }),
    );
    expect(refused.editing).toBe(unit.hsaId);
    expect(refused.saving).toBeNull();
    expect(refused.saveError?.code).toBe('backend_unreachable');
    expect(refused.overview!.units[0]).toEqual(unit);
  });

  it('keeps a list on screen when a reload fails, and forgets everything at sign-out', () => {
    const failed: CapacityState = capacityReducer(
      loaded,
      loadCapacity.rejected(null, 'r4', undefined, { code: 'internal', message: 'x' }),
    );
    expect(failed.status).toBe('ready');
    expect(failed.overview).not.toBeNull();
    expect(failed.error?.code).toBe('internal');
    const signedOut = capacityReducer(failed, sessionChanged({ status: 'signed-out' }));
    expect(signedOut.overview).toBeNull();
    expect(signedOut.status).toBe('idle');
  });
});
