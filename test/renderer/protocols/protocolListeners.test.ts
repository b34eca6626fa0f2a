// The protocol library loads at sign-in (and when a signed-in window starts), once, so the first call's triage has it ready.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FirstlineApi, SessionState } from '../../../core/api/bridge';
import type { ProtocolLibrary } from '../../../core/api/protocols';
import { createAppStore } from '../../../renderer/src/app/store';
import {
  loadSession,
  sessionChanged,
  signIn,
  signOut,
} from '../../../renderer/src/features/session/sessionSlice';

const SIGNED_IN: SessionState = {
  status: 'signed-in',
  staff: {
    hsaId: 'SE2321000016-GOTN1',
    name: 'Test Sjuksköterska',
    title: 'Sjuksköterska',
    roles: ['nurse'],
    region: { id: 'gotland', name: 'Region Gotland' },
  },
  signedInAt: '2026-03-02T07:00:00.000Z',
};

const LIBRARY: ProtocolLibrary = { protocols: [], problems: [], loadedAt: '2026-03-02T07:00:00.000Z' };

const bridge = { calls: [] as string[], session: { status: 'signed-out' } as SessionState };

const fakeApi: FirstlineApi = {
  async invoke(method) {
    bridge.calls.push(method);
    if (method === 'protocols.list') return { ok: true, value: LIBRARY } as never;
    if (method === 'session.get') return { ok: true, value: bridge.session } as never;
    if (method === 'session.signIn') return { ok: true, value: SIGNED_IN } as never;
    if (method === 'session.signOut') return { ok: true, value: { status: 'signed-out' } } as never;
    return { ok: false, error: { code: 'unknown_method', message: String(method) } } as never;
  },
  on: () => () => undefined,
};

beforeAll(() => {
  vi.stubGlobal('window', { firstline: fakeApi });
});
afterAll(() => {
  vi.unstubAllGlobals();
});
beforeEach(() => {
  bridge.calls = [];
  bridge.session = { status: 'signed-out' };
});

const libraryLoads = () => bridge.calls.filter((method) => method === 'protocols.list').length;

describe('the protocol library at sign-in', () => {
  it('is loaded as soon as the nurse has signed in, before any case is opened', async () => {
    const { store } = createAppStore();
    await store.dispatch(loadSession());
    expect(libraryLoads()).toBe(0);
    await store.dispatch(signIn({ hsaId: 'SE2321000016-GOTN1', password: 'firstline-demo' }));
    await vi.waitFor(() => expect(store.getState().protocols.status).toBe('ready'));
    expect(libraryLoads()).toBe(1);
  });

  it('is loaded when a window starts on a session that is already signed in (a reload)', async () => {
    bridge.session = SIGNED_IN;
    const { store } = createAppStore();
    await store.dispatch(loadSession());
    await vi.waitFor(() => expect(store.getState().protocols.status).toBe('ready'));
    expect(libraryLoads()).toBe(1);
  });

  it('is loaded when main reports a sign-in, and only once however often the session is told', async () => {
    const { store } = createAppStore();
    store.dispatch(sessionChanged({ status: 'signed-out' }));
    expect(libraryLoads()).toBe(0);
    store.dispatch(sessionChanged(SIGNED_IN));
    store.dispatch(sessionChanged(SIGNED_IN));
    await vi.waitFor(() => expect(store.getState().protocols.status).toBe('ready'));
    await store.dispatch(signOut());
    await store.dispatch(signIn({ hsaId: 'SE2321000016-GOTN1', password: 'firstline-demo' }));
    expect(libraryLoads()).toBe(1);
  });
});
