// Alarm words in what the caller says: found in everyday wording, not when negated, and not in words that merely contain them.
import { describe, expect, it } from 'vitest';
import { ALARM_WORDS, findAlarmWords } from '../../../core/triage/alarmWords';

const ids = (text: string) => findAlarmWords(text).map((hit) => hit.id);

describe('findAlarmWords', () => {
  it('finds the alarm words of the issue in a caller’s wording, with the words as written', () => {
    expect(ids('Min man andas inte ordentligt')).toEqual(['andas-inte']);
    expect(ids('Hon är MEDVETSLÖS på golvet')).toEqual(['medvetslos']);
    expect(ids('Bebisen är blå runt munnen')).toEqual(['bla']);
    expect(ids('Han fick kramper i natt')).toEqual(['kramper']);
    expect(ids('Pratar om självmord')).toEqual(['sjalvmord']);
    expect(findAlarmWords('Hon är Medvetslös och blå')).toMatchObject([
      { id: 'medvetslos', found: 'Medvetslös', level: 1 },
      { id: 'bla', found: 'blå', level: 1 },
    ]);
  });

  it('ignores a word the caller denies', () => {
    expect(ids('Inte medvetslös, pratar som vanligt')).toEqual([]);
    expect(ids('ingen kramp, inga utslag')).toEqual([]);
    expect(ids('Har aldrig haft självmordstankar')).toEqual([]);
    // A negation further back does not cancel it.
    expect(ids('Inte varit sjuk tidigare men nu är hon medvetslös')).toEqual(['medvetslos']);
  });

  it('does not fire on words that only contain an alarm word', () => {
    expect(ids('Blåmärke på benet efter ett fall')).toEqual([]);
    expect(ids('Blåsbesvär och sveda')).toEqual([]);
    expect(ids('Ont i magen sedan i morse')).toEqual([]);
  });

  it('names each alarm once and keeps every entry well formed', () => {
    expect(ids('kramper, kramper och mer kramp')).toEqual(['kramper']);
    for (const alarm of ALARM_WORDS) {
      expect(alarm.phrases.length).toBeGreaterThan(0);
      for (const phrase of alarm.phrases) expect(phrase).toMatch(/^[a-z0-9 *]+$/);
    }
  });
});
