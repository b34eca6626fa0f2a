// The phone menu (IVR): the pre-assessment questions it may ask, the red flags they raise and the urgency they give.
import { z } from 'zod';
import { RedFlagSchema } from './priority';
import type { RedFlag, UrgencyClass } from './priority';

/** Red flags the phone menu can raise; any of them makes the call red and alerts every available nurse. */
export const RED_FLAGS = {
  'chest-pain': { sv: 'Bröstsmärta', en: 'Chest pain' },
  'breathing-difficulty': { sv: 'Andningssvårigheter', en: 'Breathing difficulty' },
  'stroke-signs': { sv: 'Strokesymtom', en: 'Stroke signs' },
  'reduced-consciousness': { sv: 'Medvetandepåverkan', en: 'Reduced consciousness' },
  'severe-bleeding': { sv: 'Kraftig blödning', en: 'Severe bleeding' },
  'severe-allergic-reaction': { sv: 'Svår allergisk reaktion', en: 'Severe allergic reaction' },
  'infant-fever': { sv: 'Feber hos spädbarn under 3 månader', en: 'Fever in an infant under 3 months' },
} as const satisfies Record<string, RedFlag['label']>;
export type RedFlagCode = keyof typeof RED_FLAGS;
export const RED_FLAG_CODES = Object.keys(RED_FLAGS) as RedFlagCode[];

export function redFlag(code: RedFlagCode): RedFlag {
  return { code, label: RED_FLAGS[code] };
}

export interface PhoneMenuQuestion {
  question: { sv: string; en: string };
  /** A "yes" raises this red flag (and makes the call red). */
  redFlag?: RedFlagCode;
  /** Urgency class a "yes" gives at least. */
  urgencyIfYes: UrgencyClass;
}

/** The pre-assessment questions of the phone menu, by code. Regions' phone menus ask a subset. */
export const PHONE_MENU_QUESTIONS = {
  'chest-pain': {
    question: { sv: 'Har du ont i bröstet just nu?', en: 'Do you have chest pain right now?' },
    redFlag: 'chest-pain',
    urgencyIfYes: 'red',
  },
  'breathing-difficulty': {
    question: { sv: 'Har du svårt att andas?', en: 'Are you having difficulty breathing?' },
    redFlag: 'breathing-difficulty',
    urgencyIfYes: 'red',
  },
  'stroke-signs': {
    question: {
      sv: 'Har du plötsligt fått hängande mungipa, sluddrigt tal eller svaghet i en arm eller ett ben?',
      en: 'Has there been sudden facial droop, slurred speech or weakness in an arm or a leg?',
    },
    redFlag: 'stroke-signs',
    urgencyIfYes: 'red',
  },
  'reduced-consciousness': {
    question: {
      sv: 'Är den sjuka svår att väcka eller ovanligt förvirrad?',
      en: 'Is the sick person hard to wake or unusually confused?',
    },
    redFlag: 'reduced-consciousness',
    urgencyIfYes: 'red',
  },
  'severe-bleeding': {
    question: { sv: 'Blöder det kraftigt just nu?', en: 'Is there heavy bleeding right now?' },
    redFlag: 'severe-bleeding',
    urgencyIfYes: 'red',
  },
  'severe-allergic-reaction': {
    question: {
      sv: 'Har du svullnad i ansikte, mun eller svalg efter något du ätit eller fått i dig?',
      en: 'Is there swelling of the face, mouth or throat after something eaten or taken?',
    },
    redFlag: 'severe-allergic-reaction',
    urgencyIfYes: 'red',
  },
  'infant-fever': {
    question: {
      sv: 'Gäller samtalet ett barn yngre än 3 månader som har feber?',
      en: 'Is the call about a baby younger than 3 months with a fever?',
    },
    redFlag: 'infant-fever',
    urgencyIfYes: 'red',
  },
  'severe-pain': {
    question: { sv: 'Har du mycket svår smärta?', en: 'Are you in very severe pain?' },
    urgencyIfYes: 'orange',
  },
  'high-fever': {
    question: { sv: 'Har du hög feber (över 39 °C)?', en: 'Do you have a high fever (over 39 °C)?' },
    urgencyIfYes: 'yellow',
  },
  worsening: {
    question: {
      sv: 'Har besvären blivit tydligt värre det senaste dygnet?',
      en: 'Have the symptoms clearly worsened in the last 24 hours?',
    },
    urgencyIfYes: 'yellow',
  },
} as const satisfies Record<string, PhoneMenuQuestion>;
export type PhoneMenuQuestionCode = keyof typeof PHONE_MENU_QUESTIONS;
export const PHONE_MENU_QUESTION_CODES = Object.keys(PHONE_MENU_QUESTIONS) as PhoneMenuQuestionCode[];

