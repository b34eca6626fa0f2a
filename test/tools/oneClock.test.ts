// The one-clock lint rule: renderer code that reads the computer's zone for a time on screen fails lint; the Swedish-time module may.
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function clockErrors(file: string, code: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax').length;
}

describe('one clock rule', () => {
  it("refuses the locale formatters, a date's local fields and local-time constructors in the renderer", async () => {
    const file = 'renderer/src/features/cases/x.ts';
    for (const code of [
      "export const x = new Date().toLocaleTimeString('sv-SE');",
      "export const x = new Date().toLocaleDateString('sv-SE');",
      'export const x = new Date().toLocaleString();',
      'export const x = new Date().getHours();',
      'export const x = new Date().getDate();',
      'const d = new Date();\nd.setDate(1);\nexport const x = d;',
      'export const x = new Date().getTimezoneOffset();',
      'export const x = new Date(2026, 0, 15);',
      "export const x = new Intl.DateTimeFormat('sv-SE').format(new Date());",
    ]) {
      expect(await clockErrors(file, code), code).toBe(1);
    }
  });

  it('lets UTC calendar arithmetic, instants and the Swedish-time module through', async () => {
    const file = 'renderer/src/features/cases/x.ts';
    expect(await clockErrors(file, 'export const x = new Date(Date.UTC(2026, 0, 15)).getUTCDate();')).toBe(0);
    expect(await clockErrors(file, "export const x = new Date('2026-01-15T07:00:00Z').getTime();")).toBe(0);
    expect(
      await clockErrors(
        'renderer/src/app/swedishTime.ts',
        "export const x = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' });",
      ),
    ).toBe(0);
    // Outside the renderer (main, backend) the rule does not apply: they format with core's Swedish-time helpers.
    expect(await clockErrors('main/services/x.ts', 'export const x = new Date().getHours();')).toBe(0);
  });
});
