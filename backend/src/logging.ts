// The backend's pino logger: request lines carry method, path and client only; secrets are redacted as a second guard.
import pino from 'pino';
import type { DestinationStream, Level, Logger } from 'pino';

export type LogLevel = Level | 'silent';

interface RequestLike {
  method?: string;
  url?: string;
  ip?: string;
}

/** Paths whose values never reach the log, whatever a future log call passes in. */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'password',
  'refreshToken',
  'accessToken',
  '*.password',
  '*.refreshToken',
  '*.accessToken',
];

export function createLogger(level: LogLevel = 'info', stream?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      // Headers and bodies are not logged at all; the query string is cut because it may carry identifiers.
      req: (req: RequestLike) => ({ method: req.method, path: req.url?.split('?')[0], client: req.ip }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      // Driver errors may carry the offending row in `detail`; keep what helps debugging and nothing else.
      err: (err: { name?: string; message?: string; code?: unknown; stack?: string }) => ({
        type: err.name,
        message: err.message,
        code: err.code,
        stack: err.stack,
      }),
    },
  };
  return stream === undefined ? pino(options) : pino(options, stream);
}
