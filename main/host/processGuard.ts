// Keeps the browser host serving when something throws outside any request, logging only the error's name and code.
//
// Error messages may carry what a nurse typed or a patient's number, so they are never logged here.

const SAFE_TOKEN = /^[A-Za-z0-9_$.-]{1,64}$/;

/** "RangeError (WS_ERR_UNSUPPORTED_MESSAGE_LENGTH)": the error's class and code only, never its message. */
export function describeErrorForLog(error: unknown): string {
  if (!(error instanceof Error)) return error === null ? 'null' : typeof error;
  const name = SAFE_TOKEN.test(error.name) ? error.name : 'Error';
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && SAFE_TOKEN.test(code) ? `${name} (${code})` : name;
}

export type HostLog = (line: string) => void;

/**
 * Installs process-wide handlers so one unexpected error does not end every nurse's session in the
 * host; returns a function that removes them again.
 */
export function installHostProcessGuard(log: HostLog = (line) => console.error(line)): () => void {
  const onException = (error: unknown) => log(`[host] uncaught ${describeErrorForLog(error)}; still serving`);
  const onRejection = (reason: unknown) =>
    log(`[host] unhandled rejection ${describeErrorForLog(reason)}; still serving`);
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  return () => {
    process.off('uncaughtException', onException);
    process.off('unhandledRejection', onRejection);
  };
}
