// The workstation wires the store to the session: signing in through the bridge opens the nurse's store, signing out closes it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BridgeResult } from '../../../core/api/bridge';
import type { Case, Note } from '../../../core/case';
import { createMemoryTokenVault } from '../../../main/services/session/tokenVault';
import { createWorkstation, type Workstation } from '../../../main/services/workstation';
import { completeNote, nurseIda, nurseNils, patientNumber, tempProfile } from './support';

/** A stand-in regional backend that signs in the two nurses; only what the session needs. */
let backend: Server;
let backendUrl: string;
beforeAll(async () => {
  backend = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const send = (status: number, value: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(value));
      };
      if (request.url === '/api/v1/auth/sign-in') {
        const { hsaId } = JSON.parse(body) as { hsaId: string };
        const staff = [nurseIda, nurseNils].find((s) => s.hsaId === hsaId);
        if (!staff)
          return send(401, { error: { code: 'invalid_credentials', message: 'Wrong HSA-id or password.' } });
        const later = (ms: number) => new Date(Date.now() + ms).toISOString();
        return send(200, {
          accessToken: `access-${hsaId}`,
          accessTokenExpiresAt: later(600_000),
          refreshToken: `refresh-${hsaId}`,
          refreshTokenExpiresAt: later(3_600_000),
          staff,
        });
      }
      if (request.url === '/api/v1/auth/sign-out') {
        response.writeHead(204);
        return response.end();
      }
      send(404, { error: { code: 'not_found', message: 'Not here.' } });
    });
  });
  await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
  backendUrl = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => backend.close(() => resolve())));

let workstation: Workstation | null = null;
let profile: ReturnType<typeof tempProfile> | null = null;
afterEach(async () => {
  await workstation?.stop();
  profile?.remove();
});

async function value<T>(result: Promise<BridgeResult<unknown>>): Promise<T> {
  const settled = await result;
  if (!settled.ok) throw new Error(`${settled.error.code}: ${settled.error.message}`);
  return settled.value as T;
}

describe('workstation: cases and the session', () => {
  it('opens the store at sign-in, closes it at sign-out, and keeps each nurse to her own cases', async () => {
    profile = tempProfile();
    workstation = await createWorkstation({
      backendUrl,
      profileDir: profile.dir,
      tokenVault: createMemoryTokenVault(),
      transport: 'browser-host',
      version: 'test',
      healthIntervalMs: 3_600_000,
    });
    const { dispatch } = workstation;
    const signedOut = await dispatch('cases.list', { scope: 'mine-today' });
    expect(signedOut).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });

    await value(dispatch('session.signIn', { hsaId: nurseIda.hsaId, password: 'demo' }));
    const created = await value<Case>(
      dispatch('cases.create', {
        patient: { kind: 'identified', number: patientNumber().display },
        caller: 'self',
      }),
    );
    const noteId = crypto.randomUUID();
    await value(dispatch('notes.saveDraft', { caseId: created.id, noteId, ...completeNote }));
    const signed = await value<Note>(dispatch('notes.sign', { noteId }));
    expect(signed.responsible).toEqual({ hsaId: nurseIda.hsaId, name: nurseIda.name, title: nurseIda.title });
    // The signed note waits in the outbox for the sync engine.
    expect(workstation.nurseStore.current?.store.outbox.status().waiting).toBeGreaterThan(0);

    await value(dispatch('session.signOut', {}));
    expect(workstation.nurseStore.current).toBeNull();
    expect(await dispatch('cases.open', { caseId: created.id })).toMatchObject({
      ok: false,
      error: { code: 'not_signed_in' },
    });

    await value(dispatch('session.signIn', { hsaId: nurseNils.hsaId, password: 'demo' }));
    expect(await value(dispatch('cases.list', { scope: 'region' }))).toEqual([]);
    expect(await dispatch('cases.open', { caseId: created.id })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });
});
