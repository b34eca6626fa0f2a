// Bridge contract for referral (hänvisning): the cached catalog's state, placing the patient, suggestions with reasons, manual search, the receipt.
//
// Main ranks over the catalog it keeps cached per region (so referral works offline) and reads the
// disposition from the case's own triage record, so a suggestion always follows what the case says.
// Times travel as ISO strings; texts come Swedish first with English beside them. Exclusions are built
// only when asked (`includeExcluded`), since the nurse opens them on demand.
import { z } from 'zod';
import { SwedishMobileSchema } from '../backend-api/catalog';
import { EntityIdSchema, TimestampSchema } from '../case/fields';
import {
  ACCESS_MODES,
  CAPACITY_STATUSES,
  CARE_TYPES,
  COMPETENCES,
  geoPointSchema,
  REGION_IDS,
} from '../referral/catalog';
import { RULE_PERIODS } from '../referral/regionConfig';
import { EXCLUSION_CRITERIA } from '../referral/rank';
import { DISPOSITION_LADDER, type CareLevel, type DispositionLevel } from '../triage/dispositionLadder';
import type { TriageRecord } from '../triage/record';
import { CareLevelSchema, DispositionLevelSchema } from '../triage/record';
import { NoArgs, type BridgeEventTable, type BridgeMethodTable } from './common';

/** A text in both languages, Swedish first (the record is kept in Swedish). */
export const LocalizedTextSchema = z.object({ sv: z.string(), en: z.string() });
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

export const RegionIdSchema = z.enum(REGION_IDS, { error: 'Okänd region (unknown region).' });
export const CareTypeSchema = z.enum(CARE_TYPES, { error: 'Okänd vårdtyp (unknown care type).' });
export const CompetenceSchema = z.enum(COMPETENCES, { error: 'Okänd kompetens (unknown competence).' });

// ---------------------------------------------------------------------------------------------
// The catalog kept on the workstation

export const CATALOG_SOURCES = ['backend', 'cache'] as const;

export const CatalogStatusSchema = z.object({
  /** `missing`: nothing fetched yet and nothing cached, so referral cannot work until the backend answers. */
  state: z.enum(['ready', 'missing']),
  regionId: RegionIdSchema.nullable(),
  /** The regions whose units are in it, own region first. */
  regions: z.array(z.object({ regionId: RegionIdSchema, name: z.string(), neighbour: z.boolean() })),
  version: z.string().nullable(),
  unitCount: z.number().int().min(0),
  /** When this catalog was fetched from the backend. */
  fetchedAt: TimestampSchema.nullable(),
  /** When the backend last confirmed it (fetched, or answered "unchanged"). */
  confirmedAt: TimestampSchema.nullable(),
  /** `cache`: read from disk and not yet confirmed by the backend since start-up. */
  source: z.enum(CATALOG_SOURCES).nullable(),
  /** The last refresh failed (backend unreachable or refusing): working from the catalog of `fetchedAt`. */
  offline: z.boolean(),
  /** Why the last refresh failed, in English for support; null when it worked. */
  problem: z.string().nullable(),
});
export type CatalogStatus = z.infer<typeof CatalogStatusSchema>;

// ---------------------------------------------------------------------------------------------
// Units, suggestions and exclusions as the panel shows them

export const UnitViewSchema = z.object({
  hsaId: z.string(),
  name: z.string(),
  careType: CareTypeSchema,
  careTypeLabel: LocalizedTextSchema,
  regionId: RegionIdSchema,
  address: z.object({ street: z.string(), postcode: z.string(), locality: z.string() }),
  location: geoPointSchema,
  phone: z.string(),
  /** The OpenStreetMap opening-hours value, as the catalog has it. */
  openingHours: z.string(),
  /** Today's opening hours in Swedish time: "08:00–17:00", "dygnet runt", "stängt i dag". */
  todayHours: LocalizedTextSchema,
  competences: z.array(CompetenceSchema),
  ageYears: z.object({ min: z.number().int().optional(), max: z.number().int().optional() }),
  listedPatientsOnly: z.boolean(),
  access: z.enum(ACCESS_MODES),
  demo: z.boolean(),
});
export type UnitView = z.infer<typeof UnitViewSchema>;

export const CapacityStateSchema = z.enum([...CAPACITY_STATUSES, 'unknown']);
export type CapacityStateView = z.infer<typeof CapacityStateSchema>;

