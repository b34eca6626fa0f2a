// The protocol linter: every rule of the shared format gives a precise problem (file, path, message) for broken files.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkProtocols, isInAgeRange, lintProtocols, ProtocolSchema } from '../../../core/triage/protocol';
import { compareVersions } from '../../../core/triage/protocolLint';
import type { ProtocolFile } from '../../../core/triage/protocol';
import { FIXTURE_PROTOCOL_DIR } from './fixtureProtocols';

function fixture(name: string, folder = FIXTURE_PROTOCOL_DIR): ProtocolFile {
  return { fileName: name, data: parse(readFileSync(path.join(folder, name), 'utf8')) as unknown };
}

const broken = (name: string) => fixture(name, path.join(FIXTURE_PROTOCOL_DIR, 'broken'));
const good = () => structuredClone(fixture('test-buk.yaml').data) as Record<string, unknown>;
const where = (problems: ReturnType<typeof lintProtocols>) => problems.map((p) => `${p.file} ${p.path}`);

describe('lintProtocols', () => {
  it('finds nothing wrong with valid protocols', () => {
    expect(
      lintProtocols([fixture('test-buk.yaml'), fixture('test-andning.yaml'), fixture('test-spadbarn.yaml')]),
    ).toEqual([]);
  });

  it('reports questions out of acuity order and a whenAllNo more urgent than the last question', () => {
    const problems = lintProtocols([broken('bad-order.yaml')]);
    expect(where(problems)).toEqual(['bad-order.yaml questions[1].level', 'bad-order.yaml whenAllNo.level']);
    expect(problems[0]?.message).toMatch(
      /acuity order: 'andra' \(level 1\) comes after 'forsta' \(level 3\)/,
    );
  });

  it('reports duplicate question ids, also against context questions, and an id that differs from the file name', () => {
    const problems = lintProtocols([broken('duplicate-ids.yaml')]);
    expect(where(problems)).toEqual([
      'duplicate-ids.yaml id',
      'duplicate-ids.yaml questions[0].id',
      'duplicate-ids.yaml questions[2].id',
    ]);
    expect(problems[2]?.message).toMatch(/'klada' is already used at questions\[1\]\.id/);
  });

  it('reports missing or empty Swedish text and a protocol not marked as demo content', () => {
    const problems = lintProtocols([broken('missing-swedish.yaml')]);
    expect(where(problems)).toEqual([
      'missing-swedish.yaml demo',
      'missing-swedish.yaml title.sv',
      'missing-swedish.yaml questions[0].text.sv',
    ]);
    expect(problems[1]?.message).toMatch(/Swedish text \(sv\) is missing/);
    expect(problems[2]?.message).toMatch(/Question 'domning': Swedish text \(sv\) is empty/);
  });

  it('reports bad levels, care levels, unsure policies, versions, body parts, age ranges and unknown fields', () => {
    const problems = lintProtocols([broken('bad-level.yaml')]);
    const byPath = new Map(problems.map((p) => [p.path, p.message]));
    expect(byPath.get('version')).toMatch(/semver/);
    expect(byPath.get('bodyPart')).toMatch(/bodyPart must be one of/);
    expect(byPath.get('ageYears')).toMatch(/min must be below ageYears.max/);
    expect(byPath.get('questions[0].id')).toMatch(/kebab-case/);
    expect(byPath.get('questions[0].level')).toMatch(/from 1 .* to 6/);
    expect(byPath.get('questions[0].careLevel')).toMatch(/Care level must be one of/);
    expect(byPath.get('questions[0].unsure')).toMatch(/unsure must be escalate .* or open/);
    expect(byPath.get('questions[1]')).toMatch(/Unknown field 'advise'/);
    expect(byPath.get('questions[1].text.sv')).toMatch(/asks more than one thing/);
    expect(byPath.get('whenAllNo.level')).toMatch(/from 1 .* to 6/);
    // A level outside 1–6 is reported once, not again as an ordering problem.
    expect(problems.filter((p) => p.path === 'whenAllNo.level')).toHaveLength(1);
    expect(problems.every((p) => p.severity === 'error')).toBe(true);
  });

  it('reports a protocol id used by two files, and keeps only the first', () => {
    const copy = { ...fixture('test-buk.yaml'), fileName: 'other/test-buk.yaml' };
    const { protocols, problems } = checkProtocols([fixture('test-buk.yaml'), copy]);
    expect(protocols).toHaveLength(1);
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'other/test-buk.yaml',
        path: 'id',
        message: expect.stringMatching(/already used by test-buk.yaml/),
      }),
    ]);
  });

  it('explains a text split by a comma in a YAML flow mapping', () => {
    const data = good();
    (data.questions as Record<string, unknown>[])[0]!.text = {
      sv: 'Har patienten feber över 38',
      '5 grader?': null,
      en: 'Fever?',
    };
    expect(lintProtocols([{ fileName: 'test-buk.yaml', data }])[0]?.message).toMatch(
      /comma inside \{ sv: \.\.\., en: \.\.\. \}/,
    );
  });

  it('warns about a question that is never asked because of its age range', () => {
    const data = good();
    (data.questions as Record<string, unknown>[])[1]!.ageYears = { max: 2 };
    const problems = lintProtocols([{ fileName: 'test-buk.yaml', data }]);
    expect(problems).toEqual([
      expect.objectContaining({ path: 'questions[1].ageYears', severity: 'warning' }),
    ]);
    // Warnings do not make a protocol unusable.
    expect(checkProtocols([{ fileName: 'test-buk.yaml', data }]).protocols).toHaveLength(1);
  });

  it('says clearly when a file does not hold a protocol at all', () => {
    expect(lintProtocols([{ fileName: 'x.yaml', data: 'just text' }])).toEqual([
      expect.objectContaining({ path: '', message: expect.stringMatching(/must hold one protocol/) }),
    ]);
    expect(lintProtocols([{ fileName: 'x.yaml', data: null }])).toHaveLength(1);
  });

  it('fills in defaults for optional sections', () => {
    const data = good();
    delete data.synonyms;
    delete data.contextQuestions;
    const protocol = ProtocolSchema.parse(data);
    expect(protocol.synonyms).toEqual({ sv: [], en: [] });
    expect(protocol.contextQuestions).toEqual([]);
  });
});

