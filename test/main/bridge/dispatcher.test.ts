// The dispatcher refuses unknown methods and malformed arguments before any handler runs.
import { describe, expect, it, vi } from 'vitest';
import {
  BridgeFailure,
  createDispatcher,
  type BridgeHandlers,
} from '../../../main/services/bridge/dispatcher';

/** The shell's handlers; feature methods are not called in these tests. */
function handlers(overrides: Partial<BridgeHandlers> = {}): BridgeHandlers {
  const signedOut = { status: 'signed-out' as const };
  const shell: Partial<BridgeHandlers> = {
    'app.info': () => ({ version: '1.0.0', transport: 'browser-host', platform: 'linux' }),
    'session.get': () => signedOut,
    'session.signIn': vi.fn(async () => signedOut),
    'session.signOut': () => signedOut,
    'connection.get': () => ({
      backend: 'online',
      backendUrl: 'http://x',
      offlineSince: null,
      lastCheckedAt: null,
    }),
    'connection.checkNow': () => ({
      backend: 'online',
      backendUrl: 'http://x',
      offlineSince: null,
      lastCheckedAt: null,
    }),
    'preferences.get': () => ({ language: 'sv', themeMode: 'light', ringVolume: 70 }),
    'preferences.set': vi.fn(async () => ({
      language: 'sv' as const,
      themeMode: 'light' as const,
      ringVolume: 70,
    })),
    ...overrides,
  };
  return shell as BridgeHandlers;
}

describe('bridge dispatcher', () => {
  it('answers a valid call with ok and the value', async () => {
    const dispatch = createDispatcher(handlers());
    await expect(dispatch('app.info', {})).resolves.toEqual({
      ok: true,
      value: { version: '1.0.0', transport: 'browser-host', platform: 'linux' },
    });
  });

  it('refuses an unknown method with a clear error', async () => {
    const result = await createDispatcher(handlers())('session.deleteEverything', {});
    expect(result).toEqual({
      ok: false,
      error: { code: 'unknown_method', message: "Unknown method 'session.deleteEverything'." },
    });
  });

  it('refuses a non-string method name', async () => {
    const result = await createDispatcher(handlers())({ toString: () => 'app.info' }, {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('unknown_method');
  });

  it('refuses malformed arguments, names the field, and never calls the handler', async () => {
    const signIn = vi.fn();
    const dispatch = createDispatcher(handlers({ 'session.signIn': signIn }));
    const result = await dispatch('session.signIn', { hsaId: 'SE2321000016-SKAN1', password: 42 });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid_arguments');
      expect(result.error.message).toContain('password');
    }
    expect(signIn).not.toHaveBeenCalled();
  });

  it('refuses extra fields, so a renderer cannot smuggle data past the contract', async () => {
    const set = vi.fn();
    const dispatch = createDispatcher(handlers({ 'preferences.set': set }));
    const result = await dispatch('preferences.set', { language: 'en', admin: true });
    expect(result.ok).toBe(false);
    expect(set).not.toHaveBeenCalled();
  });

  it('passes a deliberate failure through with its code and details', async () => {
    const dispatch = createDispatcher(
      handlers({
        'session.signIn': async () => {
          throw new BridgeFailure('account_locked', 'Locked.', { lockedUntil: '2026-11-25T20:00:00.000Z' });
        },
      }),
    );
    await expect(dispatch('session.signIn', { hsaId: 'SE2321000016-SKAN1', password: 'x' })).resolves.toEqual(
      {
        ok: false,
        error: {
          code: 'account_locked',
          message: 'Locked.',
          details: { lockedUntil: '2026-11-25T20:00:00.000Z' },
        },
      },
    );
  });

  it('hides the text of unexpected errors (they may contain patient data) and reports them', async () => {
    const onUnexpectedError = vi.fn();
    const dispatch = createDispatcher(
      handlers({
        'session.signOut': () => {
          throw new Error('SQLITE_CONSTRAINT patient 19121212-1212');
        },
      }),
      { onUnexpectedError },
    );
    const result = await dispatch('session.signOut', {});
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('internal');
      expect(result.error.message).not.toContain('1212');
    }
    expect(onUnexpectedError).toHaveBeenCalledWith('session.signOut', expect.any(Error));
  });
});
