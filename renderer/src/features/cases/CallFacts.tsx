// What the call told, in the case header: when it was answered, from which number and queue, and the caller's language.
import { useTranslation } from 'react-i18next';
import { Typography } from '@mui/material';
import type { CaseCallFacts } from '../../../../core/case/case';
import { languageName } from '../calls/time';
import { useCaseFormat } from './format';
import { nationalPhone } from './phone';

/** "Samtal 14:32 från 070-123 45 67 · kö: Region Kalmar län · Språk: arabiska – tolk kan behövas". */
export function CallLine({
  facts,
  callId,
}: {
  facts: CaseCallFacts | undefined;
  callId: string | undefined;
}) {
  const { t, i18n } = useTranslation();
  const format = useCaseFormat();
  const language = i18n.language === 'en' ? 'en' : 'sv';
  if (!facts) {
    // A case from before the call's facts were kept: say it came from a call, never show the call's id.
    return callId ? (
      <Typography variant="body2" color="text.secondary" data-testid="case-call">
        {t('cases.view.callUnknown')}
      </Typography>
    ) : null;
  }
  const time = format.clock(facts.answeredAt);
  const parts = [
    facts.callerNumber.trim() === ''
      ? t('cases.view.callNoNumber', { time })
      : t(facts.kind === 'callback' ? 'cases.view.callback' : 'cases.view.callIn', {
          time,
          number: nationalPhone(facts.callerNumber),
        }),
    facts.queueName ? t('cases.view.callQueue', { queue: facts.queueName[language] }) : null,
    facts.language !== 'sv'
      ? t('cases.view.callLanguage', { language: languageName(facts.language, i18n.language) })
      : null,
  ].filter(Boolean);
  return (
    <Typography variant="body2" data-testid="case-call">
      {parts.join(' · ')}
    </Typography>
  );
}
