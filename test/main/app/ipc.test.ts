// Electron IPC: only the app's own top-level frame is answered, and malformed input never reaches a handler.
import { describe, expect, it, vi } from 'vitest';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { IPC_CHANNELS } from '../../../core/api/bridge';
import { registerBridgeIpc } from '../../../main/app/ipc';
import { createDispatcher, type BridgeHandlers } from '../../../main/services/bridge/dispatcher';

function setUp() {
  const refusals: string[] = [];
  let handler: ((event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>) | null = null;
  const ipcMain = {
    handle: (channel: string, fn: typeof handler) => channel === IPC_CHANNELS.invoke && (handler = fn),
  };
  const setPreferences = vi.fn(async () => ({
    language: 'en' as const,
    themeMode: 'dark' as const,
    ringVolume: 70,
  }));
  const dispatch = createDispatcher({
    'preferences.set': setPreferences,
    'app.info': () => ({ version: '1', transport: 'electron', platform: 'linux' }),
  } as unknown as BridgeHandlers);
  registerBridgeIpc(ipcMain as unknown as IpcMain, dispatch, { logRefusal: (line) => refusals.push(line) });
  const invoke = (frame: { url: string; parent: unknown } | null, method: unknown, args: unknown) =>
    handler!({ senderFrame: frame } as unknown as IpcMainInvokeEvent, method, args);
  return { invoke, setPreferences, refusals };
}

const appFrame = { url: 'app://firstline/index.html', parent: null };

describe('bridge over Electron IPC', () => {
  it('dispatches a valid call from the app window', async () => {
    const { invoke } = setUp();
    await expect(invoke(appFrame, 'app.info', {})).resolves.toMatchObject({
      ok: true,
      value: { transport: 'electron' },
    });
  });

  it('refuses calls from another origin or from a subframe', async () => {
    const { invoke, setPreferences } = setUp();
    const fromWeb = await invoke({ url: 'https://evil.example/', parent: null }, 'preferences.set', {
      language: 'en',
    });
    const fromFrame = await invoke({ url: 'app://firstline/x', parent: appFrame }, 'preferences.set', {
      language: 'en',
    });
    const fromNothing = await invoke(null, 'preferences.set', { language: 'en' });
    for (const result of [fromWeb, fromFrame, fromNothing]) {
      expect(result).toMatchObject({ ok: false, error: { code: 'untrusted_sender' } });
    }
    expect(setPreferences).not.toHaveBeenCalled();
  });

  it('logs one line per refused call with the sender origin and method only, never the arguments or path', async () => {
    const { invoke, refusals } = setUp();
    await invoke(
      { url: 'https://evil.example/patients/19121212-1212?q=secret', parent: null },
      'cases.create',
      { personnummer: '19121212-1212' },
    );
    await invoke({ url: 'app://firstline/x', parent: appFrame }, 'preferences.set', { language: 'en' });
    await invoke(null, 'Anna Andersson 19121212-1212', {});
    expect(refusals).toEqual([
      '[main] refused a bridge call from an untrusted sender: https://evil.example asked for cases.create',
      '[main] refused a bridge call from an untrusted sender: app://firstline (subframe) asked for preferences.set',
      '[main] refused a bridge call from an untrusted sender: no frame asked for a method outside the contract',
    ]);
    expect(refusals.join('\n')).not.toMatch(/19121212|secret|patients|Anna/);
  });

  it('logs nothing for calls from the app window', async () => {
    const { invoke, refusals } = setUp();
    await invoke(appFrame, 'app.info', {});
    await invoke(appFrame, 'shell.openExternal', { url: 'x' });
    expect(refusals).toEqual([]);
  });

  it('rejects malformed input with a clear error and changes nothing', async () => {
    const { invoke, setPreferences } = setUp();
    const result = await invoke(appFrame, 'preferences.set', { themeMode: 7 });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_arguments' } });
    expect((result as { error: { message: string } }).error.message).toContain('themeMode');
    await expect(invoke(appFrame, 'shell.openExternal', { url: 'x' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'unknown_method' },
    });
    expect(setPreferences).not.toHaveBeenCalled();
  });
});
