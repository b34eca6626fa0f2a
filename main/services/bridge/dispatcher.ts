// The one dispatcher every bridge call passes through: validates arguments, runs the handler, shapes the answer.
import { findTextRuleViolation } from '../../../core/text/textRule';
import type { z } from 'zod';
import {
  bridgeMethods,
  isBridgeMethod,
  type BridgeError,
  type BridgeErrorCode,
  type BridgeMethod,
  type BridgeMethods,
  type BridgeResult,
  type BridgeValue,
} from '../../../core/api/bridge';

/** A failure a handler reports on purpose; its code and message reach the renderer as they are. */
export class BridgeFailure extends Error {
  constructor(
    readonly code: BridgeErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'BridgeFailure';
  }
}

export type BridgeHandlers = {
  [M in BridgeMethod]: (args: z.infer<BridgeMethods[M]['args']>) => Promise<BridgeValue<M>> | BridgeValue<M>;
};

export interface DispatcherOptions {
  /** Called for unexpected errors; receives the method name and the error, never the arguments. */
  onUnexpectedError?: (method: string, error: unknown) => void;
}

export type Dispatch = (method: unknown, args: unknown) => Promise<BridgeResult<unknown>>;

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

export function createDispatcher(handlers: BridgeHandlers, options: DispatcherOptions = {}): Dispatch {
  return async (method, args) => {
    if (!isBridgeMethod(method)) {
      return failure(
        'unknown_method',
        `Unknown method '${typeof method === 'string' ? method : typeof method}'.`,
      );
    }
    const broken = findTextRuleViolation(args);
    if (broken) return failure('invalid_arguments', `Invalid arguments for ${method}: ${broken.message}.`);
    const parsed = bridgeMethods[method].args.safeParse(args ?? {});
    if (!parsed.success) {
      return failure(
        'invalid_arguments',
        `Invalid arguments for ${method}: ${describeIssues(parsed.error.issues)}`,
      );
    }
    try {
      const handler = handlers[method] as (a: unknown) => unknown;
      const value = await handler(parsed.data);
      return { ok: true, value };
    } catch (error) {
      if (error instanceof BridgeFailure) return failure(error.code, error.message, error.details);
      options.onUnexpectedError?.(method, error);
      return failure('internal', `Something went wrong in ${method}. The error has been logged.`);
    }
  };
}

function failure(
  code: BridgeErrorCode,
  message: string,
  details?: Record<string, unknown>,
): BridgeResult<never> {
  const error: BridgeError = details ? { code, message, details } : { code, message };
  return { ok: false, error };
}
