// The note's bedömning, råd and brådskegrad as the triage gives them: a short Swedish summary the nurse can edit before signing.
//
// Always Swedish, whatever language the screen is in: the patient record is kept in Swedish.
import { DISPOSITION_LADDER, type DispositionLevel } from '../../../../core/triage/dispositionLadder';
import { OVERRIDE_REASON_LABELS, PROVISIONAL_SIGN_REASON_LABELS } from '../../../../core/triage/record';
import type { CareType } from '../../../../core/referral/catalog';
import { adviceForChoice } from '../../../../core/referral/unitAdvice';
import { findingsParts } from './findingsInput';
import { triageLocales } from './locales';
import type { CaseTriageState } from './triageSlice';
import type { CaseTriageView } from './triageView';

/** What the note is pre-filled with (bedömning = assessment, råd = advice, brådskegrad = urgency level). */
export interface NotePrefill {
  bedomning: string;
  rad: string;
  bradskegrad: DispositionLevel;
}

const phrases = triageLocales.sv.note;

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_match, name: string) => String(values[name] ?? ''));
}

/** "2 Omgående": the level number with its Swedish label, as nurses say it. */
export function levelText(level: DispositionLevel): string {
  return `${level} ${DISPOSITION_LADDER[level].label.sv}`;
}

/** The pre-fill for the current triage; null until a protocol that applies gives a disposition. */
export function buildNotePrefill(
  view: CaseTriageView,
  triage: CaseTriageState,
  /** The unit chosen in the case, if any: the advice then names it instead of the protocol's generic place. */
  referral: { unitName: string; careType: CareType } | null = null,
): NotePrefill | null {
  const { final, result } = view;
  const engine = result.disposition;
  if (!final || !engine) return null;

  const lines: string[] = [];
  lines.push(
    fill(phrases.protocols, {
      list: view.protocols
        .map((p) => fill(phrases.protocolVersion, { title: p.title.sv, version: p.version }))
        .join(', '),
    }),
  );

  const context: string[] = [];
  for (const protocol of view.protocols) {
    for (const question of protocol.contextQuestions) {
      const answer = triage.contextAnswers.find(
        (a) => a.protocolId === protocol.id && a.questionId === question.id,
      );
      if (!answer) continue;
      const value =
        question.kind === 'yesno' && (answer.value === 'yes' || answer.value === 'no')
          ? phrases.yesNo[answer.value]
          : answer.value.trim();
      context.push(`${question.text.sv} ${value}`);
    }
  }
  if (context.length > 0) lines.push(fill(phrases.context, { list: context.join('; ') }));
  const findings = findingsList(triage);
  if (findings.length > 0) lines.push(fill(phrases.findings, { list: findings.join('; ') }));

  const yes: string[] = [];
  const unsure: string[] = [];
  for (const protocol of result.protocols) {
    for (const question of protocol.questions) {
      if (!question.applicable || question.answer === null) continue;
      if (question.answer === 'yes') yes.push(question.text.sv);
      else if (question.answer === 'unsure')
        unsure.push(
          fill(phrases.unsureItem, {
            question: question.text.sv,
            counts: phrases.unsureCounts[question.unsure ?? 'open'],
          }),
        );
    }
  }
  if (yes.length > 0) lines.push(fill(phrases.yes, { list: yes.join(' ') }));
  if (unsure.length > 0) lines.push(fill(phrases.unsure, { list: unsure.join(' ') }));
  // The red flags asked and ruled out, by name: a reader must see what was excluded, not a count of "no".
  if (result.ruledOut.length > 0) {
    lines.push(fill(phrases.ruledOut, { list: result.ruledOut.map((flag) => flag.label.sv).join(', ') }));
  }

  if (engine.decidedBy.questionText) {
    lines.push(
      fill(phrases.decidedBy, { question: engine.decidedBy.questionText.sv, level: levelText(engine.level) }),
    );
  } else {
    const title = view.protocols.find((p) => p.id === engine.decidedBy.protocolId)?.title.sv ?? '';
    lines.push(fill(phrases.decidedByAllNo, { level: levelText(engine.level), title }));
  }
  if (!result.complete) {
    lines.push(phrases.preliminary);
    if (triage.provisionalReason) {
      const reason = PROVISIONAL_SIGN_REASON_LABELS[triage.provisionalReason.code].sv;
      lines.push(fill(phrases.signedProvisional, { reason }));
    }
  }

  const override = view.override;
  if (override) {
    lines.push(
      fill(phrases.override, {
        from: levelText(override.fromLevel),
        to: levelText(override.toLevel),
        reason: OVERRIDE_REASON_LABELS[override.reasonCode].sv,
        text: override.reasonText.trim(),
      }),
    );
  }

  const advice = referral ? adviceForChoice(engine.advice.sv, referral) : engine.advice.sv;
  const rad = override
    ? `${advice}\n${fill(phrases.adviceOverride, {
        level: levelText(final.level),
        // Self-care has no time frame to name.
        timeFrame:
          final.step.timeFrameMinutes === null ? '' : ` (${final.step.timeFrameText.sv.toLowerCase()})`,
      })}`
    : advice;

  return { bedomning: lines.join('\n'), rad, bradskegrad: final.level };
}

/** "temperatur 38,5 °C; besvär i 3 dygn; blodförtunnande läkemedel": what was entered, in Swedish. */
function findingsList(triage: CaseTriageState): string[] {
  return findingsParts(triage.findings, {
    language: 'sv',
    finding: (key, value) => fill(phrases.finding[key], { value }),
    findingUnknown: (key) => phrases.findingUnknown[key],
    riskNone: phrases.riskNone,
    riskUnknown: phrases.riskUnknown,
    risks: (names) => names.map((name) => name.toLowerCase()),
  });
}
