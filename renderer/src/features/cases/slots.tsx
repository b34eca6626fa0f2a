// Places in the case view where the triage and referral panels plug in; their engineers replace these bodies.
import { useAppSelector } from '../../app/hooks';
import { ReferralPanel } from '../referral/ReferralPanel';
import { TriagePanel } from '../triage/TriagePanel';
import { selectOpenCase } from './caseViewSlice';

/** The triage panel of a case (protocol search, questions, disposition), for the case open in the view. */
export function CaseTriageSlot({ caseId }: { caseId: string }) {
  const record = useAppSelector(selectOpenCase);
  if (!record || record.id !== caseId) return null;
  return (
    <TriagePanel
      caseId={caseId}
      patient={record.patient}
      stored={record.triage}
      readOnly={record.status === 'closed'}
    />
  );
}

/** The referral panel of a case (suggested care units and the choice), once triage gives a disposition. */
export function CaseReferralSlot({ caseId }: { caseId: string }) {
  const record = useAppSelector(selectOpenCase);
  if (!record || record.id !== caseId) return null;
  return <ReferralPanel record={record} />;
}
