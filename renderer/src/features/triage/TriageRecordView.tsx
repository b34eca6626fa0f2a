// What the case has stored of the triage: protocol versions, a typed age, context answers, every answer with its time, the protocols' level and any override.
//
// Read from the saved case, not from the screen, so the nurse (and later an auditor) sees what the record holds.
import { useTranslation } from 'react-i18next';
import {
  Accordion,
  AccordionDetails,
  AccordionSummary,
  Box,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { clockTime } from '../../app/swedishTime';
import { DISPOSITION_LADDER, type DispositionLevel } from '../../../../core/triage/dispositionLadder';
import { itemLabel, type Protocol } from '../../../../core/triage/protocol';
import { NUMERIC_FINDINGS, type NumericFinding, type TriageFindings } from '../../../../core/triage/findings';
import { OVERRIDE_REASON_LABELS, type TriageRecord } from '../../../../core/triage/record';
import { useAgeText, useLocalized } from '../protocols/protocolText';
import { LevelChip } from './LevelChip';
import { findingsParts } from './findingsInput';

export function TriageRecordView({
  record,
  library,
}: {
  record: TriageRecord;
  library: readonly Protocol[];
}) {
  const { t, i18n } = useTranslation();
  const localized = useLocalized();
  const ageText = useAgeText();
  const language = i18n.language === 'en' ? 'en' : 'sv';
  const byId = new Map(library.map((p) => [p.id, p]));
  const levelText = (level: DispositionLevel) => `${level} ${DISPOSITION_LADDER[level].label[language]}`;
  const time = (iso: string) => clockTime(iso, language, { seconds: true });
  const answerText = {
    yes: t('triage.checklist.answers.yes'),
    no: t('triage.checklist.answers.no'),
    unsure: t('triage.checklist.answers.unsure'),
  };

  return (
    <Accordion disableGutters variant="outlined" data-testid="triage-record">
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <Typography sx={{ fontWeight: 600 }}>
          {t('triage.record.title')} · {t('triage.record.show', { count: record.answers.length })}
        </Typography>
      </AccordionSummary>
      <AccordionDetails>
        <Stack spacing={2}>
          <Box>
            <Typography variant="body2" color="text.secondary">
              {t('triage.record.protocols')}
            </Typography>
            <Stack component="ul" sx={{ pl: 2.5, my: 0.5 }}>
              {record.protocols.map((p) => {
                const protocol = byId.get(p.id);
                return (
                  <li key={p.id} data-record-protocol={p.id}>
                    <Typography>
                      {protocol ? localized(protocol.title) : p.id} –{' '}
                      {t('protocols.version', { version: p.version })}
                    </Typography>
                  </li>
                );
              })}
            </Stack>
          </Box>

          {record.findings && (
            <Typography data-testid="triage-record-findings">
              {t('triage.record.findings', { list: findingsText(record.findings, language) })}
            </Typography>
          )}

          {record.typedAgeYears !== undefined && (
            <Typography data-testid="triage-record-age">
              {t('triage.record.typedAge', { age: ageText(record.typedAgeYears) })}
            </Typography>
          )}

          {record.contextAnswers && record.contextAnswers.length > 0 && (
            <Box data-testid="triage-record-context">
              <Typography variant="body2" color="text.secondary">
                {t('triage.record.context')}
              </Typography>
              <Stack component="ul" sx={{ pl: 2.5, my: 0.5 }}>
                {record.contextAnswers.map((answer) => {
                  const question = byId
                    .get(answer.protocolId)
                    ?.contextQuestions.find((q) => q.id === answer.questionId);
                  const value =
                    question?.kind === 'yesno' && (answer.value === 'yes' || answer.value === 'no')
                      ? answerText[answer.value]
                      : answer.value;
                  return (
                    <li
                      key={`${answer.protocolId}/${answer.questionId}`}
                      data-record-context={answer.questionId}
                    >
                      <Typography>
                        {question ? localized(question.text) : answer.questionId} {value} (
                        {time(answer.answeredAt)})
                      </Typography>
                    </li>
                  );
                })}
              </Stack>
            </Box>
          )}

          {record.disposition && (
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <Typography variant="body2" color="text.secondary">
                {t('triage.record.disposition')}:
              </Typography>
              <LevelChip level={record.disposition.level} />
              <Typography variant="body2">{t(`triage.careLevel.${record.disposition.careLevel}`)}</Typography>
            </Stack>
          )}

          <Box>
            <Typography variant="body2" color="text.secondary">
              {t('triage.record.answers')}
            </Typography>
            {record.answers.length === 0 ? (
              <Typography>{t('triage.record.noAnswers')}</Typography>
            ) : (
              <Table size="small" aria-label={t('triage.record.answers')}>
                <TableHead>
                  <TableRow>
                    <TableCell>{t('triage.record.columns.time')}</TableCell>
                    <TableCell>{t('triage.record.columns.question')}</TableCell>
                    <TableCell>{t('triage.record.columns.answer')}</TableCell>
                    <TableCell>{t('triage.record.columns.version')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {record.answers.map((answer, index) => {
                    const question = byId
                      .get(answer.protocolId)
                      ?.questions.find((q) => q.id === answer.questionId);
                    return (
                      <TableRow key={`${answer.answeredAt}-${index}`} data-record-answer={answer.questionId}>
                        <TableCell sx={{ whiteSpace: 'nowrap' }}>{time(answer.answeredAt)}</TableCell>
                        <TableCell>{question ? localized(itemLabel(question)) : answer.questionId}</TableCell>
                        <TableCell>{answerText[answer.value]}</TableCell>
                        <TableCell sx={{ whiteSpace: 'nowrap' }}>
                          {answer.protocolId} {answer.protocolVersion}
                        </TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
            )}
          </Box>

          <Box data-testid="triage-record-override">
            <Typography variant="body2" color="text.secondary">
              {t('triage.record.override')}
            </Typography>
            {record.override ? (
              <Typography>
                {t('triage.disposition.overridden', {
                  from: levelText(record.override.fromLevel),
                  to: levelText(record.override.toLevel),
                  reason: OVERRIDE_REASON_LABELS[record.override.reasonCode][language],
                })}{' '}
                – {record.override.reasonText} ({time(record.override.overriddenAt)})
              </Typography>
            ) : (
              <Typography>{t('triage.record.noOverride')}</Typography>
            )}
          </Box>
        </Stack>
      </AccordionDetails>
    </Accordion>
  );
}

/** The stored findings on one line: "Temperatur (°C): 38,5 · Riskfaktorer: Diabetes". */
function findingsText(findings: TriageFindings, language: 'sv' | 'en'): string {
  const unknown = language === 'sv' ? 'vet ej' : 'not known';
  const risksLabel = language === 'sv' ? 'Riskfaktorer' : 'Risk factors';
  const labelled = (key: NumericFinding, value: string) =>
    `${NUMERIC_FINDINGS[key].label[language]}: ${value}`;
  return findingsParts(findings, {
    language,
    finding: labelled,
    findingUnknown: (key) => labelled(key, unknown),
    riskNone: `${risksLabel}: ${language === 'sv' ? 'inga' : 'none'}`,
    riskUnknown: `${risksLabel}: ${unknown}`,
    risks: (names) => [`${risksLabel}: ${names.join(', ')}`],
  }).join(' · ');
}
