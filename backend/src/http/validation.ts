// Parses request bodies and query strings with the contract's zod schemas; failures become 400 naming each bad field.
import type { z } from 'zod';
import type { ApiErrorIssue } from '../../../core/backend-api/auth';
import { findTextRuleViolation } from '../../../core/text/textRule';
import { badRequest } from './errors';

function toIssues(error: z.ZodError): ApiErrorIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

function parseWith<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const broken = findTextRuleViolation(value);
  if (broken) throw badRequest(`Invalid ${what}: ${broken.message}.`, [broken]);
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = toIssues(result.error);
  // Messages name the field themselves ("hsaId is required"); input values are never echoed.
  throw badRequest(`Invalid ${what}: ${issues.map((issue) => issue.message).join('; ')}.`, issues);
}

export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  return parseWith(schema, body, 'request body');
}

export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.output<S> {
  return parseWith(schema, query, 'query string');
}

/** Path parameters (ids in the URL), so a malformed id is a 400 naming it rather than a database error. */
export function parseParams<S extends z.ZodType>(schema: S, params: unknown): z.output<S> {
  return parseWith(schema, params, 'path');
}
