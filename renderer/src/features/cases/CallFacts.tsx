// What the call told, in the case header: when it was answered, from which number and queue, the caller's language, and the phone menu's answers as a list of question → answer.
import { useTranslation } from 'react-i18next';
import { Box, Stack, Typography } from '@mui/material';
import ReportIcon from '@mui/icons-material/Report';
import type { CaseCallFacts } from '../../../../core/case/case';
import { PHONE_MENU_QUESTIONS, type PhoneMenuQuestion } from '../../../../core/queue/phoneMenu';
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

/** The phone menu's answers as facts: each question with the caller's answer; a red flag stands out. */
export function PhoneMenuFacts({ facts }: { facts: CaseCallFacts | undefined }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'sv';
  if (!facts || facts.phoneMenu.length === 0) return null;
  return (
    <Box component="section" aria-labelledby="phone-menu-facts-heading" data-testid="phone-menu-facts">
      <Typography id="phone-menu-facts-heading" variant="subtitle2" component="h2">
        {t('cases.phoneMenu.heading')}
      </Typography>
      <Box
        component="dl"
        sx={{
          display: 'grid',
          gridTemplateColumns: 'minmax(0, max-content) auto',
          columnGap: 2,
          rowGap: 0.25,
          m: 0,
        }}
      >
        {facts.phoneMenu.map(({ code, answer }) => {
          const question: PhoneMenuQuestion = PHONE_MENU_QUESTIONS[code];
          const redFlag = question.redFlag !== undefined;
          const raised = redFlag && answer === 'yes';
          const open = redFlag && answer === 'no-answer';
          return (
            <Box key={code} sx={{ display: 'contents' }} data-code={code} data-answer={answer}>
              <Typography component="dt" variant="body2">
                {question.question[language]}
              </Typography>
              <Typography
                component="dd"
                variant="body2"
                sx={{
                  m: 0,
                  fontWeight: 700,
                  color: raised ? 'error.main' : open ? 'warning.main' : 'text.primary',
                }}
              >
                <Stack direction="row" spacing={0.5} component="span" sx={{ alignItems: 'center' }}>
                  {raised && <ReportIcon fontSize="inherit" aria-hidden />}
                  <span>
                    {t(`cases.phoneMenu.answer.${answer}`)}
                    {raised && ` – ${t('cases.phoneMenu.redFlag')}`}
                    {open && ` – ${t('cases.phoneMenu.notRuledOut')}`}
                  </span>
                </Stack>
              </Typography>
            </Box>
          );
        })}
      </Box>
    </Box>
  );
}
