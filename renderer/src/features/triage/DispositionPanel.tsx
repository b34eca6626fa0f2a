// The live disposition: level, label and colour, care level and time frame, "Preliminär" until complete, the deciding question and the advice to read to the caller.
import { useTranslation } from 'react-i18next';
import { Alert, Box, Button, Chip, Divider, Stack, Typography } from '@mui/material';
import { useTheme } from '@mui/material/styles';
import EditIcon from '@mui/icons-material/Edit';
import {
  DISPOSITION_LADDER,
  levelColors,
  type DispositionLevel,
} from '../../../../core/triage/dispositionLadder';
import { OVERRIDE_REASON_LABELS, type TriageOverride } from '../../../../core/triage/record';
import { useLocalized } from '../protocols/protocolText';
import { LevelChip } from './LevelChip';
import type { CaseTriageView } from './triageView';

export function DispositionPanel({
  view,
  withdrawnOverride,
  onOverride,
  readOnly,
}: {
  view: CaseTriageView;
  withdrawnOverride: TriageOverride | null;
  onOverride: () => void;
  readOnly: boolean;
}) {
  const { t, i18n } = useTranslation();
  const theme = useTheme();
  const localized = useLocalized();
  const language = i18n.language === 'en' ? 'en' : 'sv';
  const levelText = (level: DispositionLevel) => `${level} ${DISPOSITION_LADDER[level].label[language]}`;
  const { final, result, override } = view;
  const engine = result.disposition;

  if (!final || !engine) {
    return (
      <Box
        data-testid="triage-disposition"
        data-state="none"
        sx={{ p: 2, border: 1, borderColor: 'divider', borderRadius: 1 }}
      >
        <Typography variant="overline" color="text.secondary">
          {t('triage.disposition.title')}
        </Typography>
        <Typography color="text.secondary">
          {view.protocols.length > 0 ? t('triage.disposition.noApplicable') : t('triage.disposition.none')}
        </Typography>
      </Box>
    );
  }

  const colors = levelColors(final.level, theme.palette.mode);
  const decidingProtocol = view.protocols.find((p) => p.id === engine.decidedBy.protocolId);
  const next = result.nextQuestion;
  const nextProtocol = next ? view.protocols.find((p) => p.id === next.protocolId) : undefined;

  return (
    <Box
      data-testid="triage-disposition"
      data-level={final.level}
      data-complete={result.complete ? 'true' : 'false'}
      role="region"
      aria-live="polite"
      aria-label={t('triage.disposition.title')}
      sx={{
        border: 2,
        borderColor: colors.border,
        borderRadius: 1,
        overflow: 'hidden',
        bgcolor: 'background.paper',
      }}
    >
      <Box sx={{ bgcolor: colors.background, color: colors.text, px: 2, py: 1.25 }}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
          <Typography variant="overline" sx={{ color: 'inherit', lineHeight: 1.5 }}>
            {t('triage.disposition.title')}
          </Typography>
          {result.complete ? (
            <Chip
              size="small"
              label={t('triage.disposition.complete')}
              sx={{ bgcolor: 'background.paper', color: 'text.primary' }}
            />
          ) : (
            <Chip
              size="small"
              data-testid="triage-preliminary"
              label={t('triage.disposition.preliminary')}
              title={t('triage.disposition.preliminaryHelp')}
              sx={{ bgcolor: 'background.paper', color: 'text.primary', fontWeight: 700 }}
            />
          )}
        </Stack>
        <Typography
          variant="h5"
          component="p"
          sx={{ fontWeight: 800, color: 'inherit' }}
          data-testid="triage-level"
        >
          {levelText(final.level)}
        </Typography>
        <Typography sx={{ color: 'inherit', fontWeight: 600 }}>
          {t(`triage.careLevel.${final.careLevel}`)}
          {final.step.timeFrameMinutes !== null && ` · ${final.step.timeFrameText[language]}`}
        </Typography>
      </Box>

      <Stack spacing={1.25} sx={{ p: 2 }}>
        {override && (
          <Alert severity="info" icon={<EditIcon fontSize="inherit" />} data-testid="triage-override">
            {t('triage.disposition.overridden', {
              from: levelText(override.fromLevel),
              to: levelText(override.toLevel),
              reason: OVERRIDE_REASON_LABELS[override.reasonCode][language],
            })}{' '}
            – {override.reasonText}
          </Alert>
        )}
        {withdrawnOverride && !override && (
          <Alert severity="warning" data-testid="triage-override-withdrawn">
            {t('triage.disposition.withdrawn', {
              to: levelText(withdrawnOverride.toLevel),
              level: levelText(engine.level),
            })}
          </Alert>
        )}

        <Box data-testid="triage-deciding">
          <Typography variant="body2" color="text.secondary">
            {t(engine.basis === 'rule' ? 'triage.disposition.decidedByRule' : 'triage.disposition.decidedBy')}
          </Typography>
          {engine.decidedBy.questionText ? (
            <Typography sx={{ fontWeight: 600 }}>{localized(engine.decidedBy.questionText)}</Typography>
          ) : (
            <Typography sx={{ fontWeight: 600 }}>{t('triage.disposition.decidedByAllNo')}</Typography>
          )}
          <Typography variant="body2" color="text.secondary">
            {decidingProtocol &&
              t('triage.disposition.fromProtocol', { title: localized(decidingProtocol.title) })}
            {engine.viaUnsure && ` · ${t('triage.disposition.viaUnsure')}`}
          </Typography>
        </Box>

        <Box data-testid="triage-advice" sx={{ borderLeft: 4, borderColor: colors.border, pl: 1.5 }}>
          <Typography variant="body2" color="text.secondary">
            {t('triage.disposition.advice')}
          </Typography>
          <Typography sx={{ whiteSpace: 'pre-line' }}>{localized(engine.advice)}</Typography>
        </Box>

        {next && (
          <Box data-testid="triage-next">
            <Typography variant="body2" color="text.secondary">
              {t('triage.disposition.next')}
            </Typography>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <LevelChip level={next.level} />
              <Typography>
                {localized(next.text)}
                {view.protocols.length > 1 && nextProtocol && (
                  <Typography component="span" variant="body2" color="text.secondary">
                    {' '}
                    ({localized(nextProtocol.title)})
                  </Typography>
                )}
              </Typography>
            </Stack>
          </Box>
        )}

        {result.protocols.length > 1 && (
          <>
            <Divider />
            <Box data-testid="triage-per-protocol">
              <Typography variant="body2" color="text.secondary">
                {t('triage.disposition.perProtocol')}
              </Typography>
              <Stack spacing={0.5} sx={{ mt: 0.5 }}>
                {result.protocols.map((protocol) => (
                  <Stack key={protocol.protocolId} direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                    {protocol.disposition ? (
                      <LevelChip level={protocol.disposition.level} />
                    ) : (
                      <Chip size="small" label={t('triage.disposition.notApplicable')} />
                    )}
                    <Typography
                      variant="body2"
                      sx={{ fontWeight: protocol.protocolId === engine.decidedBy.protocolId ? 700 : 400 }}
                    >
                      {localized(protocol.title)}
                      {protocol.protocolId === engine.decidedBy.protocolId &&
                        ` – ${t('triage.checklist.decides').toLowerCase()}`}
                    </Typography>
                  </Stack>
                ))}
              </Stack>
            </Box>
          </>
        )}

        {!readOnly && (
          <Button
            variant="outlined"
            size="small"
            startIcon={<EditIcon />}
            onClick={onOverride}
            data-testid="triage-override-open"
            sx={{ alignSelf: 'flex-start' }}
          >
            {t('triage.override.open')}
          </Button>
        )}
      </Stack>
    </Box>
  );
}

