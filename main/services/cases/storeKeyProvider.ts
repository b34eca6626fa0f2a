// Where the key of a nurse's encrypted local store comes from: a key file in the browser host, safeStorage in Electron.
import path from 'node:path';
import { loadOrCreateKeyFile } from '../store';

/** The key file's name beside the database in the browser host. */
export const STORE_KEY_FILE_NAME = 'workstation.key';

/**
 * Gives the 32-byte key of the store kept in `storeDir`, creating it on first use. One key per nurse's
 * store, so one nurse's key never opens another nurse's cases.
 */
export interface StoreKeyProvider {
  keyFor(storeDir: string): Promise<Uint8Array>;
}

/**
 * Browser host: 32 random bytes in `<storeDir>/workstation.key`, mode 0600 in a 0700 directory; a key
 * file that group or others can read is refused (see the local store's README).
 */
export function createKeyFileStoreKeyProvider(): StoreKeyProvider {
  return {
    async keyFor(storeDir) {
      return loadOrCreateKeyFile(path.join(storeDir, STORE_KEY_FILE_NAME));
    },
  };
}
