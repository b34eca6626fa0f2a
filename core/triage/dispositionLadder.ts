// The disposition ladder: the six urgency levels every triage and referral decision is expressed in.
//
// Brådskegrad (urgency) is stored as the level number; its time frame and default care level come
// from this one table, so a protocol, the note and the referral ranking always agree.

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

export interface DispositionStep {
  level: DispositionLevel;
  label: { sv: string; en: string };
  /** Longest time until the patient should be seen, in minutes; null for self-care. */
  timeFrameMinutes: number | null;
  timeFrameText: { sv: string; en: string };
  defaultCareLevel: CareLevel;
  /** Comparable codes, for traceability against other triage systems. */
  comparable: { nhsPathways: string; infermedica: string };
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
  },
  3: {
    level: 3,
    label: { sv: 'Skyndsamt', en: 'Urgent' },
    timeFrameMinutes: 4 * 60,
    timeFrameText: { sv: 'Inom några timmar', en: 'Within a few hours' },
    defaultCareLevel: 'narakut',
    comparable: { nhsPathways: 'Dx05–Dx06 (primary care within 2–6 h)', infermedica: 'consultation_24' },
  },
  4: {
    level: 4,
    label: { sv: 'Inom ett dygn', en: 'Within 24 hours' },
    timeFrameMinutes: 24 * 60,
    timeFrameText: { sv: 'Inom 24 timmar', en: 'Within 24 hours' },
    defaultCareLevel: 'vardcentral',
    comparable: { nhsPathways: 'Dx11–Dx12 (primary care within 12–24 h)', infermedica: 'consultation_24' },
  },
  5: {
    level: 5,
    label: { sv: 'Vardag närmaste tiden', en: 'Routine, next weekdays' },
    timeFrameMinutes: 14 * 24 * 60,
    timeFrameText: { sv: 'Inom dagar till veckor', en: 'Within days to weeks' },
    defaultCareLevel: 'vardcentral',
    comparable: { nhsPathways: 'Dx75 (routine appointment)', infermedica: 'consultation' },
  },
  6: {
    level: 6,
    label: { sv: 'Egenvård', en: 'Self-care' },
    timeFrameMinutes: null,
    timeFrameText: { sv: '—', en: '—' },
    defaultCareLevel: 'egenvard',
    comparable: { nhsPathways: 'Dx35 (self-care)', infermedica: 'self_care' },
  },
};

export function isDispositionLevel(value: unknown): value is DispositionLevel {
  return typeof value === 'number' && (DISPOSITION_LEVELS as readonly number[]).includes(value);
}

/** The more urgent of two levels (a lower number is more urgent). */
export function mostUrgent(a: DispositionLevel, b: DispositionLevel): DispositionLevel {
  return a <= b ? a : b;
}
