// Store keys for Electron: a random key per nurse's store, kept encrypted by the OS keychain (safeStorage) beside the database.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SafeStorage } from 'electron';
import type { StoreKeyProvider } from '../services/cases';
import { STORE_KEY_BYTES, StoreError } from '../services/store';

/** The encrypted key's file name in the nurse's store folder. */
export const SAFE_STORAGE_KEY_FILE_NAME = 'workstation.key.enc';

export function createSafeStorageKeyProvider(
  safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'>,
): StoreKeyProvider {
  return {
    async keyFor(storeDir) {
      // Without the OS keychain the key would lie on disk in the clear next to the data it protects.
      if (!safeStorage.isEncryptionAvailable()) {
        throw new StoreError(
          'key-file',
          'The operating system keychain is not available, so the local database key cannot be protected. Sign in to the desktop session with a keychain, or contact IT support.',
        );
      }
      const file = path.join(storeDir, SAFE_STORAGE_KEY_FILE_NAME);
      const sealed = await readFile(file).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return null;
        throw error;
      });
      if (sealed !== null) return unseal(safeStorage, sealed);
      await mkdir(storeDir, { recursive: true, mode: 0o700 });
      const key = randomBytes(STORE_KEY_BYTES);
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, safeStorage.encryptString(key.toString('hex')), { mode: 0o600 });
      await rename(temporary, file);
      return key;
    },
  };
}

function unseal(safeStorage: Pick<SafeStorage, 'decryptString'>, sealed: Buffer): Buffer {
  let hex: string;
  try {
    hex = safeStorage.decryptString(sealed);
  } catch (error) {
    throw new StoreError(
      'key-file',
      'The local database key could not be decrypted by the operating system keychain (another user or a reset keychain).',
      { cause: error },
    );
  }
  if (!new RegExp(`^[0-9a-f]{${STORE_KEY_BYTES * 2}}$`).test(hex)) {
    throw new StoreError('key-file', 'The local database key file is damaged.');
  }
  return Buffer.from(hex, 'hex');
}