export const ReasonSchema = z.object({ code: z.string(), sv: z.string(), en: z.string() });
export type ReasonView = z.infer<typeof ReasonSchema>;

/** Which rule made a care type fit: the layer, its version and the path in its file. */
export const RuleSourceViewSchema = z.object({
  layer: z.enum(['national', 'region', 'unit']),
  id: z.string(),
  version: z.number().int(),
  path: z.string(),
  /** "Regional regel Gotland v2", "Nationell standard v1". */
  label: LocalizedTextSchema,
});
export type RuleSourceView = z.infer<typeof RuleSourceViewSchema>;

export const SuggestionViewSchema = z.object({
  unit: UnitViewSchema,
  /** Null for units that come to the patient (ambulans) or meet them online. */
  distanceKm: z.number().nullable(),
  preferenceRank: z.number().int(),
  openNow: z.boolean(),
  opensAt: TimestampSchema.nullable(),
  closesAt: TimestampSchema.nullable(),
  capacity: CapacityStateSchema,
  /** Null when the assessment named the care level itself. */
  ruleSource: RuleSourceViewSchema.nullable(),
  reasons: z.array(ReasonSchema),
});
export type SuggestionView = z.infer<typeof SuggestionViewSchema>;

export const ExclusionViewSchema = z.object({
  unit: z.object({
    hsaId: z.string(),
    name: z.string(),
    careType: CareTypeSchema,
    careTypeLabel: LocalizedTextSchema,
    locality: z.string(),
  }),
  /** Straight-line distance from the patient, for ordering the list. */
  distanceKm: z.number(),
  criterion: z.enum(EXCLUSION_CRITERIA),
  criterionLabel: LocalizedTextSchema,
  reason: LocalizedTextSchema,
});
export type ExclusionView = z.infer<typeof ExclusionViewSchema>;

export const FallbackViewSchema = z.object({
  unit: UnitViewSchema,
  distanceKm: z.number(),
  closesAt: TimestampSchema.nullable(),
  ruleSource: RuleSourceViewSchema,
  reason: ReasonSchema,
});
export type FallbackView = z.infer<typeof FallbackViewSchema>;

/** The disposition a suggestion was made for, as read from the case. */
export const ReferralDispositionSchema = z.object({
  level: DispositionLevelSchema,
  /** The care level the assessment named, when it differs from the level's default; null lets the region decide. */
  careLevel: CareLevelSchema.nullable(),
  /** True when the nurse's override set the level. */
  overridden: z.boolean(),
});
export type ReferralDisposition = z.infer<typeof ReferralDispositionSchema>;

export const SuggestResultSchema = z.object({
  disposition: ReferralDispositionSchema,
  /** The region whose rules ranked the units (the patient's, when the catalog has them). */
  rulesRegionId: RegionIdSchema.nullable(),
  rulesRegionName: z.string(),
  period: z.enum(RULE_PERIODS),
  periodLabel: LocalizedTextSchema,
  at: TimestampSchema,
  suggestions: z.array(SuggestionViewSchema),
  fallback: FallbackViewSchema.nullable(),
  notice: ReasonSchema.nullable(),
  /** Units that fit, including those beyond the suggestions shown. */
  eligibleCount: z.number().int().min(0),
  excludedCount: z.number().int().min(0),
  /** Only with `includeExcluded`: every unit left out, nearest first, with the first criterion it failed. */
  excluded: z.array(ExclusionViewSchema).nullable(),
  catalog: CatalogStatusSchema,
});
export type SuggestResult = z.infer<typeof SuggestResultSchema>;

export const LocalityViewSchema = z.object({
  name: z.string(),
  municipality: z.string(),
  regionId: RegionIdSchema,
  regionName: z.string(),
  location: geoPointSchema,
});
export type LocalityView = z.infer<typeof LocalityViewSchema>;

export const LocateResultSchema = z.discriminatedUnion('found', [
  z.object({
    found: z.literal(true),
    locality: LocalityViewSchema,
    matchedBy: z.enum(['postcode', 'name']),
    alternatives: z.array(LocalityViewSchema),
  }),
  z.object({ found: z.literal(false), reason: LocalizedTextSchema }),
]);
export type LocateResult = z.infer<typeof LocateResultSchema>;

export const UnitMatchSchema = z.object({
  unit: UnitViewSchema,
  distanceKm: z.number().nullable(),
  openNow: z.boolean(),
  opensAt: TimestampSchema.nullable(),
  closesAt: TimestampSchema.nullable(),
  capacity: CapacityStateSchema,
});
export type UnitMatch = z.infer<typeof UnitMatchSchema>;

