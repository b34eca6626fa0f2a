// Parses request bodies and query strings with the contract's zod schemas; failures become 400 naming each bad field.
import { ZodObject, type z } from 'zod';
import type { ApiErrorIssue } from '../../../core/backend-api/auth';
import { findTextRuleViolation } from '../../../core/text/textRule';
import { ApiHttpError, badRequest } from './errors';

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

/**
 * Query strings: like bodies, plus a parameter given twice (which arrives as an array) is refused by
 * name, and every message names its parameter, since zod's own messages do not.
 */
export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.output<S> {
  const given = typeof query === 'object' && query !== null ? (query as Record<string, unknown>) : {};
  const known = schema instanceof ZodObject ? Object.keys(schema.shape as object) : [];
  const repeated = known.filter((name) => Array.isArray(given[name]));
  if (repeated.length > 0) {
    const issues = repeated.map((name) => ({ path: name, message: `${name} must be given once` }));
    throw badRequest(`Invalid query string: ${issues.map((issue) => issue.message).join('; ')}.`, issues);
  }
  try {
    return parseWith(schema, query, 'query string');
  } catch (error) {
    if (!(error instanceof ApiHttpError)) throw error;
    // A query is flat: an issue deep in a value (state.1) belongs to its parameter (state).
    const issues = ((error.extras.issues ?? []) as ApiErrorIssue[]).map((issue) => {
      const parameter = issue.path.split('.')[0] ?? '';
      const named = parameter === '' || issue.message.split(/[^A-Za-z0-9_]+/).includes(parameter);
      return { path: parameter, message: named ? issue.message : `${parameter}: ${issue.message}` };
    });
    throw badRequest(`Invalid query string: ${issues.map((issue) => issue.message).join('; ')}.`, issues);
  }
}

/** Path parameters (ids in the URL), so a malformed id is a 400 naming it rather than a database error. */
export function parseParams<S extends z.ZodType>(schema: S, params: unknown): z.output<S> {
  return parseWith(schema, params, 'path');
}
