// The session keeps tokens in main, renews them before expiry, and signs out when the backend refuses.
import { describe, expect, it, vi } from 'vitest';
import { SessionService, type AuthBackend } from '../../../main/services/session/sessionService';
import { createMemoryTokenVault } from '../../../main/services/session/tokenVault';
import { BridgeFailure } from '../../../main/services/bridge/dispatcher';

const staff = {
  hsaId: 'SE2321000016-SKAN1',
  name: 'Anna Lind',
  title: 'Sjuksköterska',
  roles: ['nurse' as const],
  region: { id: 'skane', name: 'Region Skåne' },
};

function tokens(now: number, suffix: string) {
  return {
    accessToken: `access-${suffix}`,
    accessTokenExpiresAt: new Date(now + 10 * 60_000).toISOString(),
    refreshToken: `refresh-${suffix}`,
    refreshTokenExpiresAt: new Date(now + 12 * 3600_000).toISOString(),
  };
}

function setUp(backend: Partial<AuthBackend> = {}) {
  let now = Date.parse('2026-11-25T20:00:00Z');
  const vault = createMemoryTokenVault();
  const changes: string[] = [];
  const auth: AuthBackend = {
    signIn: vi.fn(async () => ({ tokens: tokens(now, '1'), staff })),
    refresh: vi.fn(async () => ({ tokens: tokens(now, '2'), staff })),
    signOut: vi.fn(async () => undefined),
    ...backend,
  };
  const session = new SessionService({
    backend: auth,
    vault,
    now: () => new Date(now),
    onChange: (state) => changes.push(state.status),
  });
  return { session, vault, auth, changes, advance: (ms: number) => (now += ms) };
}

describe('session service', () => {
  it('signs in, exposes the staff but keeps the tokens to itself', async () => {
    const { session, changes } = setUp();
    const state = await session.signIn('se2321000016-skan1', 'firstline-demo');
    expect(state).toMatchObject({ status: 'signed-in', staff });
    expect(JSON.stringify(state)).not.toContain('access-');
    expect(changes).toEqual(['signed-in']);
    await expect(session.accessToken()).resolves.toBe('access-1');
  });

  it('renews the access token shortly before it expires, once for concurrent callers', async () => {
    const { session, auth, advance } = setUp();
    await session.signIn('SE2321000016-SKAN1', 'x');
    advance(9.5 * 60_000);
    const [a, b] = await Promise.all([session.accessToken(), session.accessToken()]);
    expect([a, b]).toEqual(['access-2', 'access-2']);
    expect(auth.refresh).toHaveBeenCalledTimes(1);
  });

  it('signs out when the backend refuses the refresh token', async () => {
    const { session, advance, vault } = setUp({
      refresh: async () => {
        throw new BridgeFailure('not_signed_in', 'revoked');
      },
    });
    await session.signIn('SE2321000016-SKAN1', 'x');
    advance(11 * 60_000);
    await expect(session.accessToken()).rejects.toMatchObject({ code: 'not_signed_in' });
    expect(session.current.status).toBe('signed-out');
    await expect(vault.load()).resolves.toBeNull();
  });

  it('stays signed in when the backend is merely unreachable during a refresh', async () => {
    const { session, advance } = setUp({
      refresh: async () => {
        throw new BridgeFailure('backend_unreachable', 'offline');
      },
    });
    await session.signIn('SE2321000016-SKAN1', 'x');
    advance(11 * 60_000);
    await expect(session.accessToken()).rejects.toMatchObject({ code: 'backend_unreachable' });
    expect(session.current.status).toBe('signed-in');
  });

  it('signs out locally even when the backend cannot be told', async () => {
    const { session, vault } = setUp({
      signOut: async () => {
        throw new BridgeFailure('backend_unreachable', 'offline');
      },
    });
    await session.signIn('SE2321000016-SKAN1', 'x');
    await expect(session.signOut()).resolves.toEqual({ status: 'signed-out' });
    await expect(vault.load()).resolves.toBeNull();
  });
});
