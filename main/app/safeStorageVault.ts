// Token vault for Electron: the session's tokens encrypted with the OS keychain (safeStorage) in the profile.
import { readFile, writeFile, rm, rename } from 'node:fs/promises';
import type { SafeStorage } from 'electron';
import type { SessionTokens, TokenVault } from '../services/session/tokenVault';

export function createSafeStorageVault(
  safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'>,
  file: string,
): TokenVault {
  let cached: SessionTokens | null = null;
  return {
    async load() {
      if (cached) return cached;
      if (!safeStorage.isEncryptionAvailable()) return null;
      try {
        cached = JSON.parse(safeStorage.decryptString(await readFile(file))) as SessionTokens;
      } catch {
        cached = null;
      }
      return cached;
    },
    async save(tokens) {
      cached = tokens;
      // Without an OS keychain the tokens stay in memory only: the nurse signs in again after a restart.
      if (!safeStorage.isEncryptionAvailable()) return;
      await writeFile(`${file}.tmp`, safeStorage.encryptString(JSON.stringify(tokens)), { mode: 0o600 });
      await rename(`${file}.tmp`, file);
    },
    async clear() {
      cached = null;
      await rm(file, { force: true });
    },
  };
}
