// The case's patient header: identity kind and number (or description), age, sex, caller, when the case was opened, and what the call told (time, number, queue, phone-menu answers).
import { useTranslation } from 'react-i18next';
import { Chip, Paper, Stack, Typography } from '@mui/material';
import PersonIcon from '@mui/icons-material/Person';
import PhoneIcon from '@mui/icons-material/Phone';
import type { Case } from '../../../../core/case';
import { THIRD_PARTY_RELATION_LABELS } from '../../../../core/identity/patientId';
import { CallLine, PhoneMenuFacts } from './CallFacts';
import { useCaseFormat } from './format';

export function PatientHeader({ record }: { record: Case }) {
  const { t, i18n } = useTranslation();
  const format = useCaseFormat();
  const language = i18n.language === 'en' ? 'en' : 'sv';
  const { patient, caller } = record;
  const identified = patient.kind !== 'unidentified';
  return (
    <Paper variant="outlined" sx={{ p: 2.5 }} component="section" aria-label={t('cases.view.headingLabel')}>
      <Stack spacing={1}>
        <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
          <PersonIcon color="primary" aria-hidden />
          <Typography variant="h5" component="h1" data-testid="patient-number" sx={{ fontWeight: 700 }}>
            {format.patientNumber(patient)}
          </Typography>
          <Chip size="small" variant="outlined" label={t(`cases.patientKind.${patient.kind}`)} />
          <Chip
            size="small"
            color={record.status === 'open' ? 'primary' : 'default'}
            label={t(`cases.status.${record.status}`)}
            data-testid="case-status"
          />
        </Stack>
        {identified && (
          <Typography variant="body1" data-testid="patient-facts">
            {[
              format.ageText(patient),
              format.sexText(patient),
              patient.birthDate ? t('cases.view.born', { date: patient.birthDate }) : null,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Typography>
        )}
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <PhoneIcon fontSize="small" color="action" aria-hidden />
          <Typography variant="body2" data-testid="case-caller">
            {t('cases.view.caller')}:{' '}
            {caller === 'self'
              ? t('cases.view.callerSelf')
              : [
                  t('cases.view.callerThirdParty', {
                    name: caller.name,
                    relation: THIRD_PARTY_RELATION_LABELS[caller.relation][language],
                  }),
                  caller.phone ? t('cases.view.callerPhone', { phone: caller.phone }) : null,
                ]
                  .filter(Boolean)
                  .join(', ')}
          </Typography>
        </Stack>
        <CallLine facts={record.call} callId={record.callId} />
        <Typography variant="body2" color="text.secondary">
          {t('cases.view.opened', { time: format.when(record.createdAt), name: record.createdBy.name })}
        </Typography>
        <PhoneMenuFacts facts={record.call} />
      </Stack>
    </Paper>
  );
}
