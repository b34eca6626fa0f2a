// `npm run triage`: JSON in and out for search, questions and evaluate, and clear JSON errors with exit code 2.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runTriageCli } from '../../scripts/triage';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FIXTURES = path.join(ROOT, 'test/fixtures/protocols');

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runTriageCli(argv, {
    out: (t) => (out += t),
    err: (t) => (err += t),
    protocolDir: FIXTURES,
  });
  return { code, json: JSON.parse(code === 0 ? out : err) as Record<string, unknown>, err };
}

describe('triage CLI', () => {
  it('search ranks protocols', async () => {
    const { code, json } = await run('search', 'ont', 'i', 'magen', '--limit', '2');
    expect(code).toBe(0);
    expect(json).toMatchObject({
      query: 'ont i magen',
      results: [{ id: 'test-buk', title: { sv: 'Buksmärta (test)' } }],
    });
  });

  it('questions lists context and triage questions with ids and levels', async () => {
    const { json } = await run('questions', 'test-buk');
    expect(json).toMatchObject({
      id: 'test-buk',
      version: '1.2.0',
      contextQuestions: [{ id: 'duration', kind: 'text' }],
      whenAllNo: { level: 6, careLevel: 'egenvard' },
    });
    const questions = json.questions as {
      id: string;
      level: number;
      careLevel: string;
      label: { sv: string };
    }[];
    expect(questions.map((q) => [q.id, q.level])).toEqual([
      ['chock', 1],
      ['blodig-krakning', 2],
      ['gravid', 2],
      ['feber', 3],
      ['langvarig', 5],
    ]);
    expect(questions[0]).toMatchObject({ careLevel: 'ambulans', label: { sv: 'Ring 112 nu' } });
  });

  it('evaluate gives level, label, time frame, care level, deciding question and advice', async () => {
    const { code, json } = await run(
      'evaluate',
      'test-buk',
      '--age',
      '34',
      '--answers',
      JSON.stringify({ chock: 'no', 'blodig-krakning': 'no', gravid: 'no', feber: 'yes' }),
    );
    expect(code).toBe(0);
    expect(json).toMatchObject({
      ageYears: 34,
      complete: true,
      disposition: {
        level: 3,
        label: { sv: 'Skyndsamt' },
        timeFrame: { minutes: 240 },
        careLevel: 'jourcentral',
        decidedBy: {
          protocolId: 'test-buk',
          protocolVersion: '1.2.0',
          questionId: 'feber',
          basis: 'question',
        },
        advice: { sv: 'Sök vård på jourcentral inom några timmar.' },
      },
    });
  });

  it('evaluate takes answers per protocol for several protocols, and the most urgent wins', async () => {
    const { json } = await run(
      'evaluate',
      'test-buk',
      'test-andning',
      '--age',
      '0,5',
      '--answers',
      JSON.stringify({ 'test-buk': { chock: 'no' }, 'test-andning': { 'spadbarn-indragningar': 'yes' } }),
    );
    expect(json).toMatchObject({
      ageYears: 0.5,
      disposition: { level: 2, careLevel: 'barnakut', decidedBy: { protocolId: 'test-andning' } },
      protocols: [
        { id: 'test-buk', applicable: false },
        { id: 'test-andning', applicable: true },
      ],
    });
  });

  it('evaluate without answers shows a provisional result and the next question', async () => {
    const { json } = await run('evaluate', 'test-andning', '--answers', '{}');
    expect(json).toMatchObject({
      ageYears: null,
      complete: false,
      nextQuestion: { questionId: 'kan-inte-prata' },
    });
  });

  it.each([
    [['evaluate', 'nope', '--answers', '{}'], 'unknown-protocol', /no protocol 'nope'/],
    [
      ['evaluate', 'test-buk', '--answers', '{"nope":"yes"}'],
      'unknown-question',
      /no triage question 'nope'/,
    ],
    [['evaluate', 'test-buk', '--answers', '{"duration":"yes"}'], 'unknown-question', /context question/],
    [['evaluate', 'test-buk', '--answers', '{"chock":"ja"}'], 'bad-answers', /"yes", "no" or "unsure"/],
    [['evaluate', 'test-buk', '--answers', '{chock: yes}'], 'bad-answers', /not valid JSON/],
    [['evaluate', 'test-buk', '--answers', '["chock"]'], 'bad-answers', /JSON object/],
    [
      ['evaluate', 'test-buk', '--answers', '{"test-andning":{"pipande":"yes"}}'],
      'bad-answers',
      /not one of the protocols/,
    ],
    [['evaluate', 'test-buk', '--age', 'tolv', '--answers', '{}'], 'bad-age', /from 0 to 130/],
    [['evaluate', 'test-buk', '--age', '200', '--answers', '{}'], 'bad-age', /from 0 to 130/],
    // Number() read these as 16 and 10, and parseArgs took -1 for an option: the age parser refuses them plainly.
    [['evaluate', 'test-buk', '--age', '0x10', '--answers', '{}'], 'bad-age', /'0x10' is not an age/],
    [['evaluate', 'test-buk', '--age', '1e1', '--answers', '{}'], 'bad-age', /'1e1' is not an age/],
    [['evaluate', 'test-buk', '--age', '-1', '--answers', '{}'], 'bad-age', /'-1' is not an age/],
    [['search', 'mage', '--age', ''], 'bad-age', /Give an age/],
    [['evaluate', 'test-buk', '--sex', 'okänd', '--answers', '{}'], 'bad-sex', /female or male/],
    [
      ['evaluate', 'test-buk', '--findings', '{"temperatureC": 50}', '--answers', '{}'],
      'bad-findings',
      /at most 43.5/,
    ],
    [['evaluate', 'test-buk'], 'bad-arguments', /needs --answers/],
    [['evaluate', 'test-buk', 'test-buk', '--answers', '{}'], 'bad-arguments', /given twice/],
    [['questions'], 'bad-arguments', /exactly one protocol id/],
    [['search'], 'bad-arguments', /needs the text/],
    [['search', 'mage', '--limit', '0'], 'bad-arguments', /--limit/],
    [['evaluate', 'test-buk', '--answers', '{}', '--colour'], 'bad-arguments', /--colour/],
    [['diagnose'], 'bad-arguments', /Unknown command 'diagnose'/],
  ])('%j fails with %s', async (argv, code, message) => {
    const result = await run(...argv);
    expect(result.code).toBe(2);
    expect(result.json).toEqual({ error: { code, message: expect.stringMatching(message) } });
  });

  it('says when a named protocol exists but is broken, and never reads outside the protocol folder', async () => {
    let err = '';
    const io = {
      out: () => undefined,
      err: (t: string) => (err += t),
      protocolDir: path.join(FIXTURES, 'broken'),
    };
    expect(await runTriageCli(['questions', 'bad-order'], io)).toBe(2);
    expect(JSON.parse(err)).toEqual({
      error: {
        code: 'protocol-invalid',
        message: expect.stringMatching(/questions\[1\]\.level: Questions must be in acuity order/),
      },
    });
    const outside = await run('questions', '../broken/bad-order');
    expect(outside.json).toMatchObject({ error: { code: 'unknown-protocol' } });
  });

  // Changed with call-wide question ids: an id asked in several protocols is one fact, answered once
  // (it used to be refused as ambiguous).
  it('applies one answer to a question id in every protocol of the call that asks it', async () => {
    const flat = await run(
      'evaluate',
      'test-buk',
      'test-andning',
      '--age',
      '40',
      '--answers',
      '{"feber":"yes"}',
    );
    expect(flat.code).toBe(0);
    const json = flat.json as {
      protocols: { id: string; questions: { id: string; answer: string | null }[] }[];
    };
    for (const protocol of json.protocols) {
      expect(protocol.questions.find((q) => q.id === 'feber')?.answer, protocol.id).toBe('yes');
    }
    expect(flat.json).toMatchObject({
      disposition: { level: 3, decidedBy: { protocolId: 'test-buk', questionId: 'feber' } },
    });
  });

  it('reads ages in weeks and months, and search leaves out protocols not for the patient, saying why', async () => {
    const infant = await run('evaluate', 'test-spadbarn', '--age', '7 v', '--answers', '{}');
    expect(infant.json).toMatchObject({ ageYears: (7 * 7) / 365.25, protocols: [{ applicable: true }] });
    const toddler = await run('evaluate', 'test-spadbarn', '--age', '18 mån', '--answers', '{}');
    expect(toddler.json).toMatchObject({ ageYears: 1.5, protocols: [{ applicable: false }] });
    const search = await run('search', 'feber', '--age', '40');
    const json = search.json as {
      results: { id: string }[];
      excluded: { id: string; reason: { reason: string } }[];
    };
    expect(json.results.map((r) => r.id)).not.toContain('test-spadbarn');
    expect(json.excluded).toContainEqual(
      expect.objectContaining({ id: 'test-spadbarn', reason: expect.objectContaining({ reason: 'age' }) }),
    );
  });

  it('search for only filler words still finds the protocols they begin ("ont i")', async () => {
    const { json } = await run('search', 'ont i');
    expect((json as { results: { id: string }[] }).results.map((r) => r.id)).toContain('test-buk');
  });

  it.each(['0x10', '1e1', '-1', '12 veckor och lite'])(
    '--age %s is refused with the accepted forms named, never read as another number',
    async (age) => {
      const { code, json } = await run('search', 'feber', '--age', age);
      expect(code).toBe(2);
      const message = (json as { error: { code: string; message: string } }).error.message;
      expect((json as { error: { code: string } }).error.code).toBe('bad-age');
      for (const form of ['"7 v"', '"18 mån"', '"2 år"', '"3 dagar"', 'whole number of years'])
        expect(message).toContain(form);
      expect(message).not.toMatch(/ambiguous/);
    },
  );

  it('--age -1 says an age cannot be negative', async () => {
    const { json } = await run('evaluate', 'test-buk', '--age', '-1', '--answers', '{}');
    expect(json).toMatchObject({
      error: { code: 'bad-age', message: expect.stringMatching(/cannot be negative/) },
    });
  });

  it('search "ont i" over the real library returns the pain protocols', async () => {
    let out = '';
    const code = await runTriageCli(['search', 'ont i', '--age', '40'], {
      out: (t) => (out += t),
      err: () => undefined,
    });
    expect(code).toBe(0);
    const ids = (JSON.parse(out) as { results: { id: string }[] }).results.map((r) => r.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids).toContain('halsont');
  });

  it('evaluate gives each question its state: yes, no, unsure or not asked', async () => {
    const { json } = await run(
      'evaluate',
      'test-buk',
      '--age',
      '40',
      '--answers',
      '{"chock":"no","feber":"unsure"}',
    );
    const questions =
      (json as { protocols: { questions: { id: string; kind: string; state?: string }[] }[] }).protocols[0]
        ?.questions ?? [];
    const state = (id: string) => questions.find((q) => q.id === id)?.state;
    expect(state('chock')).toBe('no');
    expect(state('feber')).toBe('unsure');
    const unanswered = questions.filter((q) => q.kind === 'question' && !['chock', 'feber'].includes(q.id));
    expect(unanswered.length).toBeGreaterThan(0);
    for (const q of unanswered) expect(q.state, q.id).toBe('not-asked');
    const yes = await run('evaluate', 'test-buk', '--age', '40', '--answers', '{"chock":"yes"}');
    const yesQuestions =
      (yes.json as { protocols: { questions: { id: string; state?: string }[] }[] }).protocols[0]
        ?.questions ?? [];
    expect(yesQuestions.find((q) => q.id === 'chock')?.state).toBe('yes');
  });

  it('evaluate prints every question state, why one is not asked, and the findings an open rule needs', async () => {
    const { json } = await run(
      'evaluate',
      'test-urin',
      '--age',
      '40',
      '--sex',
      'female',
      '--answers',
      '{"forvirrad":"no"}',
    );
    const questions =
      (json as { protocols: { questions: Record<string, unknown>[] }[] }).protocols[0]?.questions ?? [];
    expect(questions.find((q) => q.id === 'forvirrad')).toMatchObject({
      answer: 'no',
      countsAs: 'no',
      applicable: true,
    });
    expect(questions.find((q) => q.id === 'barn-sveda')).toMatchObject({
      applicable: false,
      notApplicable: 'when',
    });
    expect(questions.find((q) => q.id === 'man-med-besvar')).toMatchObject({ kind: 'rule', countsAs: 'no' });
    expect(json).toMatchObject({
      complete: false,
      findingsNeeded: expect.arrayContaining([
        expect.objectContaining({ finding: 'temperatureC', level: 2 }),
      ]),
      ruledOut: [expect.objectContaining({ id: 'forvirrad' })],
    });
  });

  it('runs as a real process: JSON on stdout, and errors as JSON on stderr with exit code 2', async () => {
    const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
    const [ok, failed] = await Promise.all([
      promisify(execFile)(tsx, ['scripts/triage.ts', 'questions', 'feber-vuxen'], { cwd: ROOT }),
      promisify(execFile)(tsx, ['scripts/triage.ts', 'questions', 'finns-inte'], { cwd: ROOT }).then(
        () => null,
        (error: { code: number; stderr: string; stdout: string }) => error,
      ),
    ]);
    expect(JSON.parse(ok.stdout)).toMatchObject({ id: 'feber-vuxen' });
    expect(failed?.code).toBe(2);
    expect(failed?.stdout).toBe('');
    expect(JSON.parse(failed?.stderr ?? '')).toMatchObject({ error: { code: 'unknown-protocol' } });
  });
});