describe('review record (review and changelog)', () => {
  const lint = (data: Record<string, unknown>) => lintProtocols([{ fileName: 'test-buk.yaml', data }]);
  const entry = (version: string, date: string, change = 'Ändrad.') => ({ version, date, change });

  it('needs a review status and a changelog', () => {
    const data = good();
    delete data.review;
    delete data.changelog;
    expect(where(lint(data))).toEqual(['test-buk.yaml review', 'test-buk.yaml changelog']);
  });

  it('accepts ej-granskad alone, and granskad only with a reviewer and a date', () => {
    expect(lint({ ...good(), review: { status: 'ej-granskad' } })).toEqual([]);
    expect(
      lint({
        ...good(),
        review: { status: 'granskad', reviewer: 'Eva Ek, specialistsjuksköterska', reviewedOn: '2026-12-01' },
      }),
    ).toEqual([]);
    const missing = lint({ ...good(), review: { status: 'granskad' } });
    expect(missing.map((p) => p.path).sort()).toEqual(['review.reviewedOn', 'review.reviewer']);
    expect(missing.find((p) => p.path === 'review.reviewer')?.message).toMatch(/needs the reviewer/);
    const badDate = lint({
      ...good(),
      review: { status: 'granskad', reviewer: 'Eva Ek', reviewedOn: '1/12/2026' },
    });
    expect(badDate).toEqual([
      expect.objectContaining({ path: 'review.reviewedOn', message: expect.stringMatching(/YYYY-MM-DD/) }),
    ]);
    expect(lint({ ...good(), review: { status: 'klar' } })[0]?.message).toMatch(/ej-granskad .* or granskad/);
  });

  it('needs a non-empty changelog whose latest entry is the protocol version', () => {
    expect(where(lint({ ...good(), changelog: [] }))).toEqual(['test-buk.yaml changelog']);
    // test-buk is version 1.2.0.
    const behind = lint({
      ...good(),
      changelog: [entry('1.0.0', '2026-11-01'), entry('1.1.0', '2026-11-20')],
    });
    expect(behind).toEqual([
      expect.objectContaining({
        path: 'changelog[1].version',
        severity: 'error',
        message: expect.stringMatching(
          /latest changelog entry is for 1\.1\.0 but the protocol is version 1\.2\.0/,
        ),
      }),
    ]);
    expect(
      lint({ ...good(), changelog: [entry('1.0.0', '2026-11-01'), entry('1.2.0', '2026-11-20')] }),
    ).toEqual([]);
  });

  it('needs the changelog oldest first: rising versions and dates', () => {
    const versions = lint({
      ...good(),
      changelog: [
        entry('1.0.0', '2026-11-01'),
        entry('1.2.0', '2026-11-02'),
        entry('1.1.0', '2026-11-03'),
        entry('1.2.0', '2026-11-04'),
      ],
    });
    expect(where(versions)).toContain('test-buk.yaml changelog[2].version');
    const dates = lint({
      ...good(),
      changelog: [entry('1.0.0', '2026-11-20'), entry('1.2.0', '2026-11-01')],
    });
    expect(dates).toEqual([
      expect.objectContaining({
        path: 'changelog[1].date',
        message: expect.stringMatching(/before 1\.0\.0/),
      }),
    ]);
    expect(where(lint({ ...good(), changelog: [entry('1.2', '2026-11-01')] }))).toContain(
      'test-buk.yaml changelog[0].version',
    );
    expect(where(lint({ ...good(), changelog: [{ version: '1.2.0', date: '2026-11-01' }] }))).toEqual([
      'test-buk.yaml changelog[0].change',
    ]);
  });

  it('warns when the review is older than the latest change', () => {
    const problems = lint({
      ...good(),
      review: { status: 'granskad', reviewer: 'Eva Ek', reviewedOn: '2026-11-10' },
      changelog: [entry('1.0.0', '2026-11-01'), entry('1.2.0', '2026-11-20')],
    });
    expect(problems).toEqual([
      expect.objectContaining({
        path: 'review.reviewedOn',
        severity: 'warning',
        message: expect.stringMatching(/review it again/),
      }),
    ]);
  });

  it('records a review status and version for every protocol of the library', async () => {
    const { loadProtocols } = await import('../../../main/services/protocols/loadProtocols');
    const { protocols, problems } = await loadProtocols();
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(protocols.length).toBeGreaterThanOrEqual(100);
    for (const protocol of protocols) {
      expect(protocol.review.status, protocol.id).toBe('ej-granskad');
      expect(protocol.changelog.at(-1)?.version, protocol.id).toBe(protocol.version);
    }
  });
});

describe('compareVersions', () => {
  it('orders by major, minor and patch as numbers, a pre-release before its release', () => {
    expect(compareVersions('1.10.0', '1.9.0')).toBeGreaterThan(0);
    expect(compareVersions('1.0.0', '1.0.0')).toBe(0);
    expect(compareVersions('1.0.0-beta', '1.0.0')).toBeLessThan(0);
    expect(compareVersions('1.0', '1.0.0')).toBeNull();
  });
});

describe('isInAgeRange', () => {
  it('treats min as inclusive, max as exclusive, and an unknown age as inside', () => {
    expect(isInAgeRange({ min: 0.25, max: 12 }, 0.25)).toBe(true);
    expect(isInAgeRange({ min: 0.25, max: 12 }, 12)).toBe(false);
    expect(isInAgeRange({ min: 0.25, max: 12 }, 0.1)).toBe(false);
    expect(isInAgeRange({ min: 0.25, max: 12 }, null)).toBe(true);
    expect(isInAgeRange(undefined, 99)).toBe(true);
  });
});
