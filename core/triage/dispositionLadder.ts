// The disposition ladder: the six urgency levels every triage and referral decision is expressed in.
//
// Brådskegrad (urgency) is stored as the level number; its time frame, default care level and colour
// come from this one table, so a protocol, the note, the case list and the referral ranking always agree.

export const DISPOSITION_LEVELS = [1, 2, 3, 4, 5, 6] as const;
export type DispositionLevel = (typeof DISPOSITION_LEVELS)[number];

/** Care levels a disposition can point to (care types of the regional service catalog, plus self-care). */
export const CARE_LEVELS = [
  'ambulans',
  'akutmottagning',
  'barnakut',
  'narakut',
  'jourcentral',
  'vardcentral',
  'psykiatrisk-akutmottagning',
  'tandvardsjour',
  'digital-vardcentral',
  'egenvard',
] as const;
export type CareLevel = (typeof CARE_LEVELS)[number];

export type ColorMode = 'light' | 'dark';

/** How a level is drawn: its background, the text on it, and a darker edge so light tones keep a shape. */
export interface LevelColors {
  background: string;
  text: string;
  border: string;
}

export interface DispositionStep {
  level: DispositionLevel;
  label: { sv: string; en: string };
  /** Longest time until the patient should be seen, in minutes; null for self-care. */
  timeFrameMinutes: number | null;
  timeFrameText: { sv: string; en: string };
  defaultCareLevel: CareLevel;
  /** Comparable codes, for traceability against other triage systems. */
  comparable: { nhsPathways: string; infermedica: string };
  /**
   * The level's one colour, wherever it is shown (triage, note, case list, referral, chips): red, orange,
   * amber, yellow-green, blue, green. Text on the background keeps 4.5:1 (WCAG AA) in both modes; at
   * night saturated dark tones vanish, so dark mode uses lighter tones with near-black text.
   */
  colors: Readonly<Record<ColorMode, LevelColors>>;
}

export const DISPOSITION_LADDER: Readonly<Record<DispositionLevel, DispositionStep>> = {
  1: {
    level: 1,
    label: { sv: 'Ring 112 nu', en: 'Call 112 now' },
    timeFrameMinutes: 0,
    timeFrameText: { sv: 'Omedelbart', en: 'Immediately' },
    defaultCareLevel: 'ambulans',
    comparable: {
      nhsPathways: 'Dx01–Dx02 (emergency ambulance response)',
      infermedica: 'emergency_ambulance',
    },
    colors: {
      light: { background: '#b71c1c', text: '#ffffff', border: '#7f0000' },
      dark: { background: '#ff8a80', text: '#111111', border: '#ffb3ad' },
    },
  },
  2: {
    level: 2,
    label: { sv: 'Omgående', en: 'At once' },
    timeFrameMinutes: 60,
    timeFrameText: { sv: 'Inom 1 timme', en: 'Within 1 hour' },
    defaultCareLevel: 'akutmottagning',
    comparable: {
      nhsPathways: 'Dx02–Dx03 (attend emergency department within 1 h)',
      infermedica: 'emergency',
    },
    colors: {
      light: { background: '#ef6c00', text: '#111111', border: '#a84a00' },
      dark: { background: '#ff9e40', text: '#111111', border: '#ffc285' },
    },
  },
  3: {
    level: 3,
    label: { sv: 'Skyndsamt', en: 'Urgent' },
    timeFrameMinutes: 4 * 60,
    timeFrameText: { sv: 'Inom några timmar', en: 'Within a few hours' },
    defaultCareLevel: 'narakut',
    comparable: { nhsPathways: 'Dx05–Dx06 (primary care within 2–6 h)', infermedica: 'consultation_24' },
    colors: {
      light: { background: '#ffc400', text: '#111111', border: '#a67f00' },
      dark: { background: '#ffd54f', text: '#111111', border: '#ffe58a' },
    },
  },
  4: {
    level: 4,
    label: { sv: 'Inom ett dygn', en: 'Within 24 hours' },
    timeFrameMinutes: 24 * 60,
    timeFrameText: { sv: 'Inom 24 timmar', en: 'Within 24 hours' },
    defaultCareLevel: 'vardcentral',
    comparable: { nhsPathways: 'Dx11–Dx12 (primary care within 12–24 h)', infermedica: 'consultation_24' },
    colors: {
      light: { background: '#8bc34a', text: '#111111', border: '#557a2b' },
      dark: { background: '#c5e17a', text: '#111111', border: '#dcedaa' },
    },
  },
  5: {
    level: 5,
    label: { sv: 'Vardag närmaste tiden', en: 'Routine, next weekdays' },
    timeFrameMinutes: 14 * 24 * 60,
    timeFrameText: { sv: 'Inom dagar till veckor', en: 'Within days to weeks' },
    defaultCareLevel: 'vardcentral',
    comparable: { nhsPathways: 'Dx75 (routine appointment)', infermedica: 'consultation' },
    colors: {
      light: { background: '#1565c0', text: '#ffffff', border: '#0d3f7a' },
      dark: { background: '#8cb8ff', text: '#111111', border: '#b8d3ff' },
    },
  },
  6: {
    level: 6,
    label: { sv: 'Egenvård', en: 'Self-care' },
    timeFrameMinutes: null,
    timeFrameText: { sv: '—', en: '—' },
    defaultCareLevel: 'egenvard',
    comparable: { nhsPathways: 'Dx35 (self-care)', infermedica: 'self_care' },
    colors: {
      light: { background: '#2e7d32', text: '#ffffff', border: '#1b4d1e' },
      dark: { background: '#7fd18b', text: '#111111', border: '#acdfb3' },
    },
  },
};

/** The colours a level is drawn in, in day (light) or night (dark) mode. */
export function levelColors(level: DispositionLevel, mode: ColorMode): LevelColors {
  return DISPOSITION_LADDER[level].colors[mode];
}

export function isDispositionLevel(value: unknown): value is DispositionLevel {
  return typeof value === 'number' && (DISPOSITION_LEVELS as readonly number[]).includes(value);
}

/** The more urgent of two levels (a lower number is more urgent). */
export function mostUrgent(a: DispositionLevel, b: DispositionLevel): DispositionLevel {
  return a <= b ? a : b;
}
