// Bridge contract for care units' capacity status (grön / gul / röd, with an expiry) as a team lead reads and sets it.
//
// The list comes from the catalog cached on the workstation, so it still shows (with its age) when the
// backend cannot be reached; setting and clearing go to the backend, which decides who may. A change
// comes back to every workstation as `referral.catalogChanged`, since referral ranks over the same catalog.
import { z } from 'zod';
import { MAX_CAPACITY_VALIDITY_HOURS } from '../backend-api/catalog';
import { TimestampSchema } from '../case/fields';
import { CAPACITY_STATUSES } from '../referral/catalog';
import { fromStockholmWallClock, toStockholmWallClock } from '../referral/stockholmTime';
import type { BridgeEventTable, BridgeMethodTable } from './common';
import { NoArgs } from './common';
import {
  CapacityStateSchema,
  CareTypeSchema,
  CatalogStatusSchema,
  LocalizedTextSchema,
  RegionIdSchema,
} from './referral';

export { MAX_CAPACITY_VALIDITY_HOURS };

export const CapacityStatusSchema = z.enum(CAPACITY_STATUSES, {
  error: 'Kapaciteten är grön, gul eller röd (status must be green, amber or red).',
});

/** A care unit's HSA-id, read case-insensitively as the backend does (the catalog spells it upper case). */
export const UnitHsaIdSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(
    /^SE\d{10}-[A-Z0-9]{1,31}$/,
    'Ogiltigt HSA-id för en vårdenhet, t.ex. SE2321000016-D1A2 (not a care unit HSA-id).',
  );

/**
 * How long a status holds: a number of hours from now, or until a given time. Every status expires,
 * so a forgotten red cannot hide a unit from the nurses for days.
 */
export const CapacityValiditySchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('hours'),
      hours: z
        .number()
        .positive('Giltighetstiden måste vara mer än 0 timmar (validity must be more than 0 hours).')
        .max(
          MAX_CAPACITY_VALIDITY_HOURS,
          `Högst ${MAX_CAPACITY_VALIDITY_HOURS} timmar (at most ${MAX_CAPACITY_VALIDITY_HOURS} hours).`,
        ),
    }),
    z.strictObject({ kind: z.literal('until'), until: TimestampSchema }),
  ],
  { error: 'Ange giltighet i timmar eller en sluttid (validity: hours or until).' },
);
export type CapacityValidity = z.infer<typeof CapacityValiditySchema>;

/** One unit of the region as the capacity list shows it. */
export const UnitCapacityViewSchema = z.object({
  hsaId: z.string(),
  name: z.string(),
  careType: CareTypeSchema,
  careTypeLabel: LocalizedTextSchema,
  locality: z.string(),
  /** Today's opening hours in Swedish time ("08:00–17:00", "dygnet runt"). */
  todayHours: LocalizedTextSchema,
  openNow: z.boolean(),
  /** The status last set, as the catalog holds it; kept after it expired so the list can say so. */
  capacity: z
    .object({
      status: CapacityStatusSchema,
      expiresAt: TimestampSchema.nullable(),
      /** HSA-id of whoever set it: a team lead, or the unit itself. */
      setBy: z.string(),
    })
    .nullable(),
  /** What referral applies now: an expired or missing status is unknown (counted as green). */
  state: CapacityStateSchema,
});
export type UnitCapacityView = z.infer<typeof UnitCapacityViewSchema>;

export const CapacityOverviewSchema = z.object({
  /** The catalog the list is read from: its age, and whether the backend answered the last refresh. */
  catalog: CatalogStatusSchema,
  regionId: RegionIdSchema.nullable(),
  regionName: z.string().nullable(),
  /** Team lead or administrator: may ask the backend to change capacity (the backend decides in the end). */
  canChange: z.boolean(),
  maxValidityHours: z.number().int().positive(),
  /** When the states were read (what "now" meant for expiry). */
  at: TimestampSchema,
  /** The units of the signed-in person's own region, by care type and then name. */
  units: z.array(UnitCapacityViewSchema),
});
export type CapacityOverview = z.infer<typeof CapacityOverviewSchema>;

export const CapacityChangeSchema = z.object({
  unit: UnitCapacityViewSchema,
  catalog: CatalogStatusSchema,
});
export type CapacityChange = z.infer<typeof CapacityChangeSchema>;

export const SetCapacityArgsSchema = z.strictObject({
  hsaId: UnitHsaIdSchema,
  status: CapacityStatusSchema,
  validity: CapacityValiditySchema,
});
export type SetCapacityArgs = z.input<typeof SetCapacityArgsSchema>;

export const capacityMethods = {
  'capacity.overview': { args: NoArgs, result: CapacityOverviewSchema },
  'capacity.set': { args: SetCapacityArgsSchema, result: CapacityChangeSchema },
  'capacity.clear': { args: z.strictObject({ hsaId: UnitHsaIdSchema }), result: CapacityChangeSchema },
} as const satisfies BridgeMethodTable;

/** Changes arrive as `referral.catalogChanged` (core/api/referral.ts); capacity pushes nothing of its own. */
export const capacityEvents = {} as const satisfies BridgeEventTable;

/**
 * The next time Swedish clocks show `hour:minute` after `now` (today's if still ahead, else tomorrow's):
 * "until 07:00" from a night shift.
 */
export function nextSwedishClockTime(now: Date, hour: number, minute = 0): Date {
  const today = toStockholmWallClock(now);
  const candidate = fromStockholmWallClock({
    year: today.year,
    month: today.month,
    day: today.day,
    hour,
    minute,
  });
  if (candidate.getTime() > now.getTime()) return candidate;
  return fromStockholmWallClock({ year: today.year, month: today.month, day: today.day + 1, hour, minute });
}

/** When a status set at `now` with `validity` expires. */
export function capacityExpiry(validity: CapacityValidity, now: Date): Date {
  return validity.kind === 'hours'
    ? new Date(now.getTime() + Math.round(validity.hours * 3_600_000))
    : new Date(validity.until);
}
