// Reads the triage protocol library from disk: every *.yaml file in a folder, parsed and validated.
//
// A broken file never stops the workstation: it is left out and reported as a problem, so the rest of
// the library stays usable and the linter (npm run protocols -- lint) can name what to fix.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { checkProtocols } from '../../../core/triage/protocol';
import type { Protocol, ProtocolFile, ProtocolProblem } from '../../../core/triage/protocol';

/**
 * The demo library in the repository, relative to the working directory (npm scripts run from the root).
 * A packaged app passes its own resources path instead.
 */
export function defaultProtocolDir(): string {
  return path.resolve(process.cwd(), 'resources', 'protocols');
}

export interface LoadedProtocols {
  /** Valid protocols, sorted by file name. */
  protocols: Protocol[];
  /** Every problem found; files with errors are not in `protocols`. */
  problems: ProtocolProblem[];
  /** The folder that was read. */
  dir: string;
}

/** Reads, parses and validates every `*.yaml` file in `dir`. Throws only when the folder itself cannot be read. */
export async function loadProtocols(dir: string = defaultProtocolDir()): Promise<LoadedProtocols> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => /\.ya?ml$/i.test(name)).sort();
  } catch (cause) {
    throw new Error(`Cannot read the protocol folder ${dir}: ${(cause as Error).message}`, { cause });
  }

  const files: ProtocolFile[] = [];
  const problems: ProtocolProblem[] = [];
  for (const fileName of names) {
    let text: string;
    try {
      text = await readFile(path.join(dir, fileName), 'utf8');
    } catch (cause) {
      problems.push({
        file: fileName,
        path: '',
        message: `Cannot read the file: ${(cause as Error).message}`,
        severity: 'error',
      });
      continue;
    }
    const parsed = parseProtocolYaml(fileName, text);
    if ('problem' in parsed) problems.push(parsed.problem);
    else files.push(parsed.file);
  }

  const checked = checkProtocols(files);
  return { protocols: checked.protocols, problems: [...problems, ...checked.problems], dir };
}

/**
 * Reads only the named protocols (`<dir>/<id>.yaml`), for callers that know what they need: parsing the
 * whole library costs far more than one file. An id that is not kebab-case or has no file becomes a
 * problem with `path: 'id'`, like any other broken protocol.
 */
export async function loadProtocolsById(
  ids: readonly string[],
  dir: string = defaultProtocolDir(),
): Promise<LoadedProtocols> {
  const files: ProtocolFile[] = [];
  const problems: ProtocolProblem[] = [];
  for (const id of ids) {
    const fileName = `${id}.yaml`;
    // Only plain ids: an id must never reach outside the protocol folder.
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) {
      problems.push({
        file: fileName,
        path: 'id',
        message: `'${id}' is not a protocol id (kebab-case).`,
        severity: 'error',
      });
      continue;
    }
    let text: string;
    try {
      text = await readFile(path.join(dir, fileName), 'utf8');
    } catch (cause) {
      const missing = (cause as NodeJS.ErrnoException).code === 'ENOENT';
      const message = missing
        ? `There is no protocol '${id}'.`
        : `Cannot read the file: ${(cause as Error).message}`;
      problems.push({ file: fileName, path: 'id', message, severity: 'error' });
      continue;
    }
    const parsed = parseProtocolYaml(fileName, text);
    if ('problem' in parsed) problems.push(parsed.problem);
    else files.push(parsed.file);
  }
  const checked = checkProtocols(files);
  return { protocols: checked.protocols, problems: [...problems, ...checked.problems], dir };
}

/** Parses one protocol file's text; a YAML syntax error becomes a problem with its line and column. */
export function parseProtocolYaml(
  fileName: string,
  text: string,
): { file: ProtocolFile } | { problem: ProtocolProblem } {
  // YAML 1.2 (the yaml package's default): `unsure: yes` stays the string "yes", as the format expects.
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const [first] = document.errors;
  if (first) {
    const where = first.linePos?.[0];
    const at = where ? ` (line ${where.line}, column ${where.col})` : '';
    return {
      problem: {
        file: fileName,
        path: '',
        message: `Not valid YAML${at}: ${firstLine(first.message)}`,
        severity: 'error',
      },
    };
  }
  return { file: { fileName, data: document.toJS() } };
}

/** The yaml package's message without its code excerpt and repeated position. */
function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}
