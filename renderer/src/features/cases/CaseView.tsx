// The case view: patient header, repeat-caller warning, the triage and referral panels, and the advice-contact note.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Box, Button, CircularProgress, LinearProgress, Stack } from '@mui/material';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { NotesPanel } from '../notes/NotesPanel';
import { closeCase, openCase } from './caseThunks';
import {
  caseFocusAreaChanged,
  caseViewClosed,
  closeErrorDismissed,
  selectCaseView,
  triageFocused,
} from './caseViewSlice';
import { PatientHeader } from './PatientHeader';
import { RepeatCallerBanner } from './RepeatCallerBanner';
import { CaseReferralSlot, CaseTriageSlot } from './slots';
import { useBridgeErrorText } from './useBridgeErrorText';

export function CaseView() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const view = useAppSelector(selectCaseView);
  const errorText = useBridgeErrorText();

  // Alt+L goes back to the list without the mouse.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey && event.code === 'KeyL') {
        event.preventDefault();
        dispatch(caseViewClosed());
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dispatch]);

  const record = view.data?.case ?? null;
  const rootRef = useRef<HTMLDivElement>(null);
  useFocusArea(rootRef, view.focusArea);
  useTriageFocusRequest(rootRef, view.focusTriageOf);
  const repeat = view.repeat && record && view.repeat.caseId === record.id ? view.repeat.contacts : [];

  return (
    <Stack spacing={2} data-testid="case-view" ref={rootRef}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
        <Button
          startIcon={<ArrowBackIcon />}
          onClick={() => dispatch(caseViewClosed())}
          title="Alt+L"
          aria-keyshortcuts="Alt+L"
        >
          {t('cases.view.back')}
        </Button>
        {record?.status === 'open' && (
          <Button
            variant="outlined"
            onClick={() => void dispatch(closeCase(record.id))}
            disabled={view.closing}
            startIcon={view.closing ? <CircularProgress aria-hidden size={16} color="inherit" /> : undefined}
          >
            {view.closing ? t('cases.view.closing') : t('cases.view.close')}
          </Button>
        )}
      </Stack>

      {view.status === 'loading' && <LinearProgress aria-label={t('cases.view.loading')} />}
      {view.status === 'error' && view.error && (
        <Alert
          severity="error"
          role="alert"
          action={
            view.caseId && (
              <Button color="inherit" onClick={() => void dispatch(openCase(view.caseId!))}>
                {t('cases.list.retry')}
              </Button>
            )
          }
        >
          {t('cases.view.error')} {errorText(view.error)}
        </Alert>
      )}
      {view.closeError && (
        <Alert severity="error" role="alert" onClose={() => dispatch(closeErrorDismissed())}>
          {errorText(view.closeError)}
        </Alert>
      )}

      {record && view.data && (
        <>
          <PatientHeader record={record} />
          <RepeatCallerBanner contacts={repeat} />
          <Box
            sx={{
              display: 'grid',
              gap: 2,
              alignItems: 'start',
              gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: 'minmax(0, 1fr) minmax(440px, 620px)' },
              // Until a panel renders into the slots, the note takes the whole width.
              '&:has(> [data-slots]:empty)': { gridTemplateColumns: 'minmax(0, 900px)' },
              '& > [data-slots]:empty': { display: 'none' },
            }}
          >
            <Stack spacing={2} sx={{ minWidth: 0 }} data-slots>
              <CaseTriageSlot caseId={record.id} />
              <CaseReferralSlot caseId={record.id} />
            </Stack>
            <NotesPanel record={record} notes={view.data.notes} />
          </Box>
        </>
      )}
    </Stack>
  );
}

const TRIAGE_AREA = 'section[aria-labelledby^="triage-title-"]';
const NOTE_AREA = '[data-testid="note-editor"]';

/** Follows where in the case the nurse works (triage or note), so a reload can put her back there. */
function useFocusArea(rootRef: React.RefObject<HTMLDivElement | null>, current: string | null) {
  const dispatch = useAppDispatch();
  const currentRef = useRef(current);
  currentRef.current = current;
  useEffect(() => {
    const root = rootRef.current;
    if (!root) return;
    const onFocusIn = (event: FocusEvent) => {
      const target = event.target instanceof Element ? event.target : null;
      const area = target?.closest(NOTE_AREA) ? 'note' : target?.closest(TRIAGE_AREA) ? 'triage' : null;
      if (area && area !== currentRef.current) dispatch(caseFocusAreaChanged(area));
    };
    root.addEventListener('focusin', onFocusIn);
    return () => root.removeEventListener('focusin', onFocusIn);
  }, [dispatch, rootRef]);
}

/** Focus to the triage's current question (or its protocol search) once the panel shows; it waits for the library. */
function useTriageFocusRequest(rootRef: React.RefObject<HTMLDivElement | null>, caseId: string | null) {
  const dispatch = useAppDispatch();
  useEffect(() => {
    if (caseId === null) return;
    let tries = 0;
    const timer = setInterval(() => {
      const panel = rootRef.current?.querySelector<HTMLElement>(TRIAGE_AREA);
      const row = panel?.querySelector<HTMLElement>('[data-current="true"]');
      const target =
        row?.querySelector<HTMLElement>('input') ?? row ?? panel?.querySelector<HTMLElement>('input');
      tries += 1;
      if (target || tries > 100) {
        clearInterval(timer);
        target?.focus();
        dispatch(triageFocused());
      }
    }, 50);
    return () => clearInterval(timer);
  }, [caseId, dispatch, rootRef]);
}
