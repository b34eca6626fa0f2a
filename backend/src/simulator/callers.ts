// Who the simulated callers are: phone-menu data as a Swedish advice line sees it, with generated (never real) numbers.
import { PHONE_MENU_QUESTIONS, PHONE_MENU_QUESTION_CODES } from '../../../core/queue/phoneMenu';
import type { TelephonyCallEnteredRequest } from '../../../core/backend-api/calls';
import type { PhoneMenuAnswerInput, PhoneMenuQuestionCode } from '../../../core/queue/phoneMenu';
import { generateRandomPersonnummer } from '../../../core/identity/testNumbers';
import type { Rng } from '../../../core/identity/testNumbers';

/** Default share of callers whose phone-menu answers raise a red flag (advice lines see about 5–8 %). */
export const DEFAULT_RED_FLAG_SHARE = 0.06;

/** Phone-menu language choices: mostly Swedish, some English, Arabic, Somali and Finnish. */
export const CALLER_LANGUAGES: ReadonlyArray<{ language: string; share: number }> = [
  { language: 'sv', share: 0.87 },
  { language: 'en', share: 0.05 },
  { language: 'ar', share: 0.04 },
  { language: 'so', share: 0.02 },
  { language: 'fi', share: 0.02 },
];

/**
 * Caller numbers from the series the Swedish Post and Telecom Authority (PTS) keeps for fiction
 * (070-174 06 05 to 070-174 06 99, 031-390 06 00 to 031-390 06 99, 040-628 04 00 to 040-628 04 99):
 * they never belong to anyone.
 */
export function fictionalPhoneNumber(rng: Rng): string {
  const series = Math.floor(rng() * 3);
  if (series === 0) return `+4670174${String(605 + Math.floor(rng() * 95)).padStart(4, '0')}`;
  if (series === 1) return `+46313900${String(600 + Math.floor(rng() * 100))}`;
  return `+46406280${String(400 + Math.floor(rng() * 100))}`;
}

export interface SimulatedCaller {
  call: Omit<TelephonyCallEnteredRequest, 'externalRef' | 'regionId'>;
  /** How long this caller waits before hanging up, if nobody answers. */
  patienceSeconds: number;
  redFlag: boolean;
}

export interface CallerOptions {
  rng: Rng;
  today: Date;
  redFlagShare?: number;
  /** Share of callers who key a personnummer in the phone menu. */
  personnummerShare?: number;
}

const RED_FLAG_QUESTIONS = PHONE_MENU_QUESTION_CODES.filter(
  (code) => (PHONE_MENU_QUESTIONS[code] as { redFlag?: string }).redFlag !== undefined,
);

/** How often each non-red-flag question is answered yes. */
const YES_SHARE: Partial<Record<PhoneMenuQuestionCode, number>> = {
  'severe-pain': 0.08,
  'high-fever': 0.15,
  worsening: 0.2,
};

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)]!;
}

/** A log-normal wait: most callers give up after a few minutes, a few wait very long. */
function patience(rng: Rng, medianSeconds: number): number {
  // Box–Muller; 1 − rng() keeps the logarithm finite.
  const normal = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  return Math.round(Math.min(3 * 3600, Math.max(15, medianSeconds * Math.exp(0.8 * normal))));
}

export function simulatedCaller(options: CallerOptions): SimulatedCaller {
  const { rng } = options;
  const redFlag = rng() < (options.redFlagShare ?? DEFAULT_RED_FLAG_SHARE);
  const flagged = redFlag ? pick(rng, RED_FLAG_QUESTIONS) : null;
  const answers: PhoneMenuAnswerInput[] = PHONE_MENU_QUESTION_CODES.map((code) => {
    // A few callers press nothing for a question.
    if (code !== flagged && rng() < 0.02) return { code, answer: 'no-answer' };
    if (code === flagged) return { code, answer: 'yes' };
    if (RED_FLAG_QUESTIONS.includes(code)) return { code, answer: 'no' };
    return { code, answer: rng() < (YES_SHARE[code] ?? 0) ? 'yes' : 'no' };
  });
  let language = 'sv';
  let roll = rng();
  for (const option of CALLER_LANGUAGES) {
    if (roll < option.share) {
      language = option.language;
      break;
    }
    roll -= option.share;
  }
  const keyed = rng() < (options.personnummerShare ?? 0.75);
  return {
    call: {
      callerNumber: fictionalPhoneNumber(rng),
      ...(keyed
        ? {
            personnummer: generateRandomPersonnummer({ today: options.today, rng, samordningShare: 0.01 })
              .normalized,
          }
        : {}),
      language,
      answers,
    },
    patienceSeconds: patience(rng, redFlag ? 180 : 300),
    redFlag,
  };
}
