// Brings the window back when its renderer crashes or hangs: log why, reload, and let the renderer restore the nurse's workspace from main.
//
// Main keeps everything the nurse was working on (the call, her case, triage, draft, workspace), so a
// reload is the whole recovery. Typed against the few Electron members it uses, so it is tested with fakes.

/** Electron's reasons a renderer went away; 'clean-exit' is the window closing, not a crash. */
export interface RenderProcessGoneDetails {
  reason: string;
  exitCode: number;
}

export interface RecoverableWebContents {
  on(
    event: 'render-process-gone',
    listener: (event: unknown, details: RenderProcessGoneDetails) => void,
  ): unknown;
  reload(): void;
  forcefullyCrashRenderer(): void;
  isDestroyed(): boolean;
}

export interface RecoverableWindow {
  on(event: 'unresponsive' | 'responsive', listener: () => void): unknown;
  webContents: RecoverableWebContents;
}

export interface RendererRecoveryOptions {
  /** One line per event, never page content. */
  log: (message: string) => void;
  /** A renderer that hangs this long is crashed on purpose and reloaded. */
  unresponsiveMs?: number;
  /** More crashes than this within `crashWindowMs` stop the reloading, so a crash at start-up cannot loop for ever. */
  maxCrashes?: number;
  crashWindowMs?: number;
  now?: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export const RENDERER_UNRESPONSIVE_MS = 15_000;
export const RENDERER_MAX_CRASHES = 3;
export const RENDERER_CRASH_WINDOW_MS = 60_000;

export function watchRendererHealth(window: RecoverableWindow, options: RendererRecoveryOptions): void {
  const now = options.now ?? Date.now;
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as NodeJS.Timeout));
  const maxCrashes = options.maxCrashes ?? RENDERER_MAX_CRASHES;
  const crashWindowMs = options.crashWindowMs ?? RENDERER_CRASH_WINDOW_MS;
  const contents = window.webContents;
  const crashes: number[] = [];
  let hang: unknown = null;

  contents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit' || contents.isDestroyed()) return;
    const at = now();
    crashes.push(at);
    while (crashes.length > 0 && crashes[0]! < at - crashWindowMs) crashes.shift();
    if (crashes.length > maxCrashes) {
      options.log(
        `renderer gone (${details.reason}, exit ${details.exitCode}) ${crashes.length} times within ${crashWindowMs / 1000} s; not reloading again`,
      );
      return;
    }
    options.log(`renderer gone (${details.reason}, exit ${details.exitCode}); reloading`);
    contents.reload();
  });

  window.on('unresponsive', () => {
    if (hang !== null) return;
    options.log('renderer unresponsive; waiting before reloading');
    hang = setTimer(() => {
      hang = null;
      if (contents.isDestroyed()) return;
      options.log(
        `renderer still unresponsive after ${(options.unresponsiveMs ?? RENDERER_UNRESPONSIVE_MS) / 1000} s; restarting it`,
      );
      // Crashing it raises render-process-gone, which reloads through the same path as any crash.
      contents.forcefullyCrashRenderer();
    }, options.unresponsiveMs ?? RENDERER_UNRESPONSIVE_MS);
  });

  window.on('responsive', () => {
    if (hang === null) return;
    clearTimer(hang);
    hang = null;
    options.log('renderer responsive again');
  });
}
