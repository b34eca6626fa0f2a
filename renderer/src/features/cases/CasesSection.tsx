// The "Ärenden" section: the cases list or the open case, the "Nytt ärende" form (Alt+N), refreshed when cases change.
import { useEffect } from 'react';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { getFirstline } from '../../platform/bridge';
import { IdentificationDialog } from '../identification/IdentificationDialog';
import { newCaseRequested } from '../identification/identificationSlice';
import { CaseView } from './CaseView';
import { CasesList } from './CasesList';
import { loadCases, selectCasesList } from './casesListSlice';
import { selectCaseView } from './caseViewSlice';

/** Several changes in a row (autosave while typing) refresh the list once. */
const REFRESH_DELAY_MS = 400;

export function CasesSection() {
  const dispatch = useAppDispatch();
  const { scope, search } = useAppSelector(selectCasesList);
  const openCaseId = useAppSelector(selectCaseView).caseId;
  const listShown = openCaseId === null;

  useEffect(() => {
    if (listShown) void dispatch(loadCases());
  }, [dispatch, listShown, scope, search]);

  useEffect(() => {
    if (!listShown) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = getFirstline().on('cases.changed', () => {
      clearTimeout(timer);
      timer = setTimeout(() => void dispatch(loadCases()), REFRESH_DELAY_MS);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [dispatch, listShown]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey && !event.ctrlKey && event.code === 'KeyN') {
        event.preventDefault();
        dispatch(newCaseRequested());
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dispatch]);

  return (
    <>
      {listShown ? <CasesList /> : <CaseView />}
      <IdentificationDialog />
    </>
  );
}
