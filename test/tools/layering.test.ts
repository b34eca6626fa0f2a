// The layering lint rule: a deliberate violation of the import direction makes lint fail.
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function layeringErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'firstline/layering').map((m) => m.message);
}

describe('layering rule', () => {
  it('refuses core importing main, Node built-ins or electron', async () => {
    expect(
      await layeringErrors(
        'core/triage/x.ts',
        "import { createWorkstation } from '../../main/services/workstation';\nexport const x = createWorkstation;",
      ),
    ).toEqual([
      "core may not import from main/services ('../../main/services/workstation'): imports point towards core only.",
    ]);
    expect(await layeringErrors('core/x.ts', "import fs from 'node:fs';\nexport const x = fs;")).toHaveLength(
      1,
    );
    expect(
      await layeringErrors('core/x.ts', "import { app } from 'electron';\nexport const x = app;"),
    ).toHaveLength(1);
  });

  it("keeps 'electron' inside main/app and preload", async () => {
    expect(
      await layeringErrors('main/services/x.ts', "import { app } from 'electron';\nexport const x = app;"),
    ).toHaveLength(1);
    expect(
      await layeringErrors(
        'renderer/src/x.ts',
        "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;",
      ),
    ).toHaveLength(1);
    expect(
      await layeringErrors('main/app/x.ts', "import { app } from 'electron';\nexport const x = app;"),
    ).toEqual([]);
    expect(
      await layeringErrors(
        'preload/x.ts',
        "import { contextBridge } from 'electron';\nexport const x = contextBridge;",
      ),
    ).toEqual([]);
  });

  it('refuses imports of main or renderer from elsewhere', async () => {
    expect(
      await layeringErrors(
        'backend/src/x.ts',
        "import { x } from '../../main/services/y';\nexport const z = x;",
      ),
    ).toHaveLength(1);
    expect(
      await layeringErrors(
        'main/services/x.ts',
        "import { x } from '../../renderer/src/y';\nexport const z = x;",
      ),
    ).toHaveLength(1);
    expect(
      await layeringErrors(
        'renderer/src/x.ts',
        "import { x } from '../../main/host/y';\nexport const z = x;",
      ),
    ).toHaveLength(1);
    expect(
      await layeringErrors('main/services/x.ts', "import { x } from '../app/y';\nexport const z = x;"),
    ).toHaveLength(1);
  });

  it('allows every layer to import core, and tests to import anything', async () => {
    for (const file of ['backend/src/x.ts', 'main/services/x.ts', 'renderer/src/x.ts', 'preload/x.ts']) {
      const depth = file.split('/').length - 1;
      const spec = `${'../'.repeat(depth)}core/api/bridge`;
      expect(
        await layeringErrors(
          file,
          `import { bridgeMethods } from '${spec}';\nexport const x = bridgeMethods;`,
        ),
      ).toEqual([]);
    }
    expect(
      await layeringErrors(
        'test/main/x.test.ts',
        "import { x } from '../../main/app/y';\nexport const z = x;",
      ),
    ).toEqual([]);
  });
});
