// The triage evaluation: standardized vignettes run through the real search and engine, scored as appropriate, under- or over-triaged.
//
// A vignette says who calls (age, sex, findings), what they say first (the complaint, searched as a
// nurse would), which questions they would answer "yes" or "osäker" (every other question is "no"),
// and which levels are acceptable. Pure: the CLI, tests and benchmarks pass parsed vignettes and protocols.
import { z } from 'zod';
import { parseAge } from './ageBands';
import { DISPOSITION_LEVELS } from './dispositionLadder';
import type { DispositionLevel } from './dispositionLadder';
import { evaluateTriage } from './engine';
import type { TriageAnswerInput } from './engineTypes';
import { PatientSexSchema, TriageFindingsSchema } from './findings';
import { askedQuestions } from './protocol';
import type { Protocol } from './protocol';
import { createProtocolSearch } from './search';

export const VIGNETTE_CLASSES = ['emergency', 'care', 'selfcare'] as const;
export type VignetteClass = (typeof VIGNETTE_CLASSES)[number];

const level = z.literal(DISPOSITION_LEVELS, { error: 'A level is a whole number from 1 to 6.' });
const plainList = z.array(z.string()).optional();

export const EvalVignetteSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Vignette id must be kebab-case ASCII.'),
    class: z.enum(VIGNETTE_CLASSES, { error: 'class must be emergency, care or selfcare.' }),
    story: z.string().min(1, 'story is empty.'),
    complaint: z.string().trim().min(1, "complaint (the caller's first words) is empty."),
    age: z.union([z.string(), z.number()]).transform((value, ctx) => {
      const parsed = parseAge(String(value));
      if (parsed.ok) return parsed.ageYears;
      ctx.addIssue({ code: 'custom', message: parsed.message.en });
      return z.NEVER;
    }),
    sex: PatientSexSchema,
    findings: TriageFindingsSchema.optional(),
    facts: plainList,
    denies: plainList,
    cannotTell: plainList,
    ideal: level,
    acceptable: z.array(level).min(1, 'acceptable needs at least one level.'),
    rationale: z.string().optional(),
    protocols: z.array(z.string().min(1)).min(1).optional(),
    answers: z
      .record(z.string(), z.enum(['yes', 'unsure'], { error: 'An answer is yes or unsure.' }))
      .optional(),
  })
  .refine((v) => v.acceptable.includes(v.ideal), { error: 'ideal must be one of the acceptable levels.' });
export type EvalVignette = z.infer<typeof EvalVignetteSchema>;

