// Repeat-caller warning: the same patient had a contact within 72 h; red within a day, amber after.
import { useTranslation } from 'react-i18next';
import { Alert, AlertTitle, Box, Typography } from '@mui/material';
import type { RepeatContact } from '../../../../core/api/cases';
import { useCaseFormat } from './format';

/** Within this many hours a previous contact is shown in red. */
const RED_WITHIN_HOURS = 24;

export function RepeatCallerBanner({ contacts }: { contacts: readonly RepeatContact[] }) {
  const { t } = useTranslation();
  const format = useCaseFormat();
  if (contacts.length === 0) return null;
  const newest = contacts[0]!;
  const hoursSince = (Date.now() - Date.parse(newest.createdAt)) / 3_600_000;
  const severity = hoursSince < RED_WITHIN_HOURS ? 'error' : 'warning';
  return (
    <Alert
      severity={severity}
      variant="filled"
      role="alert"
      data-testid="repeat-caller-warning"
      data-severity={severity}
    >
      <AlertTitle sx={{ fontWeight: 700 }}>{t('cases.repeat.title', { count: contacts.length })}</AlertTitle>
      <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
        {contacts.map((contact) => (
          <li key={contact.caseId}>
            <Typography variant="body2" component="span" sx={{ fontWeight: 600 }}>
              {t('cases.repeat.contact', {
                when: format.when(contact.createdAt),
                ago: format.ago(contact.createdAt),
                nurse: contact.createdBy.name,
              })}
            </Typography>
            <Typography variant="body2" component="span">
              {' – '}
              {contact.kontaktorsak
                ? t('cases.repeat.reason', { text: contact.kontaktorsak })
                : t('cases.repeat.noReason')}
              {contact.bradskegrad !== null && ` · ${format.levelLabel(contact.bradskegrad)}`}
            </Typography>
          </li>
        ))}
      </Box>
      <Typography variant="body2" sx={{ mt: 0.5 }}>
        {t('cases.repeat.help')}
      </Typography>
    </Alert>
  );
}
