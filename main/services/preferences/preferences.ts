// The nurse's workstation preferences (language, light/dark, ring volume), kept in a small JSON file beside the profile.
import { readFile, writeFile, rename } from 'node:fs/promises';
import { PreferencesSchema, type Preferences } from '../../../core/api/bridge';

export const DEFAULT_PREFERENCES: Preferences = { language: 'sv', themeMode: 'system', ringVolume: 70 };

export interface PreferencesStore {
  get(): Preferences;
  update(change: Partial<Preferences>): Promise<Preferences>;
}

/** A file-backed store; a missing or damaged file falls back to the defaults rather than blocking start-up. */
export async function openPreferencesStore(file: string | null): Promise<PreferencesStore> {
  let current = DEFAULT_PREFERENCES;
  if (file) {
    try {
      const saved: unknown = JSON.parse(await readFile(file, 'utf8'));
      // A file from before a preference existed keeps its choices; the new one starts at its default.
      const parsed = PreferencesSchema.safeParse(
        typeof saved === 'object' && saved !== null ? { ...DEFAULT_PREFERENCES, ...saved } : saved,
      );
      if (parsed.success) current = parsed.data;
    } catch {
      // No file yet, or unreadable: defaults apply and the next change rewrites it.
    }
  }
  return {
    get: () => current,
    async update(change) {
      const next = PreferencesSchema.parse({ ...current, ...change });
      if (file) {
        // Write-then-rename so a crash never leaves a half-written file behind.
        await writeFile(`${file}.tmp`, JSON.stringify(next, null, 2), { mode: 0o600 });
        await rename(`${file}.tmp`, file);
      }
      current = next;
      return current;
    },
  };
}
