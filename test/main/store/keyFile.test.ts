// The browser host's key file: created once with mode 0600, reused, and refused when others can read it.
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOrCreateKeyFile, StoreError } from '../../../main/services/store';
import { tempDir } from './fixtures';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => (dir = tempDir()));
afterEach(() => dir.remove());

describe('loadOrCreateKeyFile', () => {
  it('creates a random 32-byte key readable only by its owner, and returns the same key next time', () => {
    const path = join(dir.path, 'keys', 'store.key');
    const key = loadOrCreateKeyFile(path);
    expect(key.byteLength).toBe(32);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path).equals(key)).toBe(true);
    expect(loadOrCreateKeyFile(path).equals(key)).toBe(true);
    expect(loadOrCreateKeyFile(join(dir.path, 'keys', 'other.key')).equals(key)).toBe(false);
  });

  it('refuses a key file that group or others can read', () => {
    const path = join(dir.path, 'store.key');
    loadOrCreateKeyFile(path);
    chmodSync(path, 0o644);
    expect(() => loadOrCreateKeyFile(path)).toThrow(StoreError);
    expect(() => loadOrCreateKeyFile(path)).toThrow(/can be read by other users \(mode 644\).*chmod 600/);
  });

  it('refuses a key file of the wrong length', () => {
    const path = join(dir.path, 'store.key');
    writeFileSync(path, 'short', { mode: 0o600 });
    expect(() => loadOrCreateKeyFile(path)).toThrow('holds 5 bytes, not 32');
  });
});
