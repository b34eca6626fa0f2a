// HTTP contract of the regional backend for health, staff sign-in, sessions and the sign-in audit (shared with the workstation).
import { z } from 'zod';
import { CALL_ERROR_CODES } from './calls';
import { CATALOG_ERROR_CODES } from './catalog';

/** Version of this contract; the backend reports it on /health so a workstation can tell what it talks to. */
export const BACKEND_API_VERSION = '1.0.0';

export const BACKEND_ROUTES = {
  health: '/health',
  signIn: '/api/v1/auth/sign-in',
  refresh: '/api/v1/auth/refresh',
  signOut: '/api/v1/auth/sign-out',
  me: '/api/v1/me',
  signInAudit: '/api/v1/audit/sign-ins',
} as const;

// ---------------------------------------------------------------------------------------------
// Errors: every non-2xx answer has this one shape.

export const API_ERROR_CODES = [
  'bad_request',
  'invalid_credentials',
  'token_expired',
  'token_invalid',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'uri_too_long',
  'headers_too_large',
  'request_timeout',
  'body_too_large',
  'unsupported_media_type',
  'account_locked',
  'rate_limited',
  'database_unavailable',
  'internal_error',
  // Sync: a push sent behind one that is not committed (sync.ts, afterSeq)
  'out_of_order',
  // Call distribution (calls.ts)
  ...CALL_ERROR_CODES,
  // Service catalog and referral-receipt SMS (catalog.ts)
  ...CATALOG_ERROR_CODES,
] as const;
/** Codes this version knows; a newer backend may send others, so the schema accepts any string. */
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export const ApiErrorIssueSchema = z.object({
  /** Dotted path of the offending field ("password", "limit"); empty for the body as a whole. */
  path: z.string(),
  message: z.string(),
});
export type ApiErrorIssue = z.infer<typeof ApiErrorIssueSchema>;

export const ApiErrorSchema = z.object({
  error: z.looseObject({
    code: z.string().min(1),
    message: z.string().min(1),
    /** With `bad_request`: which fields were wrong and why. */
    issues: z.array(ApiErrorIssueSchema).optional(),
    /** With `account_locked`: when the next sign-in attempt will be considered. */
    lockedUntil: z.iso.datetime().optional(),
    /** With `rate_limited`: seconds to wait before trying again (also in the Retry-After header). */
    retryAfterSeconds: z.number().int().nonnegative().optional(),
  }),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

// ---------------------------------------------------------------------------------------------
// Health

export const DATABASE_ENGINES = ['pglite', 'postgres'] as const;
export type DatabaseEngine = (typeof DATABASE_ENGINES)[number];

export const HealthResponseSchema = z.object({
  status: z.literal('ok'),
  database: z.enum(DATABASE_ENGINES),
  version: z.string(),
});
export type HealthResponse = z.infer<typeof HealthResponseSchema>;

// ---------------------------------------------------------------------------------------------
// Staff and sign-in

export const STAFF_ROLES = ['nurse', 'team_lead', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** A string field whose error says which field is missing or of the wrong type. */
function stringField(field: string) {
  return z.string({
    error: (issue) => (issue.input === undefined ? `${field} is required` : `${field} must be a string`),
  });
}

/** Every request body is one JSON object; anything else gets this message. */
const bodyObject = { error: 'The request body must be a JSON object' };

/**
 * HSA-id: the national identifier of health-care staff (e.g. "SE2321000016-SKAN1"). Accepted as typed
 * within sane bounds; the backend compares it case-insensitively.
 */
export const HsaIdSchema = stringField('hsaId')
  .trim()
  .min(1, 'hsaId must not be empty')
  .max(64, 'hsaId is too long (at most 64 characters)')
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  .regex(/^[^\u0000-\u001f\u007f]*$/, 'hsaId must not contain control characters');

const PasswordSchema = stringField('password')
  .min(1, 'password must not be empty')
  .max(1024, 'password is too long (at most 1024 characters)');

const RefreshTokenSchema = stringField('refreshToken')
  .min(1, 'refreshToken must not be empty')
  .max(512, 'refreshToken is too long to be one of ours');

export const SignInRequestSchema = z.object({ hsaId: HsaIdSchema, password: PasswordSchema }, bodyObject);
export type SignInRequest = z.infer<typeof SignInRequestSchema>;

export const RefreshRequestSchema = z.object({ refreshToken: RefreshTokenSchema }, bodyObject);
export type RefreshRequest = z.infer<typeof RefreshRequestSchema>;

export const SignOutRequestSchema = z.object({ refreshToken: RefreshTokenSchema }, bodyObject);
export type SignOutRequest = z.infer<typeof SignOutRequestSchema>;

export const RegionSchema = z.object({ id: z.string().min(1), name: z.string().min(1) });
export type Region = z.infer<typeof RegionSchema>;

export const StaffSchema = z.object({
  hsaId: z.string().min(1),
  name: z.string().min(1),
  /** Professional title as shown in the note, e.g. "Distriktssköterska". */
  title: z.string().min(1),
  roles: z.array(z.enum(STAFF_ROLES)).min(1),
  region: RegionSchema,
});
export type Staff = z.infer<typeof StaffSchema>;

/** Answer to sign-in and to refresh. The refresh token replaces the one sent (rotation). */
export const SessionTokensResponseSchema = z.object({
  accessToken: z.string().min(1),
  accessTokenExpiresAt: z.iso.datetime(),
  refreshToken: z.string().min(1),
  refreshTokenExpiresAt: z.iso.datetime(),
  staff: StaffSchema,
});
export type SessionTokensResponse = z.infer<typeof SessionTokensResponseSchema>;

export const MeResponseSchema = z.object({ staff: StaffSchema });
export type MeResponse = z.infer<typeof MeResponseSchema>;

// ---------------------------------------------------------------------------------------------
// Sign-in audit (team leads and admins)

export const SIGN_IN_OUTCOMES = ['success', 'wrong_password', 'unknown_user', 'locked'] as const;
export type SignInOutcome = (typeof SIGN_IN_OUTCOMES)[number];

export const SignInAuditQuerySchema = z.object({
  /** Only attempts for this HSA-id (compared case-insensitively). */
  hsaId: HsaIdSchema.optional(),
  limit: z.coerce
    .number({ error: 'limit must be a number' })
    .int('limit must be a whole number')
    .min(1, 'limit must be at least 1')
    .max(500, 'limit must be at most 500')
    .default(50),
  /** Paging: only entries older than this entry id. */
  beforeId: z.coerce
    .number({ error: 'beforeId must be a number' })
    .int('beforeId must be a whole number')
    .positive('beforeId must be positive')
    .optional(),
});
export type SignInAuditQuery = z.infer<typeof SignInAuditQuerySchema>;

export const SignInAuditEntrySchema = z.object({
  id: z.number().int().positive(),
  at: z.iso.datetime(),
  /** The HSA-id exactly as typed at the attempt. */
  hsaIdTyped: z.string(),
  outcome: z.enum(SIGN_IN_OUTCOMES),
  /** Region of the account the attempt was for; null when no such account exists. */
  regionId: z.string().nullable(),
  clientIp: z.string().nullable(),
});
export type SignInAuditEntry = z.infer<typeof SignInAuditEntrySchema>;

/** Newest first. Team leads see their own region's accounts; admins see every attempt. */
export const SignInAuditResponseSchema = z.object({ entries: z.array(SignInAuditEntrySchema) });
export type SignInAuditResponse = z.infer<typeof SignInAuditResponseSchema>;
