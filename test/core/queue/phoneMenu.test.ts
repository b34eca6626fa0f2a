// The phone menu's pre-assessment: which answers raise red flags and which urgency class a call queues with.
import { describe, expect, it } from 'vitest';
import {
  assessPhoneMenu,
  PHONE_MENU_QUESTION_CODES,
  PHONE_MENU_QUESTIONS,
  type PhoneMenuQuestion,
} from '../../../core/queue/phoneMenu';

describe('assessPhoneMenu', () => {
  it('queues a caller who answered no to everything as green', () => {
    const { urgencyClass, preAssessment } = assessPhoneMenu([
      { code: 'chest-pain', answer: 'no' },
      { code: 'worsening', answer: 'no' },
    ]);
    expect(urgencyClass).toBe('green');
    expect(preAssessment.redFlags).toEqual([]);
  });

  it('makes a yes to a red-flag question red, with the flag', () => {
    const { urgencyClass, preAssessment } = assessPhoneMenu([{ code: 'chest-pain', answer: 'yes' }]);
    expect(urgencyClass).toBe('red');
    expect(preAssessment.redFlags.map((flag) => flag.code)).toEqual(['chest-pain']);
  });

  it('queues "Inget svar" on chest pain as at least yellow, without claiming the red flag', () => {
    const { urgencyClass, preAssessment } = assessPhoneMenu([
      { code: 'chest-pain', answer: 'no-answer' },
      { code: 'worsening', answer: 'no' },
    ]);
    expect(urgencyClass).toBe('yellow');
    expect(preAssessment.redFlags).toEqual([]);
    expect(preAssessment.answers[0]).toMatchObject({ code: 'chest-pain', answer: 'no-answer' });
  });

  it('queues an unanswered red-flag question as at least yellow for every red-flag question', () => {
    const redFlagQuestions = PHONE_MENU_QUESTION_CODES.filter(
      (code) => (PHONE_MENU_QUESTIONS[code] as PhoneMenuQuestion).redFlag !== undefined,
    );
    expect(redFlagQuestions.length).toBeGreaterThan(5);
    for (const code of redFlagQuestions) {
      expect(assessPhoneMenu([{ code, answer: 'no-answer' }]).urgencyClass, code).toBe('yellow');
    }
  });

  it('keeps a higher class given by the caller or another answer', () => {
    expect(assessPhoneMenu([{ code: 'chest-pain', answer: 'no-answer' }], 'orange').urgencyClass).toBe(
      'orange',
    );
    expect(
      assessPhoneMenu([
        { code: 'chest-pain', answer: 'no-answer' },
        { code: 'breathing-difficulty', answer: 'yes' },
      ]).urgencyClass,
    ).toBe('red');
  });

  it('leaves an unanswered question that raises no red flag as it was', () => {
    expect(assessPhoneMenu([{ code: 'worsening', answer: 'no-answer' }]).urgencyClass).toBe('green');
  });
});
