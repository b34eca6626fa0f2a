// Electron's store key: random, sealed by the OS keychain beside the database, the same key every time, refused without a keychain.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createSafeStorageKeyProvider,
  SAFE_STORAGE_KEY_FILE_NAME,
} from '../../../main/app/safeStorageKeyProvider';
import { tempProfile } from './support';

/** A stand-in keychain: reversible, but the sealed bytes differ from the secret. */
function fakeSafeStorage(available = true) {
  const seal = (text: string) => Buffer.from(`sealed:${Buffer.from(text).toString('base64')}`);
  return {
    isEncryptionAvailable: () => available,
    encryptString: (text: string) => seal(text),
    decryptString: (bytes: Buffer) => {
      const text = bytes.toString();
      if (!text.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext provided');
      return Buffer.from(text.slice('sealed:'.length), 'base64').toString();
    },
  };
}

const dirs: ReturnType<typeof tempProfile>[] = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

describe('safeStorage key provider', () => {
  it('creates a random 32-byte key once, stores it sealed with mode 0600, and gives the same key again', async () => {
    const dir = tempProfile();
    dirs.push(dir);
    const storeDir = path.join(dir.dir, 'SE2321000016-SKAN1');
    const provider = createSafeStorageKeyProvider(fakeSafeStorage());
    const first = await provider.keyFor(storeDir);
    expect(first.byteLength).toBe(32);
    const file = path.join(storeDir, SAFE_STORAGE_KEY_FILE_NAME);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file).includes(Buffer.from(Buffer.from(first).toString('hex')))).toBe(false);
    expect(Buffer.from(await provider.keyFor(storeDir)).equals(Buffer.from(first))).toBe(true);

    const other = await provider.keyFor(path.join(dir.dir, 'SE2321000016-SKAN2'));
    expect(Buffer.from(other).equals(Buffer.from(first))).toBe(false);
  });

  it('refuses to make a key without the OS keychain, and refuses a key it cannot unseal', async () => {
    const dir = tempProfile();
    dirs.push(dir);
    await expect(createSafeStorageKeyProvider(fakeSafeStorage(false)).keyFor(dir.dir)).rejects.toThrow(
      /keychain is not available/,
    );
    writeFileSync(path.join(dir.dir, SAFE_STORAGE_KEY_FILE_NAME), 'garbage');
    await expect(createSafeStorageKeyProvider(fakeSafeStorage()).keyFor(dir.dir)).rejects.toMatchObject({
      code: 'key-file',
    });
  });
});
