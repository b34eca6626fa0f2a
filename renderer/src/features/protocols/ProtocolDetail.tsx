// One protocol, read-only: version and review status, its context questions, its triage questions in acuity order with level and advice, its references and version history.
import { useTranslation } from 'react-i18next';
import { Alert, Box, Chip, Divider, Stack, Typography } from '@mui/material';
import { BODY_PARTS, isTriageRule, type Protocol } from '../../../../core/triage/protocol';
import { LevelChip } from '../triage/LevelChip';
import { reviewSummary, versionHistory } from './protocolReview';
import { useAgeRangeText, useLocalized } from './protocolText';

export function ProtocolDetail({ protocol }: { protocol: Protocol }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const ageRange = useAgeRangeText();
  // The linter guarantees acuity order; sorting (stable) keeps the screen right even for an unlinted file.
  const questions = [...protocol.questions].sort((a, b) => a.level - b.level);
  const review = reviewSummary(protocol);

  return (
    <Stack
      spacing={2.5}
      component="article"
      aria-labelledby="protocol-detail-title"
      data-testid="protocol-detail"
    >
      <Box>
        <Typography id="protocol-detail-title" variant="h5" component="h2">
          {localized(protocol.title)}
        </Typography>
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', mt: 1 }}>
          <Chip
            size="small"
            label={`${t('protocols.bodyPart')}: ${localized(BODY_PARTS[protocol.bodyPart])}`}
          />
          <Chip size="small" label={`${t('protocols.ages')}: ${ageRange(protocol.ageYears)}`} />
          <Chip size="small" label={t('protocols.version', { version: protocol.version })} />
          <Chip
            size="small"
            variant="outlined"
            color={review.current ? 'success' : 'warning'}
            label={t(review.key, review.params)}
            data-testid="protocol-review-status"
          />
        </Stack>
      </Box>
      <Alert severity="warning" variant="outlined">
        {t('protocols.demo')}
      </Alert>

      {protocol.contextQuestions.length > 0 && (
        <Box component="section">
          <Typography variant="h6" component="h3">
            {t('protocols.contextQuestions')}
          </Typography>
          <Stack component="ul" spacing={0.5} sx={{ pl: 2.5, my: 1 }}>
            {protocol.contextQuestions.map((question) => (
              <li key={question.id}>
                <Typography>
                  {localized(question.text)}{' '}
                  <Typography component="span" variant="body2" color="text.secondary">
                    ({t(`protocols.kind.${question.kind}`)})
                  </Typography>
                </Typography>
              </li>
            ))}
          </Stack>
        </Box>
      )}

      <Box component="section">
        <Typography variant="h6" component="h3">
          {t('protocols.triageQuestions')}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {t('protocols.triageQuestionsHelp')}
        </Typography>
        <Stack
          component="ol"
          divider={<Divider component="li" aria-hidden />}
          sx={{ p: 0, my: 1, listStyle: 'none' }}
        >
          {questions.map((question) => (
            <Box component="li" key={question.id} sx={{ py: 1.25 }} data-question-id={question.id}>
              <Stack direction="row" spacing={1.5} sx={{ alignItems: 'flex-start' }}>
                <LevelChip level={question.level} sx={{ mt: 0.25, minWidth: 150 }} />
                <Box sx={{ flex: 1 }}>
                  <Typography sx={{ fontWeight: 600 }}>
                    {localized(isTriageRule(question) ? question.description : question.text)}
                  </Typography>
                  <Typography variant="body2" color="text.secondary">
                    {isTriageRule(question) ? t('protocols.rule') : t(`protocols.unsure.${question.unsure}`)}
                    {question.ageYears &&
                      ` · ${t('protocols.questionAges', { range: ageRange(question.ageYears) })}`}
                  </Typography>
                  <Typography variant="body2" sx={{ mt: 0.5 }}>
                    <strong>{t('protocols.advice')}:</strong> {localized(question.advice)}
                  </Typography>
                </Box>
              </Stack>
            </Box>
          ))}
        </Stack>
      </Box>

      <Box component="section">
        <Typography variant="h6" component="h3">
          {t('protocols.whenAllNo')}
        </Typography>
        <Stack direction="row" spacing={1.5} sx={{ alignItems: 'flex-start', mt: 1 }}>
          <LevelChip level={protocol.whenAllNo.level} sx={{ mt: 0.25, minWidth: 150 }} />
          <Typography variant="body2">{localized(protocol.whenAllNo.advice)}</Typography>
        </Stack>
      </Box>

      <Box component="section">
        <Typography variant="h6" component="h3">
          {t('protocols.references')}
        </Typography>
        <Stack component="ul" spacing={0.5} sx={{ pl: 2.5, my: 1 }}>
          {protocol.references.map((reference) => (
            <li key={reference}>
              <Typography variant="body2">{reference}</Typography>
            </li>
          ))}
        </Stack>
      </Box>

      <Box component="section" data-testid="protocol-changelog">
        <Typography variant="h6" component="h3">
          {t('protocols.changelog')}
        </Typography>
        <Stack component="ul" spacing={0.75} sx={{ pl: 2.5, my: 1 }}>
          {versionHistory(protocol).map((entry) => (
            <li key={entry.version}>
              <Typography variant="body2">
                <strong>
                  {t('protocols.changelogEntry', { version: entry.version, date: entry.date })}:
                </strong>{' '}
                {entry.change}
              </Typography>
            </li>
          ))}
        </Stack>
      </Box>
    </Stack>
  );
}
