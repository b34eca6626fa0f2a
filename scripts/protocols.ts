// Protocol library tool: `-- lint` checks every protocol file, `-- schema` regenerates the JSON Schema, `-- findings` lists question ids across protocols.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import prettier from 'prettier';
import { isTriageRule, protocolJsonSchema } from '../core/triage/protocol';
import { defaultProtocolDir, loadProtocols } from '../main/services/protocols/loadProtocols';

const USAGE = `Usage:
  npm run protocols -- lint [--dir <folder>] [--strict]   check every *.yaml protocol (exit 1 on errors; --strict: on warnings too)
  npm run protocols -- schema [--check]                   write resources/protocols/protocol.schema.json (--check: only compare)
  npm run protocols -- findings [--dir <folder>]          every question id with the protocols and texts that use it`;

export interface CliOutput {
  out: (line: string) => void;
  err: (line: string) => void;
}

const consoleOutput: CliOutput = { out: (line) => console.log(line), err: (line) => console.error(line) };

/** Runs the tool and returns the exit code (0 ok, 1 problems found, 2 bad usage). */
export async function runProtocolsCli(
  argv: readonly string[],
  io: CliOutput = consoleOutput,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        dir: { type: 'string' },
        strict: { type: 'boolean', default: false },
        check: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (cause) {
    io.err(`${(cause as Error).message}\n${USAGE}`);
    return 2;
  }
  const { positionals, values } = parsed;
  const [command, ...rest] = positionals;
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  if (rest.length > 0) {
    io.err(`Unexpected argument '${rest[0]}'.\n${USAGE}`);
    return 2;
  }
  if (command === 'lint') return lint(values.dir ?? defaultProtocolDir(), values.strict, io);
  if (command === 'schema') return schema(values.check, io);
  if (command === 'findings') return findings(values.dir ?? defaultProtocolDir(), io);
  io.err(`${command === undefined ? 'Missing command.' : `Unknown command '${command}'.`}\n${USAGE}`);
  return 2;
}

async function lint(dir: string, strict: boolean, io: CliOutput): Promise<number> {
  let loaded;
  try {
    loaded = await loadProtocols(dir);
  } catch (cause) {
    io.err((cause as Error).message);
    return 2;
  }
  const { protocols, problems } = loaded;
  const relativeDir = path.relative(process.cwd(), dir) || '.';
  for (const problem of problems) {
    const where = problem.path === '' ? '' : ` ${problem.path}:`;
    io.err(`${path.join(relativeDir, problem.file)}:${where} ${problem.severity}: ${problem.message}`);
  }
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.length - errors.length;
  const brokenFiles = new Set(errors.map((p) => p.file)).size;
  const summary = [`${protocols.length} protocols OK`];
  if (brokenFiles > 0)
    summary.push(`${brokenFiles} file${brokenFiles === 1 ? '' : 's'} with errors (${errors.length} errors)`);
  if (warnings > 0) summary.push(`${warnings} warning${warnings === 1 ? '' : 's'}`);
  io.out(summary.join(', '));
  return errors.length > 0 || (strict && warnings > 0) ? 1 : 0;
}

/** Where the generated JSON Schema lives, next to the protocols it describes. */
export function protocolSchemaPath(): string {
  return path.join(defaultProtocolDir(), 'protocol.schema.json');
}

/** The schema file's text, formatted the way the repository's prettier check expects. */
export async function protocolSchemaText(): Promise<string> {
  const file = protocolSchemaPath();
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(JSON.stringify(protocolJsonSchema()), {
    ...options,
    parser: 'json',
    filepath: file,
  });
}

async function schema(checkOnly: boolean, io: CliOutput): Promise<number> {
  const file = protocolSchemaPath();
  const text = await protocolSchemaText();
  const current = await readFile(file, 'utf8').catch(() => null);
  const relative = path.relative(process.cwd(), file);
  if (current === text) {
    io.out(`${relative} is up to date.`);
    return 0;
  }
  if (checkOnly) {
    io.err(`${relative} is out of date: run npm run protocols -- schema`);
    return 1;
  }
  await writeFile(file, text);
  io.out(`Wrote ${relative}.`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await runProtocolsCli(process.argv.slice(2));
}

/**
 * A question id is one fact for the whole call: one answer counts in every protocol that asks it.
 * Lists each id with where it is asked, and marks ids asked in different words, so authors reuse ids on purpose.
 */
async function findings(dir: string, io: CliOutput): Promise<number> {
  let loaded;
  try {
    loaded = await loadProtocols(dir);
  } catch (cause) {
    io.err((cause as Error).message);
    return 2;
  }
  const uses = new Map<string, { protocol: string; level: number; kind: string; text: string }[]>();
  for (const protocol of loaded.protocols) {
    for (const item of protocol.questions) {
      const list = uses.get(item.id) ?? [];
      list.push({
        protocol: protocol.id,
        level: item.level,
        kind: isTriageRule(item) ? 'rule' : 'question',
        text: isTriageRule(item) ? item.description.sv : item.text.sv,
      });
      uses.set(item.id, list);
    }
  }
  const ids = [...uses.keys()].sort((a, b) => a.localeCompare(b, 'sv'));
  let shared = 0;
  let differing = 0;
  for (const id of ids) {
    const list = uses.get(id) ?? [];
    const texts = new Set(list.map((use) => use.text));
    if (list.length > 1) shared += 1;
    if (texts.size > 1) differing += 1;
    const mark =
      list.length > 1 ? (texts.size > 1 ? ' (shared, worded differently: same fact?)' : ' (shared)') : '';
    io.out(`${id}${mark}`);
    for (const use of list) io.out(`  ${use.protocol} · level ${use.level} · ${use.kind}: ${use.text}`);
  }
  io.out(`${ids.length} ids, ${shared} asked in several protocols, ${differing} of those worded differently`);
  return 0;
}
