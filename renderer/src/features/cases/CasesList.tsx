// The cases list: "Mina ärenden idag" and "Alla i regionen", search by personnummer, loading, empty and error states.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  Box,
  Button,
  Chip,
  IconButton,
  InputAdornment,
  LinearProgress,
  Paper,
  Stack,
  Tab,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Tabs,
  TextField,
  Typography,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import ClearIcon from '@mui/icons-material/Clear';
import SearchIcon from '@mui/icons-material/Search';
import InboxIcon from '@mui/icons-material/Inbox';
import type { CaseListItem, CaseListScope } from '../../../../core/api/cases';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { newCaseRequested } from '../identification/identificationSlice';
import { useIdErrorText, usePatientIdCheck } from '../identification/usePatientIdCheck';
import { openCase } from './caseThunks';
import { loadCases, scopeSelected, searchSet, selectCasesList } from './casesListSlice';
import { LevelChip } from '../triage/LevelChip';
import { useCaseFormat } from './format';
import { useBridgeErrorText } from './useBridgeErrorText';

export const NEW_CASE_SHORTCUT = 'Alt+N';

export function CasesList() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const list = useAppSelector(selectCasesList);
  const errorText = useBridgeErrorText();

  return (
    <Stack spacing={2}>
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', gap: 2 }}>
        <Typography variant="h5" component="h1">
          {t('cases.title')}
        </Typography>
        <Button
          variant="contained"
          startIcon={<AddIcon />}
          onClick={() => dispatch(newCaseRequested())}
          aria-keyshortcuts="Alt+N"
          data-testid="new-case"
        >
          {t('cases.newCase')}
          <Box
            component="kbd"
            sx={{
              ml: 1,
              px: 0.75,
              borderRadius: 0.5,
              fontFamily: 'inherit',
              fontSize: '0.75rem',
              border: '1px solid currentColor',
              opacity: 0.85,
            }}
          >
            {NEW_CASE_SHORTCUT}
          </Box>
        </Button>
      </Stack>

      <Paper variant="outlined">
        <Stack
          direction={{ xs: 'column', md: 'row' }}
          sx={{ alignItems: { md: 'center' }, justifyContent: 'space-between', px: 2, pt: 1, gap: 2 }}
        >
          <Tabs
            value={list.scope}
            onChange={(_e, scope: CaseListScope) => dispatch(scopeSelected(scope))}
            aria-label={t('cases.tabs.label')}
          >
            <Tab value="mine-today" label={t('cases.tabs.mineToday')} data-testid="tab-mine-today" />
            <Tab value="region" label={t('cases.tabs.region')} data-testid="tab-region" />
          </Tabs>
          <PersonnummerSearch />
        </Stack>
        {list.search && (
          <Box sx={{ px: 2, pt: 1 }}>
            <Chip
              color="primary"
              variant="outlined"
              label={t('cases.search.showing', { number: list.search.display })}
              onDelete={() => dispatch(searchSet(null))}
              data-testid="search-chip"
            />
          </Box>
        )}
        <Box sx={{ minHeight: 4, mt: 1 }}>{list.status === 'loading' && <LinearProgress />}</Box>

        {list.status === 'error' && list.error ? (
          <Alert
            severity="error"
            role="alert"
            sx={{ m: 2 }}
            action={
              <Button color="inherit" onClick={() => void dispatch(loadCases())}>
                {t('cases.list.retry')}
              </Button>
            }
          >
            {t('cases.list.error')} {errorText(list.error)}
          </Alert>
        ) : list.status === 'loading' && list.items.length === 0 ? (
          <Typography sx={{ p: 3 }} color="text.secondary" role="status">
            {t('cases.list.loading')}
          </Typography>
        ) : list.status === 'ready' && list.items.length === 0 ? (
          <Stack
            spacing={1}
            sx={{ alignItems: 'center', textAlign: 'center', p: 5 }}
            data-testid="cases-empty"
          >
            <InboxIcon color="disabled" sx={{ fontSize: 48 }} />
            <Typography variant="h6" component="p">
              {list.search
                ? t('cases.list.emptySearch', { number: list.search.display })
                : list.scope === 'mine-today'
                  ? t('cases.list.emptyMineToday')
                  : t('cases.list.emptyRegion')}
            </Typography>
            <Typography color="text.secondary">
              {t('cases.list.emptyHelp', { shortcut: NEW_CASE_SHORTCUT })}
            </Typography>
          </Stack>
        ) : (
          <CasesTable items={list.items} />
        )}
      </Paper>
    </Stack>
  );
}