// ---------------------------------------------------------------------------------------------
// Arguments

const AtSchema = TimestampSchema.optional();

export const SuggestArgsSchema = z.strictObject({
  caseId: EntityIdSchema,
  /** Where the patient is (from referral.locate). */
  location: geoPointSchema,
  /** The region the patient is in; its rules apply when the catalog has them (else the nurse's region). */
  regionId: RegionIdSchema.optional(),
  ageYears: z
    .number()
    .min(0, 'Åldern kan inte vara negativ (age must be 0 or more).')
    .max(130, 'Åldern är högst 130 år (age is at most 130).')
    .optional(),
  needs: z.array(CompetenceSchema).max(COMPETENCES.length).optional(),
  /** The moment to suggest for (default now). */
  at: AtSchema,
  includeExcluded: z.boolean().default(false),
  limit: z.number().int().min(1).max(20).default(5),
});
export type SuggestArgs = z.input<typeof SuggestArgsSchema>;

export const SearchArgsSchema = z.strictObject({
  /** Part of a name, town or care type ("lund", "närakut"); empty lists by distance. */
  query: z.string().max(100, 'Sökningen är för lång (query too long).').default(''),
  careType: CareTypeSchema.optional(),
  location: geoPointSchema.optional(),
  at: AtSchema,
  limit: z.number().int().min(1).max(50).default(20),
});
export type SearchArgs = z.input<typeof SearchArgsSchema>;

export const ReceiptPdfSchema = z.object({
  fileName: z.string(),
  mimeType: z.literal('application/pdf'),
  /** The PDF, base64-encoded (the renderer offers it as a download). */
  base64: z.string(),
  byteLength: z.number().int().positive(),
});
export type ReceiptPdf = z.infer<typeof ReceiptPdfSchema>;

export const SentSmsSchema = z.object({
  messageId: z.string(),
  /** The number masked (+46 7••••••05). */
  to: z.string(),
  sentAt: TimestampSchema,
});
export type SentSms = z.infer<typeof SentSmsSchema>;

export const referralMethods = {
  'referral.catalogStatus': { args: NoArgs, result: CatalogStatusSchema },
  /** Asks the backend now instead of waiting for the next periodic refresh. */
  'referral.refreshCatalog': { args: NoArgs, result: CatalogStatusSchema },
  'referral.locate': {
    args: z.strictObject({
      query: z
        .string()
        .trim()
        .min(1, 'Skriv ett postnummer eller en ort (enter a postcode or a locality).')
        .max(100, 'För lång text (too long).'),
    }),
    result: LocateResultSchema,
  },
  'referral.suggest': { args: SuggestArgsSchema, result: SuggestResultSchema },
  'referral.search': { args: SearchArgsSchema, result: z.object({ units: z.array(UnitMatchSchema) }) },
  'referral.receiptPdf': { args: z.strictObject({ caseId: EntityIdSchema }), result: ReceiptPdfSchema },
  'referral.sendReceiptSms': {
    args: z.strictObject({ caseId: EntityIdSchema, phone: SwedishMobileSchema }),
    result: SentSmsSchema,
  },
} as const satisfies BridgeMethodTable;

export const referralEvents = {
  /** The cached catalog changed (refreshed, or a unit's capacity changed): suggestions on screen are redone. */
  'referral.catalogChanged': CatalogStatusSchema,
} as const satisfies BridgeEventTable;

/**
 * The disposition a referral is for, from a case's triage record: the override's level when there is one,
 * else the protocols'. The care level is kept only when the assessment named one other than the level's
 * default (e.g. tandvårdsjour at level 3); otherwise the region's rules choose the care types.
 */
export function referralDispositionOf(triage: TriageRecord | null | undefined): ReferralDisposition | null {
  const disposition = triage?.disposition;
  if (!disposition) return null;
  const override = triage.override;
  if (override && override.fromLevel === disposition.level && override.toLevel !== override.fromLevel) {
    return { level: override.toLevel, careLevel: null, overridden: true };
  }
  const level: DispositionLevel = disposition.level;
  const careLevel: CareLevel = disposition.careLevel;
  return {
    level,
    careLevel: careLevel === DISPOSITION_LADDER[level].defaultCareLevel ? null : careLevel,
    overridden: false,
  };
}
