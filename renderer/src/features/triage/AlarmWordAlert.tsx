// An alert when the caller's words hold an alarm word ("medvetslös", "andas inte") the triage level does not yet answer.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, AlertTitle, Button, Stack, Typography } from '@mui/material';
import { DISPOSITION_LADDER, type DispositionLevel } from '../../../../core/triage/dispositionLadder';
import { useAppSelector } from '../../app/hooks';
import { selectDraft } from '../notes/notesSlice';
import { caseAlarms, unansweredAlarms } from './alarmView';
import type { ContextAnswer } from './triageSlice';

export function AlarmWordAlert({
  caseId,
  contextAnswers,
  level,
}: {
  caseId: string;
  contextAnswers: readonly ContextAnswer[];
  /** The disposition in force (after an override); null before any. */
  level: DispositionLevel | null;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'sv';
  const draft = useAppSelector(selectDraft(caseId));
  // Acknowledged in this window only: the words stay in the note, and a new alarm word alerts again.
  const [acknowledged, setAcknowledged] = useState<ReadonlySet<string>>(new Set());
  const alarms = unansweredAlarms(caseAlarms(draft, contextAnswers), level).filter(
    (alarm) => !acknowledged.has(`${caseId}/${alarm.id}`),
  );
  if (alarms.length === 0) return null;
  return (
    <Alert severity="error" role="alert" data-testid="triage-alarm-words" variant="outlined">
      <AlertTitle>{t('triage.alarm.title')}</AlertTitle>
      <Stack spacing={1}>
        {alarms.map((alarm) => (
          <Stack
            key={alarm.id}
            direction="row"
            spacing={1}
            useFlexGap
            sx={{ alignItems: 'center', flexWrap: 'wrap' }}
            data-alarm-id={alarm.id}
          >
            <Typography>
              {t('triage.alarm.hit', {
                found: alarm.found,
                source: t(`triage.alarm.sources.${alarm.source}`),
                label: alarm.label[lang],
                level: `${alarm.level} ${DISPOSITION_LADDER[alarm.level].label[lang]}`,
              })}
            </Typography>
            <Button
              size="small"
              color="inherit"
              variant="outlined"
              onClick={() => setAcknowledged(new Set([...acknowledged, `${caseId}/${alarm.id}`]))}
            >
              {t('triage.alarm.acknowledge')}
            </Button>
          </Stack>
        ))}
        <Typography variant="body2">{t('triage.alarm.act')}</Typography>
      </Stack>
    </Alert>
  );
}
