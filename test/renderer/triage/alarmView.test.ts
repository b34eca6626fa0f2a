// Alarm words of a case: read from what the nurse wrote, not from the protocols' own pre-filled texts, and only while the level does not answer them.
import { describe, expect, it } from 'vitest';
import { caseAlarms, unansweredAlarms } from '../../../renderer/src/features/triage/alarmView';

const draft = (
  fields: Partial<Record<'kontaktorsak' | 'bedomning' | 'hanvisning', string>>,
  prefilled = '',
) => ({
  fields: { kontaktorsak: '', bedomning: '', rad: '', hanvisning: '', bradskegrad: null, ...fields },
  prefilled: { bedomning: prefilled },
});

describe('caseAlarms', () => {
  it('reads the caller’s words and the nurse’s own assessment lines, not the pre-filled ones', () => {
    const prefill = 'Uteslutet: Medvetslös, Kramper.';
    const alarms = caseAlarms(
      draft(
        { kontaktorsak: 'Hon andas inte normalt', bedomning: `${prefill}\nMamma säger att hon är blå` },
        prefill,
      ),
      [],
    );
    expect(alarms.map((a) => [a.id, a.source])).toEqual([
      ['andas-inte', 'kontaktorsak'],
      ['bla', 'bedomning'],
    ]);
  });

  it('reads the triage context answers too, and names each alarm once', () => {
    const answers = [
      {
        protocolId: 'krampanfall',
        questionId: 'hur-lange',
        value: 'kramper i fem minuter',
        answeredAt: '2026-12-08T01:00:00Z',
      },
    ];
    const alarms = caseAlarms(draft({ kontaktorsak: 'kramper' }), answers);
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatchObject({ id: 'kramper', source: 'kontaktorsak' });
    expect(caseAlarms(null, answers)[0]).toMatchObject({ id: 'kramper', source: 'context' });
  });

  it('keeps an alarm only while the level in force is less urgent than the alarm', () => {
    const alarms = caseAlarms(draft({ kontaktorsak: 'medvetslös, pratar om självmord' }), []);
    expect(unansweredAlarms(alarms, 3).map((a) => a.id)).toEqual(['medvetslos', 'sjalvmord']);
    expect(unansweredAlarms(alarms, 2).map((a) => a.id)).toEqual(['medvetslos']);
    expect(unansweredAlarms(alarms, 1)).toEqual([]);
    expect(unansweredAlarms(alarms, null)).toHaveLength(2);
  });
});