/** Parses a vignette file's list, naming each bad vignette by its id or position. */
export function parseVignettes(data: unknown, source: string): EvalVignette[] {
  if (!Array.isArray(data)) throw new Error(`${source}: a vignette file holds a YAML list of vignettes.`);
  return data.map((item, i) => {
    const parsed = EvalVignetteSchema.safeParse(item);
    if (parsed.success) return parsed.data;
    const id = (item as { id?: unknown } | null)?.id;
    const issues = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || 'vignette'}: ${issue.message}`,
    );
    throw new Error(
      `${source}: vignette ${typeof id === 'string' ? `'${id}'` : `#${i + 1}`}: ${issues.join('; ')}`,
    );
  });
}

export interface VignetteOutcome {
  id: string;
  class: VignetteClass;
  /** unmapped: no `answers` yet, left out of the figures; error: the vignette cannot be run as written. */
  status: 'scored' | 'unmapped' | 'error';
  protocolIds: string[];
  level: DispositionLevel | null;
  ideal: DispositionLevel;
  acceptable: DispositionLevel[];
  appropriate: boolean;
  /** More urgent than every acceptable level / less urgent than every acceptable level. */
  overTriaged: boolean;
  underTriaged: boolean;
  decidedBy: { protocolId: string; questionId: string | null; viaUnsure: boolean } | null;
  /** False when rules or questions were left open (a finding the vignette does not give). */
  complete: boolean;
  error: string | null;
}

export interface ClassFigures {
  scored: number;
  appropriate: number;
  /** Share appropriate, 0–1; null when nothing was scored. */
  share: number | null;
}

export interface EvaluationSummary {
  outcomes: VignetteOutcome[];
  scored: number;
  unmapped: number;
  errors: number;
  appropriate: number;
  share: number | null;
  perClass: Record<VignetteClass, ClassFigures>;
  /** Emergencies given a less urgent level than acceptable, by id. */
  underTriagedEmergencies: string[];
  overTriaged: { count: number; share: number | null };
}

/** Runs every vignette through protocol choice (search, unless it names the protocols) and the engine. */
export function evaluateVignettes(
  vignettes: readonly EvalVignette[],
  library: readonly Protocol[],
): EvaluationSummary {
  const search = createProtocolSearch(library);
  const byId = new Map(library.map((p) => [p.id, p]));
  const outcomes = vignettes.map((vignette) => evaluateVignette(vignette, byId, search));
  const scored = outcomes.filter((o) => o.status === 'scored');
  const perClass = Object.fromEntries(
    VIGNETTE_CLASSES.map((cls) => [cls, figures(scored.filter((o) => o.class === cls))]),
  ) as Record<VignetteClass, ClassFigures>;
  const over = scored.filter((o) => o.overTriaged).length;
  return {
    outcomes,
    scored: scored.length,
    unmapped: outcomes.filter((o) => o.status === 'unmapped').length,
    errors: outcomes.filter((o) => o.status === 'error').length,
    appropriate: scored.filter((o) => o.appropriate).length,
    share: figures(scored).share,
    perClass,
    underTriagedEmergencies: scored.filter((o) => o.class === 'emergency' && o.underTriaged).map((o) => o.id),
    overTriaged: { count: over, share: scored.length === 0 ? null : over / scored.length },
  };
}

function figures(outcomes: readonly VignetteOutcome[]): ClassFigures {
  const appropriate = outcomes.filter((o) => o.appropriate).length;
  return {
    scored: outcomes.length,
    appropriate,
    share: outcomes.length === 0 ? null : appropriate / outcomes.length,
  };
}

function evaluateVignette(
  vignette: EvalVignette,
  library: ReadonlyMap<string, Protocol>,
  search: ReturnType<typeof createProtocolSearch>,
): VignetteOutcome {
  const base: VignetteOutcome = {
    id: vignette.id,
    class: vignette.class,
    status: 'unmapped',
    protocolIds: [],
    level: null,
    ideal: vignette.ideal,
    acceptable: vignette.acceptable,
    appropriate: false,
    overTriaged: false,
    underTriaged: false,
    decidedBy: null,
    complete: false,
    error: null,
  };
  const patient = { ageYears: vignette.age, sex: vignette.sex };
  const protocolIds =
    vignette.protocols ?? search.search(vignette.complaint, { ...patient, limit: 1 }).map((hit) => hit.id);
  base.protocolIds = protocolIds;
  if (vignette.answers === undefined) return base;
  const fail = (error: string): VignetteOutcome => ({ ...base, status: 'error', error });
  if (protocolIds.length === 0) return fail(`No protocol found for the complaint '${vignette.complaint}'.`);
  const protocols: Protocol[] = [];
  for (const id of protocolIds) {
    const protocol = library.get(id);
    if (!protocol) return fail(`There is no protocol '${id}'.`);
    protocols.push(protocol);
  }
  const asked = new Set(protocols.flatMap((p) => askedQuestions(p).map((q) => q.id)));
  const unknownIds = Object.keys(vignette.answers).filter((id) => !asked.has(id));
  if (unknownIds.length > 0) {
    return fail(
      `answers name ${unknownIds.map((id) => `'${id}'`).join(', ')}, which ${protocolIds.join(', ')} do not ask.`,
    );
  }
  // One answer per question id for the call: the protocol that first asks it carries it.
  const answers: TriageAnswerInput[] = [];
  for (const id of asked) {
    const protocol = protocols.find((p) => askedQuestions(p).some((q) => q.id === id)) as Protocol;
    answers.push({ protocolId: protocol.id, questionId: id, value: vignette.answers[id] ?? 'no' });
  }
  const result = evaluateTriage({
    protocols,
    answers,
    ageYears: vignette.age,
    sex: vignette.sex,
    findings: vignette.findings ?? {},
  });
  const disposition = result.disposition;
  if (!disposition) return fail(`None of ${protocolIds.join(', ')} applies to the patient.`);
  const got = disposition.level;
  return {
    ...base,
    status: 'scored',
    level: got,
    appropriate: vignette.acceptable.includes(got),
    overTriaged: got < Math.min(...vignette.acceptable),
    underTriaged: got > Math.max(...vignette.acceptable),
    decidedBy: {
      protocolId: disposition.decidedBy.protocolId,
      questionId: disposition.decidedBy.questionId,
      viaUnsure: disposition.viaUnsure,
    },
    complete: result.complete,
  };
}

/** A share as the report prints it: one decimal, e.g. "93.5 %". */
export function formatShare(share: number | null): string {
  return share === null ? 'n/a' : `${(Math.round(share * 1000) / 10).toFixed(1)} %`;
}
