// HTTP contract of the regional service catalog (care units, referral rules, localities, capacity) and of the referral-receipt SMS.
//
// A workstation keeps the catalog it last fetched and asks with `knownVersion`; the backend answers
// "unchanged" when nothing it would send has changed, so the periodic refresh costs one small answer.
// The catalog served to a nurse is her region's plus its neighbouring regions' (patients near a
// border are often closest to a unit across it); the rules of each of those regions come with it.
import { z } from 'zod';
import {
  capacitySchema,
  careUnitSchema,
  CAPACITY_STATUSES,
  hsaIdSchema,
  regionIdSchema,
} from '../referral/catalog';
import { localitySchema } from '../referral/localities';
import { nationalRulesSchema, regionRulesSchema } from '../referral/regionConfig';

export const CATALOG_ROUTES = {
  catalog: '/api/v1/catalog',
  /** PUT to set a unit's capacity status, DELETE to clear it. */
  unitCapacity: '/api/v1/catalog/units/:hsaId/capacity',
  referralReceiptSms: '/api/v1/sms/referral-receipt',
} as const;

/** The capacity route for one unit. */
export function unitCapacityPath(hsaId: string): string {
  return CATALOG_ROUTES.unitCapacity.replace(':hsaId', encodeURIComponent(hsaId));
}

/** Error codes of these routes beyond the shared ones (bad_request, forbidden, not_found). */
export const CATALOG_ERROR_CODES = [
  /** The SMS gateway did not take the message (502); nothing was sent, try again. */
  'sms_failed',
] as const;

// ---------------------------------------------------------------------------------------------
// Live event

/** Published to every region whose served catalog includes the changed region's units. */
export const CATALOG_CHANGED_EVENT = 'catalog.changed';
export const CatalogChangedPayloadSchema = z.object({
  /** The region whose catalog changed (its version below). */
  regionId: regionIdSchema,
  version: z.number().int().positive(),
  /** The unit whose capacity changed, when that was the change. */
  hsaId: z.string().optional(),
});
export type CatalogChangedPayload = z.infer<typeof CatalogChangedPayloadSchema>;

// ---------------------------------------------------------------------------------------------
// GET /api/v1/catalog

export const CatalogQuerySchema = z.object({
  /** The `version` of the catalog the workstation holds; the answer is "unchanged" when it still is. */
  knownVersion: z
    .string({ error: 'knownVersion must be text' })
    .min(1, 'knownVersion must not be empty')
    .max(2000, 'knownVersion is too long to be one of ours')
    .optional(),
});
export type CatalogQuery = z.infer<typeof CatalogQuerySchema>;

/** One region's units as the backend holds them now, capacity included. */
export const CatalogRegionSchema = z.object({
  regionId: regionIdSchema,
  name: z.string().min(1),
  /** Bumped on every change of the region's units or capacity. */
  version: z.number().int().positive(),
  /** Version of the resource file the units were last seeded from. */
  resourceVersion: z.number().int().positive(),
  /** False for the nurse's own region, true for a neighbouring region served with it. */
  neighbour: z.boolean(),
  units: z.array(careUnitSchema),
});
export type CatalogRegion = z.infer<typeof CatalogRegionSchema>;

export const CatalogChangedResponseSchema = z.object({
  status: z.literal('changed'),
  /** Opaque: send it back as `knownVersion`. Names every region, rule layer and locality version inside. */
  version: z.string().min(1),
  /** The signed-in nurse's region. */
  regionId: regionIdSchema,
  generatedAt: z.iso.datetime({ offset: true }),
  regions: z.array(CatalogRegionSchema),
  /** The layers in force: the national default and the rules of each region served. */
  rules: z.object({ national: nationalRulesSchema, regions: z.array(regionRulesSchema) }),
  localities: z.object({ version: z.number().int().positive(), localities: z.array(localitySchema) }),
});
export type CatalogChangedResponse = z.infer<typeof CatalogChangedResponseSchema>;

export const CatalogUnchangedResponseSchema = z.object({
  status: z.literal('unchanged'),
  version: z.string().min(1),
  regionId: regionIdSchema,
});

export const CatalogResponseSchema = z.discriminatedUnion('status', [
  CatalogChangedResponseSchema,
  CatalogUnchangedResponseSchema,
]);
export type CatalogResponse = z.infer<typeof CatalogResponseSchema>;

// ---------------------------------------------------------------------------------------------
// PUT/DELETE /api/v1/catalog/units/:hsaId/capacity (team lead of the unit's region, or admin)

/** A capacity status must expire: a forgotten red must not hide a unit for days. */
export const MAX_CAPACITY_VALIDITY_HOURS = 72;

/** Path of the capacity routes; HSA-ids are read case-insensitively and stored upper case. */
export const UnitPathSchema = z.object({
  hsaId: z.preprocess((value) => (typeof value === 'string' ? value.toUpperCase() : value), hsaIdSchema),
});

