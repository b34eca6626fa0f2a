// The preferences file: the ring volume starts at 70 %, a file from before it existed keeps its choices, and a volume outside 0–100 is refused.
import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PreferencesSchema } from '../../../core/api/bridge';
import { DEFAULT_PREFERENCES, openPreferencesStore } from '../../../main/services/preferences/preferences';

async function tempFile() {
  return path.join(await mkdtemp(path.join(os.tmpdir(), 'firstline-preferences-')), 'preferences.json');
}

describe('preferences store', () => {
  it('rings at 70 % until the nurse chooses otherwise, and keeps her choice in the file', async () => {
    const file = await tempFile();
    const store = await openPreferencesStore(file);
    expect(store.get().ringVolume).toBe(70);
    await store.update({ ringVolume: 0 });
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ ringVolume: 0 });
    expect((await openPreferencesStore(file)).get()).toEqual({ ...DEFAULT_PREFERENCES, ringVolume: 0 });
  });

  it('keeps language and theme from a file written before the ring volume existed', async () => {
    const file = await tempFile();
    await writeFile(file, JSON.stringify({ language: 'en', themeMode: 'dark' }));
    expect((await openPreferencesStore(file)).get()).toEqual({
      language: 'en',
      themeMode: 'dark',
      ringVolume: 70,
    });
  });

  it('refuses a volume that is not a whole percentage from 0 to 100, naming the field', () => {
    for (const ringVolume of [-1, 101, 50.5, '70']) {
      const result = PreferencesSchema.partial().strict().safeParse({ ringVolume });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(['ringVolume']);
    }
    expect(PreferencesSchema.partial().strict().parse({ ringVolume: 100 })).toEqual({ ringVolume: 100 });
  });
});
