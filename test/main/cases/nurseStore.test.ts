// Each nurse's cases live in her own encrypted store: opened at sign-in, closed at sign-out, unreadable to the next nurse.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createKeyFileStoreKeyProvider,
  NurseStore,
  STORE_FILE_NAME,
  STORE_KEY_FILE_NAME,
} from '../../../main/services/cases';
import { openWorkstationStore } from '../../../main/services/store';
import { caseStack, nurseIda, nurseNils, patientNumber, signedIn, tempProfile } from './support';

const profiles: { remove(): void }[] = [];
function profile() {
  const made = tempProfile();
  profiles.push(made);
  return made.dir;
}
afterEach(() => profiles.splice(0).forEach((p) => p.remove()));

describe('the nurse store follows the session', () => {
  it('answers not_signed_in before sign-in, without creating any file', async () => {
    const dir = profile();
    const { fail } = caseStack({ profileDir: dir });
    const error = await fail('cases.list', { scope: 'mine-today' });
    expect(error.code).toBe('not_signed_in');
    expect(readdirSync(dir)).toEqual([]);
  });

  it("opens the signed-in nurse's own encrypted store in <profile>/<HSA-id>/ with a 0600 key", async () => {
    const dir = profile();
    const { stores, call } = caseStack({ profileDir: dir });
    // Not awaited: the first call right after sign-in must wait for the store rather than fail.
    void stores.sessionChanged(signedIn(nurseIda));
    const patient = patientNumber();
    const created = await call<{ id: string }>('cases.create', {
      patient: { kind: 'identified', number: patient.tenDigits },
      caller: 'self',
      kontaktorsak: 'Bröstsmärta vid ansträngning sedan i morse',
    });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);

    const nurseDir = path.join(dir, nurseIda.hsaId);
    const dbFile = path.join(nurseDir, STORE_FILE_NAME);
    expect(existsSync(dbFile)).toBe(true);
    expect(statSync(path.join(nurseDir, STORE_KEY_FILE_NAME)).mode & 0o777).toBe(0o600);
    expect(statSync(nurseDir).mode & 0o777).toBe(0o700);

    await stores.close();
    // Encrypted at rest: neither the number nor the note's words appear anywhere in the files.
    for (const name of readdirSync(nurseDir)) {
      const bytes = readFileSync(path.join(nurseDir, name)).toString('latin1');
      expect(bytes).not.toContain(patient.normalized);
      expect(bytes).not.toContain('Bröstsmärta');
      expect(bytes).not.toContain('SQLite format 3');
    }
  });

  it('closes the store at sign-out: calls answer not_signed_in and the connection is closed', async () => {
    const { stores, call, fail } = caseStack({ profileDir: profile() });
    await stores.sessionChanged(signedIn(nurseIda));
    const open = stores.current;
    expect(open?.staff.hsaId).toBe(nurseIda.hsaId);
    await call('cases.list', { scope: 'region' });

    await stores.sessionChanged({ status: 'signed-out' });
    expect(stores.current).toBeNull();
    expect(open?.store.db.open).toBe(false);
    expect((await fail('cases.list', { scope: 'region' })).code).toBe('not_signed_in');
  });

  it("another nurse signing in on the same workstation cannot read the first nurse's cases", async () => {
    const dir = profile();
    const { stores, call, fail } = caseStack({ profileDir: dir });
    await stores.sessionChanged(signedIn(nurseIda));
    const patient = patientNumber('1961-11-02', 'male');
    const idasCase = await call<{ id: string }>('cases.create', {
      patient: { kind: 'identified', number: patient.display },
      caller: 'self',
    });
    await stores.sessionChanged({ status: 'signed-out' });

    await stores.sessionChanged(signedIn(nurseNils));
    expect(await call('cases.list', { scope: 'region' })).toEqual([]);
    expect(await call('cases.list', { scope: 'region', personnummer: patient.display })).toEqual([]);
    expect((await fail('cases.open', { caseId: idasCase.id })).code).toBe('not_found');

    // Nils's key does not open Ida's database file either.
    const nilsKey = await createKeyFileStoreKeyProvider().keyFor(path.join(dir, nurseNils.hsaId));
    expect(() =>
      openWorkstationStore({ file: NurseStore.fileFor(dir, nurseIda.hsaId), key: new Uint8Array(0) }),
    ).toThrow(/32 bytes/);
    expect(() =>
      openWorkstationStore({ file: NurseStore.fileFor(dir, nurseIda.hsaId), key: nilsKey }),
    ).toThrow(/wrong key or not a Firstline database/);
    await stores.sessionChanged({ status: 'signed-out' });

    // Ida signs in again and finds her case where she left it.
    await stores.sessionChanged(signedIn(nurseIda));
    const list = await call<{ id: string }[]>('cases.list', { scope: 'region' });
    expect(list.map((c) => c.id)).toEqual([idasCase.id]);
  });

  it('keeps the same store through a token refresh of the same nurse, and switches when another nurse signs in', async () => {
    const { stores } = caseStack({ profileDir: profile() });
    await stores.sessionChanged(signedIn(nurseIda));
    const first = stores.current?.store;
    await stores.sessionChanged(signedIn({ ...nurseIda, title: 'Specialistsjuksköterska' }));
    expect(stores.current?.store).toBe(first);
    expect(stores.current?.staff.title).toBe('Specialistsjuksköterska');

    const seen: (string | null)[] = [];
    stores.subscribe((open) => {
      seen.push(open?.staff.hsaId ?? null);
    });
    await stores.sessionChanged(signedIn(nurseNils));
    expect(first?.db.open).toBe(false);
    expect(seen).toEqual([null, nurseNils.hsaId]);
  });

  it('closes the database only after listeners have finished their work with it', async () => {
    const { stores } = caseStack({ profileDir: profile() });
    await stores.sessionChanged(signedIn(nurseIda));
    const store = stores.current!.store;
    const seenOpenWhileStopping: boolean[] = [];
    stores.subscribe(async (open) => {
      if (open) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
      // A sync engine finishing a push still reads the outbox here.
      seenOpenWhileStopping.push(store.db.open && store.outbox.status().waiting >= 0);
    });
    await stores.sessionChanged({ status: 'signed-out' });
    expect(seenOpenWhileStopping).toEqual([true]);
    expect(store.db.open).toBe(false);
  });

  it('answers store_unavailable with a clear message when the key cannot be had, and recovers at the next sign-in', async () => {
    let broken = true;
    const working = createKeyFileStoreKeyProvider();
    const { stores, fail, call } = caseStack({
      profileDir: profile(),
      keyProvider: {
        keyFor: async (dir) => {
          if (broken) throw new Error('keychain locked');
          return working.keyFor(dir);
        },
      },
    });
    await stores.sessionChanged(signedIn(nurseIda));
    const error = await fail('cases.list', { scope: 'mine-today' });
    expect(error.code).toBe('store_unavailable');
    expect(error.message).toMatch(/could not be opened/);

    broken = false;
    await stores.sessionChanged({ status: 'signed-out' });
    await stores.sessionChanged(signedIn(nurseIda));
    await expect(call('cases.list', { scope: 'mine-today' })).resolves.toEqual([]);
  });

  it('refuses an HSA-id that could climb out of the profile folder', () => {
    expect(() => NurseStore.fileFor('/profile', '../../etc')).toThrow(/not a valid HSA-id/);
    expect(NurseStore.fileFor('/profile', 'se2321000016-skan1')).toBe(
      path.join('/profile', 'SE2321000016-SKAN1', STORE_FILE_NAME),
    );
  });
});
