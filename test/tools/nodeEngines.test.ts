// The Node.js version Firstline asks for is the true minimum: the lowest version every installed package's `engines.node` accepts, stated alike in package.json and the README.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
type Version = [number, number, number];

/** The few npm range forms package-lock.json holds: `a || b`, `>=x`, `<x`, `^x`, `x.x`/`x.*`/`x`, `*`. */
function satisfies(version: Version, range: string): boolean {
  return range.split('||').some((alternative) =>
    alternative
      .trim()
      .replace(/(>=|<=|>|<|\^|~)\s+/g, '$1')
      .split(/\s+/)
      .every((comparator) => matches(version, comparator)),
  );
}

function parts(text: string): (number | null)[] {
  return text.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : null));
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

function lower(text: string): Version {
  const [major = 0, minor = 0, patch = 0] = parts(text).map((part) => part ?? 0);
  return [major, minor, patch];
}

function matches(version: Version, comparator: string): boolean {
  if (comparator === '' || comparator === '*') return true;
  const op = /^(>=|<=|>|<|\^|~)?(.*)$/.exec(comparator)!;
  const bound = lower(op[2]!);
  switch (op[1]) {
    case '>=':
      return compare(version, bound) >= 0;
    case '>':
      return compare(version, bound) > 0;
    case '<':
      return compare(version, bound) < 0;
    case '<=':
      return compare(version, bound) <= 0;
    case '^':
      return compare(version, bound) >= 0 && version[0] === bound[0];
    case '~':
      return compare(version, bound) >= 0 && version[0] === bound[0] && version[1] === bound[1];
    default: {
      // An x-range: "20", "20.x", "6.*", "20.19.0".
      const given = parts(op[2]!);
      return given.every((part, i) => part === null || part === version[i]);
    }
  }
}

function nodeRanges(): { name: string; range: string }[] {
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { engines?: { node?: string } | string[] }>;
  };
  return Object.entries(lock.packages)
    .filter(([name]) => name !== '')
    .flatMap(([name, info]) => {
      const node = Array.isArray(info.engines) ? undefined : info.engines?.node;
      return node ? [{ name, range: node }] : [];
    });
}

/** The lowest version every range accepts: it is one of the ranges' own lower bounds. */
function trueMinimum(ranges: readonly string[]): Version {
  const candidates = ranges
    .flatMap((range) => range.split('||'))
    .flatMap((alternative) => [...alternative.matchAll(/(?:>=|\^|~|^|\s)\s*(\d+(?:\.\d+){0,2})/g)])
    .map((match) => lower(match[1]!))
    .sort(compare);
  const found = candidates.find((version) => ranges.every((range) => satisfies(version, range)));
  if (!found) throw new Error('No Node.js version satisfies every package.');
  return found;
}

describe('the Node.js version Firstline requires', () => {
  it('reads npm ranges the way npm does', () => {
    expect(satisfies([20, 19, 0], '^20.19.0 || ^22.13.0 || >=24')).toBe(true);
    expect(satisfies([22, 12, 0], '^20.19.0 || ^22.13.0 || >=24')).toBe(false);
    expect(satisfies([20, 19, 0], '>=22')).toBe(false);
    expect(satisfies([22, 13, 0], '20.x || 22.x || 23.x')).toBe(true);
    expect(satisfies([7, 0, 0], '>=6 <7 || >=8')).toBe(false);
    expect(satisfies([22, 13, 0], '>= 10.x')).toBe(true);
  });

  it('is the lowest version every dependency accepts, in package.json and the README alike', () => {
    const ranges = nodeRanges();
    expect(ranges.length).toBeGreaterThan(100);
    const [major, minor] = trueMinimum(ranges.map((r) => r.range));
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      engines: { node: string };
    };
    expect(pkg.engines.node).toBe(`>=${major}.${minor}`);
    const refusing = ranges.filter((r) => !satisfies(lower(pkg.engines.node.slice(2)), r.range));
    expect(refusing, 'packages that refuse the stated minimum').toEqual([]);
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    expect(readme).toContain(`Requires Node.js ${major}.${minor} or newer`);
  });
});