/** The error of a body that is not the expected object: names unknown fields, else says what to send. */
function bodyError(fields: string) {
  return (issue: { code?: string; keys?: readonly string[] }) =>
    issue.code === 'unrecognized_keys' && issue.keys
      ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}; send only ${fields}`
      : `The request body must be a JSON object with ${fields}`;
}

export const CapacityRequestSchema = z.strictObject(
  {
    status: z.enum(CAPACITY_STATUSES, { error: 'status must be green, amber or red' }),
    expiresAt: z.iso.datetime({
      offset: true,
      error: 'expiresAt must be an ISO date-time with a zone, e.g. 2026-06-19T18:00:00+02:00',
    }),
  },
  { error: bodyError('status and expiresAt') },
);
export type CapacityRequest = z.infer<typeof CapacityRequestSchema>;

export const CapacityResponseSchema = z.object({
  hsaId: z.string(),
  regionId: regionIdSchema,
  /** Null after the status was cleared. */
  capacity: capacitySchema.nullable(),
  /** The region's catalog version after the change. */
  catalogVersion: z.number().int().positive(),
});
export type CapacityResponse = z.infer<typeof CapacityResponseSchema>;

// ---------------------------------------------------------------------------------------------
// POST /api/v1/sms/referral-receipt (nurse)

/**
 * Longest receipt text: six concatenated SMS parts of 153 GSM characters (å, ä, ö are in the GSM
 * alphabet), so a receipt never turns into a dozen messages.
 */
export const SMS_MAX_LENGTH = 918;

/** Swedish mobile number ranges (070, 072, 073, 076, 079); other 07x numbers are not mobiles. */
const MOBILE_PREFIXES = ['70', '72', '73', '76', '79'];

export type MobileNumberCheck =
  { ok: true; e164: string } | { ok: false; reason: { sv: string; en: string } };

/**
 * Reads a Swedish mobile number as typed ("070-174 06 05", "+46 70 174 06 05", "0046701740605") and
 * gives it in E.164 form (+46701740605), or says what is wrong with it.
 */
export function normaliseSwedishMobile(input: string): MobileNumberCheck {
  const typed = typeof input === 'string' ? input.trim() : '';
  if (typed === '') {
    return { ok: false, reason: { sv: 'Skriv ett mobilnummer.', en: 'Enter a mobile number.' } };
  }
  if (!/^[+\d(][\d\s()-]*$/.test(typed)) {
    return {
      ok: false,
      reason: {
        sv: 'Mobilnumret får bara innehålla siffror, mellanslag, bindestreck och + först.',
        en: 'A mobile number has only digits, spaces, dashes and a leading +.',
      },
    };
  }
  const digits = typed.replace(/[^\d+]/g, '');
  let national: string | null = null;
  if (digits.startsWith('+46')) national = digits.slice(3);
  else if (digits.startsWith('0046')) national = digits.slice(4);
  else if (digits.startsWith('0')) national = digits.slice(1);
  else if (digits.startsWith('+')) {
    return {
      ok: false,
      reason: {
        sv: 'Bara svenska mobilnummer (+46) kan få kvitto via SMS.',
        en: 'Only Swedish mobile numbers (+46) can get the receipt by SMS.',
      },
    };
  }
  if (national === null || !/^7\d{8}$/.test(national)) {
    return {
      ok: false,
      reason: {
        sv: 'Ett mobilnummer har tio siffror och börjar med 07, t.ex. 070-123 45 67.',
        en: 'A Swedish mobile number has ten digits and starts with 07, e.g. 070-123 45 67.',
      },
    };
  }
  if (!MOBILE_PREFIXES.includes(national.slice(0, 2))) {
    return {
      ok: false,
      reason: {
        sv: `0${national.slice(0, 2)} är inte ett mobilnummer; mobilnummer börjar med 070, 072, 073, 076 eller 079.`,
        en: `0${national.slice(0, 2)} is not a mobile range; Swedish mobiles start 070, 072, 073, 076 or 079.`,
      },
    };
  }
  return { ok: true, e164: `+46${national}` };
}

/** The number as logs and answers show it: country code and the last two digits only (+46 7…05). */
export function maskPhoneNumber(e164: string): string {
  const digits = e164.replace(/\D/g, '');
  if (digits.length < 6) return '***';
  return `+${digits.slice(0, 2)} ${digits[2]}${'•'.repeat(digits.length - 5)}${digits.slice(-2)}`;
}

export const SwedishMobileSchema = z
  .string({ error: 'to must be a phone number as text' })
  .max(40, 'the phone number is too long')
  .transform((value, ctx) => {
    const checked = normaliseSwedishMobile(value);
    if (!checked.ok) {
      ctx.addIssue({ code: 'custom', message: checked.reason.en });
      return z.NEVER;
    }
    return checked.e164;
  });

export const ReferralReceiptSmsRequestSchema = z.strictObject(
  {
    /** A Swedish mobile number, any usual form; answered and logged masked only. */
    to: SwedishMobileSchema,
    text: z
      .string({ error: 'text must be the receipt as text' })
      .trim()
      .min(1, 'text must not be empty')
      .max(SMS_MAX_LENGTH, `text is at most ${SMS_MAX_LENGTH} characters (six SMS parts)`),
  },
  { error: bodyError('to and text') },
);
export type ReferralReceiptSmsRequest = z.input<typeof ReferralReceiptSmsRequestSchema>;

export const ReferralReceiptSmsResponseSchema = z.object({
  messageId: z.string().min(1),
  /** The number masked, for the nurse's confirmation. */
  to: z.string(),
  sentAt: z.iso.datetime({ offset: true }),
});
export type ReferralReceiptSmsResponse = z.infer<typeof ReferralReceiptSmsResponseSchema>;