function PersonnummerSearch() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const current = useAppSelector(selectCasesList).search;
  const [input, setInput] = useState(current?.display ?? '');
  const [submitted, setSubmitted] = useState(false);
  const check = usePatientIdCheck(input);
  const idErrorText = useIdErrorText();
  const invalid = submitted && check !== null && !check.ok;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (check === null) {
      dispatch(searchSet(null));
    } else if (check.ok) {
      dispatch(searchSet({ normalized: check.value.normalized, display: check.value.display }));
    }
  };

  return (
    <Box component="form" onSubmit={submit} role="search" sx={{ width: { xs: '100%', md: 440 }, pb: 1 }}>
      <TextField
        size="small"
        label={t('cases.search.label')}
        placeholder={t('cases.search.placeholder')}
        value={input}
        onChange={(e) => {
          setInput(e.target.value);
          setSubmitted(false);
        }}
        error={invalid}
        helperText={invalid && check && !check.ok ? idErrorText(check) : ' '}
        autoComplete="off"
        slotProps={{
          htmlInput: { spellCheck: false, 'data-testid': 'case-search' },
          input: {
            endAdornment: (
              <InputAdornment position="end">
                {input && (
                  <IconButton
                    size="small"
                    aria-label={t('cases.search.clear')}
                    onClick={() => {
                      setInput('');
                      setSubmitted(false);
                      dispatch(searchSet(null));
                    }}
                  >
                    <ClearIcon fontSize="small" />
                  </IconButton>
                )}
                <IconButton size="small" type="submit" aria-label={t('cases.search.submit')}>
                  <SearchIcon fontSize="small" />
                </IconButton>
              </InputAdornment>
            ),
          },
        }}
      />
    </Box>
  );
}

function CasesTable({ items }: { items: readonly CaseListItem[] }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const format = useCaseFormat();
  const open = (id: string) => void dispatch(openCase(id));
  return (
    <TableContainer>
      <Table size="small" aria-label={t('cases.title')} data-testid="cases-table">
        <caption>{t('cases.list.caption')}</caption>
        <TableHead>
          <TableRow>
            {(
              [
                'time',
                'patient',
                'ageSex',
                'kontaktorsak',
                'bradskegrad',
                'note',
                'createdBy',
                'status',
              ] as const
            ).map((column) => (
              <TableCell key={column} sx={{ fontWeight: 600 }}>
                {t(`cases.list.columns.${column}`)}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map((item) => (
            <TableRow
              key={item.id}
              hover
              tabIndex={0}
              data-testid="case-row"
              data-case-id={item.id}
              onClick={() => open(item.id)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') open(item.id);
              }}
              sx={{
                cursor: 'pointer',
                '&:focus-visible': { outline: 2, outlineColor: 'primary.main', outlineStyle: 'solid' },
              }}
            >
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{format.when(item.createdAt)}</TableCell>
              <TableCell>
                <Typography variant="body2" sx={{ fontWeight: 600 }}>
                  {format.patientNumber(item.patient)}
                </Typography>
                <Typography variant="caption" color="text.secondary">
                  {t(`cases.patientKind.${item.patient.kind}`)}
                </Typography>
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                {item.patient.kind === 'unidentified'
                  ? '—'
                  : `${format.ageText(item.patient)}, ${format.sexText(item.patient)}`}
              </TableCell>
              <TableCell sx={{ maxWidth: 320 }}>
                <Typography variant="body2" noWrap title={item.kontaktorsak ?? undefined}>
                  {item.kontaktorsak ?? '—'}
                </Typography>
              </TableCell>
              <TableCell>
                {item.bradskegrad !== null ? <LevelChip level={item.bradskegrad} /> : '—'}
              </TableCell>
              <TableCell>
                <Chip
                  size="small"
                  variant={item.noteState === 'signed' ? 'filled' : 'outlined'}
                  color={
                    item.noteState === 'signed'
                      ? 'success'
                      : item.noteState === 'none'
                        ? 'default'
                        : 'warning'
                  }
                  label={t(`cases.list.noteState.${item.noteState}`)}
                />
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{item.createdBy.name}</TableCell>
              <TableCell>{t(`cases.status.${item.status}`)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
