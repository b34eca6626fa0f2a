// One care unit as a card: name, care type in Swedish, distance, open until / opens at, capacity colour, the reasons and the rule behind it.
import { forwardRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Box, Chip, CircularProgress, Stack, Typography } from '@mui/material';
import { useTheme } from '@mui/material/styles';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import type { CapacityStateView, ReasonView, RuleSourceView, UnitView } from '../../../../core/api/referral';
import { useReferralFormat } from './format';

export interface UnitCardProps {
  unit: UnitView;
  distanceKm: number | null;
  openNow: boolean;
  opensAt: string | null;
  closesAt: string | null;
  capacity: CapacityStateView;
  reasons?: readonly ReasonView[];
  ruleSource?: RuleSourceView | null;
  /** Position in its list, shown as the number the nurse can see (1 = first choice). */
  rank?: number;
  chosen: boolean;
  choosing: boolean;
  disabled?: boolean;
  onChoose: () => void;
  onKeyDown?: (event: KeyboardEvent<HTMLDivElement>) => void;
  testId?: string;
}

/** Capacity as a coloured dot with its word beside it (never colour alone). */
export function CapacityBadge({ state }: { state: CapacityStateView }) {
  const theme = useTheme();
  const format = useReferralFormat();
  const colour =
    state === 'green'
      ? theme.palette.success.main
      : state === 'amber'
        ? theme.palette.warning.main
        : state === 'red'
          ? theme.palette.error.main
          : theme.palette.text.disabled;
  return (
    <Stack direction="row" spacing={0.75} sx={{ alignItems: 'center' }} data-capacity={state}>
      <Box
        aria-hidden
        sx={{
          width: 10,
          height: 10,
          borderRadius: '50%',
          bgcolor: colour,
          border: 1,
          borderColor: 'divider',
        }}
      />
      <Typography variant="body2" sx={{ color: 'text.secondary' }}>
        {format.capacity(state)}
      </Typography>
    </Stack>
  );
}

/** Reasons already shown as facts on the card (distance, open now, a plain capacity) are not repeated. */
const SHOWN_AS_FACTS = new Set([
  'distance',
  'open-now',
  'capacity-green',
  'capacity-unknown',
  'comes-to-patient',
]);

export const UnitCard = forwardRef<HTMLDivElement, UnitCardProps>(function UnitCard(props, ref) {
  const { t } = useTranslation();
  const format = useReferralFormat();
  const { unit } = props;
  const inactive = props.disabled === true || props.choosing;
  const reasons = (props.reasons ?? []).filter((reason) => !SHOWN_AS_FACTS.has(reason.code));
  const facts = [
    format.text(unit.careTypeLabel),
    props.distanceKm === null ? t('referral.card.comesToPatient') : format.km(props.distanceKm),
    `${unit.address.street}, ${unit.address.locality}`,
    unit.phone,
  ];
  return (
    <Box
      ref={ref}
      role="option"
      aria-selected={props.chosen}
      aria-disabled={props.disabled || undefined}
      aria-busy={props.choosing || undefined}
      tabIndex={0}
      data-testid={props.testId ?? 'referral-unit'}
      data-hsa-id={unit.hsaId}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && event.target === event.currentTarget && !props.disabled) {
          event.preventDefault();
          props.onChoose();
          return;
        }
        props.onKeyDown?.(event);
      }}
      sx={{
        p: 1.5,
        border: 1,
        borderColor: props.chosen ? 'success.main' : 'divider',
        borderLeftWidth: 4,
        borderLeftColor: props.chosen ? 'success.main' : 'primary.main',
        borderRadius: 1,
        bgcolor: 'background.paper',
        outline: 'none',
        '&:focus-visible': { boxShadow: (theme) => `0 0 0 3px ${theme.palette.primary.main}` },
      }}
    >
      <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start', justifyContent: 'space-between' }}>
        <Box sx={{ minWidth: 0 }}>
          <Typography variant="subtitle1" component="h4" sx={{ fontWeight: 700, lineHeight: 1.3 }}>
            {props.rank !== undefined && (
              <Box component="span" sx={{ color: 'text.secondary', mr: 0.75 }}>
                {props.rank}.
              </Box>
            )}
            {unit.name}
          </Typography>
          <Typography variant="body2" sx={{ color: 'text.secondary' }}>
            {facts.join(' · ')}
          </Typography>
        </Box>
        {props.chosen ? (
          <Chip
            color="success"
            icon={<CheckCircleIcon />}
            label={t('referral.card.chosen')}
            size="small"
            variant="outlined"
          />
        ) : (
          // An option may hold no control of its own: the option is what the keyboard and a screen reader
          // choose (Enter), and this is the same choice for the mouse, drawn as a button.
          <Box
            component="span"
            aria-hidden
            data-testid="referral-choose"
            title={t('referral.card.chooseUnit', { name: unit.name })}
            data-disabled={inactive ? 'true' : undefined}
            onClick={inactive ? undefined : props.onChoose}
            sx={{
              display: 'inline-flex',
              alignItems: 'center',
              gap: 0.75,
              flexShrink: 0,
              px: 1.25,
              py: 0.5,
              borderRadius: 1,
              typography: 'button',
              fontSize: '0.8125rem',
              lineHeight: 1.75,
              userSelect: 'none',
              ...(inactive
                ? { bgcolor: 'action.disabledBackground', color: 'text.secondary', cursor: 'default' }
                : {
                    bgcolor: 'primary.main',
                    color: 'primary.contrastText',
                    boxShadow: 2,
                    cursor: 'pointer',
                    '&:hover': { bgcolor: 'primary.dark' },
                  }),
            }}
          >
            {props.choosing && <CircularProgress aria-hidden size={14} color="inherit" />}
            {t('referral.card.choose')}
          </Box>
        )}
      </Stack>
      <Stack
        direction="row"
        spacing={2}
        sx={{ mt: 0.75, alignItems: 'center', flexWrap: 'wrap', rowGap: 0.5 }}
      >
        <Typography
          variant="body2"
          sx={{ fontWeight: 600, color: props.openNow ? 'success.main' : 'warning.main' }}
          data-testid="referral-open-state"
        >
          {format.openState(props)}
        </Typography>
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          {t('referral.card.today', { hours: format.text(unit.todayHours) })}
        </Typography>
        <CapacityBadge state={props.capacity} />
      </Stack>
      {reasons.length > 0 && (
        <Box component="ul" sx={{ m: 0, mt: 0.75, pl: 2.5 }} aria-label={t('referral.card.why')}>
          {reasons.map((reason) => (
            <Typography component="li" variant="body2" key={reason.code}>
              {format.text(reason)}
            </Typography>
          ))}
        </Box>
      )}
      {props.ruleSource && (
        <Chip
          size="small"
          variant="outlined"
          sx={{ mt: 0.75 }}
          label={format.text(props.ruleSource.label)}
          title={`${props.ruleSource.layer} ${props.ruleSource.id} v${props.ruleSource.version}, ${props.ruleSource.path}`}
          data-testid="referral-rule-source"
        />
      )}
    </Box>
  );
});