/** The level in one line, shown over the checklist while the full panel is scrolled out of sight. */
export function DispositionStrip({ view }: { view: CaseTriageView }) {
  const { t, i18n } = useTranslation();
  const theme = useTheme();
  const localized = useLocalized();
  const language = i18n.language === 'en' ? 'en' : 'sv';
  const { final, result } = view;
  const engine = result.disposition;
  if (!final || !engine) return null;
  const colors = levelColors(final.level, theme.palette.mode);
  return (
    <Stack
      direction="row"
      spacing={1.5}
      data-testid="triage-disposition-strip"
      aria-hidden
      sx={{
        alignItems: 'center',
        px: 2,
        py: 1,
        borderRadius: 1,
        border: 1,
        borderColor: colors.border,
        bgcolor: colors.background,
        color: colors.text,
        boxShadow: 4,
      }}
    >
      <Typography sx={{ fontWeight: 800, color: 'inherit', whiteSpace: 'nowrap' }}>
        {final.level} {DISPOSITION_LADDER[final.level].label[language]}
      </Typography>
      <Typography variant="body2" sx={{ color: 'inherit', whiteSpace: 'nowrap' }}>
        {t(`triage.careLevel.${final.careLevel}`)}
      </Typography>
      <Typography
        variant="body2"
        sx={{
          color: 'inherit',
          flex: 1,
          minWidth: 0,
          overflow: 'hidden',
          textOverflow: 'ellipsis',
          whiteSpace: 'nowrap',
        }}
      >
        {engine.decidedBy.questionText
          ? `${t('triage.disposition.decidedBy')}: ${localized(engine.decidedBy.questionText)}`
          : t('triage.disposition.decidedByAllNo')}
      </Typography>
      <Chip
        size="small"
        label={result.complete ? t('triage.disposition.complete') : t('triage.disposition.preliminary')}
        sx={{ bgcolor: 'background.paper', color: 'text.primary', fontWeight: 700 }}
      />
    </Stack>
  );
}