export const PHONE_MENU_ANSWERS = ['yes', 'no', 'no-answer'] as const;

const QuestionCodeSchema = z.enum(PHONE_MENU_QUESTION_CODES, {
  error: `Unknown phone-menu question; known codes: ${PHONE_MENU_QUESTION_CODES.join(', ')}`,
});

/** One answer as the phone platform reports it. */
export const PhoneMenuAnswerInputSchema = z.object({
  code: QuestionCodeSchema,
  answer: z.enum(PHONE_MENU_ANSWERS, { error: 'answer must be yes, no or no-answer' }),
});
export type PhoneMenuAnswerInput = z.infer<typeof PhoneMenuAnswerInputSchema>;

/** One answer as a nurse reads it, with the question asked. */
export const PhoneMenuAnswerSchema = PhoneMenuAnswerInputSchema.extend({
  question: z.object({ sv: z.string(), en: z.string() }),
});
export type PhoneMenuAnswer = z.infer<typeof PhoneMenuAnswerSchema>;

/** The phone menu's pre-assessment: answers in the order asked and the red flags they raised. */
export const PreAssessmentSchema = z.object({
  answers: z.array(PhoneMenuAnswerSchema),
  redFlags: z.array(RedFlagSchema),
});
export type PreAssessment = z.infer<typeof PreAssessmentSchema>;

/**
 * The least urgency of a call whose caller gave no answer to a red-flag question: an unanswered "chest
 * pain?" is not ruled out, so the caller must not wait as green behind everyone who answered "no".
 */
export const UNANSWERED_RED_FLAG_URGENCY: UrgencyClass = 'yellow';

const URGENCY_RANK: Readonly<Record<UrgencyClass, number>> = { red: 0, orange: 1, yellow: 2, green: 3 };

/** The more urgent of two classes. */
export function moreUrgent(a: UrgencyClass, b: UrgencyClass): UrgencyClass {
  return URGENCY_RANK[a] <= URGENCY_RANK[b] ? a : b;
}

/**
 * Reads the phone menu's answers: red flags raised and the urgency class they give (green when
 * nothing points higher; at least yellow when a red-flag question went unanswered). A caller-given
 * class can only raise it, never lower a red flag. The backend's call intake queues every call by this.
 */
export function assessPhoneMenu(
  answers: readonly PhoneMenuAnswerInput[],
  atLeast: UrgencyClass = 'green',
): { preAssessment: PreAssessment; urgencyClass: UrgencyClass } {
  let urgencyClass = atLeast;
  const redFlags: RedFlag[] = [];
  const full = answers.map((answer): PhoneMenuAnswer => {
    const question: PhoneMenuQuestion = PHONE_MENU_QUESTIONS[answer.code];
    if (answer.answer === 'yes') {
      urgencyClass = moreUrgent(urgencyClass, question.urgencyIfYes);
      if (question.redFlag !== undefined && !redFlags.some((flag) => flag.code === question.redFlag)) {
        redFlags.push(redFlag(question.redFlag));
      }
    } else if (answer.answer === 'no-answer' && question.redFlag !== undefined) {
      urgencyClass = moreUrgent(urgencyClass, UNANSWERED_RED_FLAG_URGENCY);
    }
    return { ...answer, question: { ...question.question } };
  });
  return { preAssessment: { answers: full, redFlags }, urgencyClass };
}
