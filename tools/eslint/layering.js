// ESLint rule that keeps the import direction of ARCHITECTURE.md: renderer/main/backend/preload → core, never back.
import path from 'node:path';
import { builtinModules } from 'node:module';

const root = path.resolve(import.meta.dirname, '../..');
const nodeBuiltins = new Set(builtinModules);

/** The layer a file belongs to, by its path inside the repository. */
export function layerOf(file) {
  const rel = path.relative(root, file).split(path.sep);
  const [top, second] = rel;
  // Build configuration beside the code (vite.config.ts) is tooling, not part of a layer.
  if (/\.config\.[cm]?[jt]s$/.test(rel[rel.length - 1])) return 'tooling';
  if (top === 'main')
    return second === 'app' ? 'main/app' : second === 'host' ? 'main/host' : 'main/services';
  if (['core', 'preload', 'renderer', 'backend', 'resources'].includes(top)) return top;
  return 'tooling'; // test/, bench/, scripts/, tools/ and config files may reach everything
}

function isNodeBuiltin(spec) {
  return spec.startsWith('node:') || nodeBuiltins.has(spec.split('/')[0]);
}

/** Returns a message when `from` may not import `spec`, otherwise null. */
export function checkImport(fromFile, spec) {
  const from = layerOf(fromFile);
  if (from === 'tooling') return null;
  if (spec === 'electron' || spec.startsWith('electron/')) {
    return from === 'main/app' || from === 'preload'
      ? null
      : `'electron' may only be imported in main/app and preload (this file is in ${from}).`;
  }
  if (from === 'core' && isNodeBuiltin(spec)) {
    return `core must run anywhere: it may not import the Node built-in '${spec}'.`;
  }
  if (from === 'renderer' && isNodeBuiltin(spec)) {
    return `the renderer is sandboxed: it may not import the Node built-in '${spec}'.`;
  }
  if (!spec.startsWith('.')) return null;
  const target = layerOf(path.resolve(path.dirname(fromFile), spec));
  if (target === from) return null;
  const allowed = {
    core: [],
    preload: ['core'],
    renderer: ['core'],
    backend: ['core', 'resources'],
    'main/services': ['core', 'resources'],
    'main/host': ['core', 'main/services', 'resources'],
    'main/app': ['core', 'main/services', 'main/host', 'resources'],
    resources: [],
  }[from];
  return allowed.includes(target)
    ? null
    : `${from} may not import from ${target} ('${spec}'): imports point towards core only.`;
}

export const layeringRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the import direction between core, main, preload, renderer and backend.' },
    schema: [],
  },
  create(context) {
    const check = (node) => {
      if (!node.source || typeof node.source.value !== 'string') return;
      const message = checkImport(context.filename, node.source.value);
      if (message) context.report({ node: node.source, message });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default { rules: { layering: layeringRule } };
