// Where the caller's phone-menu answers and the triage disagree: shown in the triage panel until the nurse says which holds.
import { useTranslation } from 'react-i18next';
import { Alert, AlertTitle, Button, Stack, Typography } from '@mui/material';
import { NUMERIC_FINDINGS, type NumericFinding } from '../../../../core/triage/findings';
import type { PhoneMenuContradiction } from '../../../../core/triage/phoneMenuReconcile';

export function PhoneMenuConflicts({
  contradictions,
  readOnly,
  onKeepNurse,
  onKeepMenu,
}: {
  contradictions: readonly PhoneMenuContradiction[];
  readOnly: boolean;
  onKeepNurse: (contradiction: PhoneMenuContradiction) => void;
  onKeepMenu: (contradiction: PhoneMenuContradiction) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'sv';
  if (contradictions.length === 0) return null;
  const answerText = (value: string) => t(`triage.checklist.answers.${value}`);
  return (
    <Alert severity="warning" variant="outlined" data-testid="phone-menu-conflicts">
      <AlertTitle>{t('triage.phoneMenu.title')}</AlertTitle>
      <Stack spacing={1.5}>
        {contradictions.map((c) => (
          <Stack key={c.code} spacing={0.5} data-phone-menu-code={c.code}>
            <Typography>
              {t('triage.phoneMenu.menu', {
                question: c.menuQuestion[lang],
                answer: answerText(c.menuAnswer),
              })}
            </Typography>
            <Typography>
              {c.finding
                ? t('triage.phoneMenu.finding', {
                    label: NUMERIC_FINDINGS[c.finding as NumericFinding]?.label[lang] ?? c.finding,
                  })
                : t('triage.phoneMenu.triage', {
                    list: c.questions.map((q) => `${q.text[lang]} ${answerText(q.answer)}`).join('; '),
                  })}
            </Typography>
            {!readOnly && (
              <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
                <Button size="small" variant="outlined" color="inherit" onClick={() => onKeepNurse(c)}>
                  {t(c.finding ? 'triage.phoneMenu.confirmFinding' : 'triage.phoneMenu.keepNurse')}
                </Button>
                {c.canKeepMenu && (
                  <Button size="small" variant="outlined" color="inherit" onClick={() => onKeepMenu(c)}>
                    {t('triage.phoneMenu.keepMenu', { answer: answerText(c.menuAnswer) })}
                  </Button>
                )}
              </Stack>
            )}
          </Stack>
        ))}
        <Typography variant="body2">{t('triage.phoneMenu.mustResolve')}</Typography>
      </Stack>
    </Alert>
  );
}
