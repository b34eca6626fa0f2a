// The dialog shown when main refuses to sign over a provisional triage: what is still open, and the ways on.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  List,
  ListItem,
  ListItemText,
} from '@mui/material';
import {
  PROVISIONAL_SIGN_REASON_CODES,
  PROVISIONAL_SIGN_REASON_LABELS,
} from '../../../../core/triage/record';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { provisionalRefusalDismissed, selectProvisionalRefusal } from '../notes/notesSlice';
import { useLocalized } from '../protocols/protocolText';
import { DISPOSITION_LADDER } from '../../../../core/triage/dispositionLadder';
import { signWhenTriageSaved, signWithProvisionalReason } from './provisionalSign';
import type { CaseTriageView } from './triageView';

/** At most this many open items are listed; the rest are counted. */
const LISTED = 5;

export function ProvisionalSignDialog({
  caseId,
  view,
  onBackToQuestions,
}: {
  caseId: string;
  view: CaseTriageView;
  onBackToQuestions: () => void;
}) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const localized = useLocalized();
  const refusal = useAppSelector(selectProvisionalRefusal);
  const [failed, setFailed] = useState(false);
  const open = refusal?.caseId === caseId;
  const reasons = view.result.provisionalReasons;
  const complete = view.result.complete;
  // No reason signs past a contradiction with the phone menu: it is resolved in the triage first.
  const conflicts = view.phoneMenuContradictions.length > 0;

  const back = () => {
    dispatch(provisionalRefusalDismissed());
    setFailed(false);
    onBackToQuestions();
  };
  const signWith = async (code: (typeof PROVISIONAL_SIGN_REASON_CODES)[number]) => {
    setFailed(false);
    const outcome = await dispatch(signWithProvisionalReason({ caseId, code })).unwrap();
    if (outcome === 'save-failed') setFailed(true);
  };

  return (
    <Dialog
      open={open}
      onClose={back}
      aria-labelledby="provisional-sign-title"
      data-testid="provisional-sign"
    >
      <DialogTitle id="provisional-sign-title">{t('triage.provisionalSign.title')}</DialogTitle>
      <DialogContent>
        {conflicts ? (
          <DialogContentText data-testid="provisional-phone-menu">
            {t('triage.provisionalSign.phoneMenu')}
          </DialogContentText>
        ) : complete ? (
          <DialogContentText>{t('triage.provisionalSign.nowComplete')}</DialogContentText>
        ) : (
          <>
            <DialogContentText>{t('triage.provisionalSign.intro')}</DialogContentText>
            <List dense aria-label={t('triage.provisionalSign.open')} data-testid="provisional-open-items">
              {reasons.slice(0, LISTED).map((reason) => (
                <ListItem key={`${reason.protocolId}/${reason.itemId}`} disableGutters>
                  <ListItemText
                    primary={localized(reason.text)}
                    secondary={`${reason.level} ${localized(DISPOSITION_LADDER[reason.level].label)}`}
                  />
                </ListItem>
              ))}
              {reasons.length > LISTED && (
                <ListItem disableGutters>
                  <ListItemText
                    primary={t('triage.provisionalSign.more', { count: reasons.length - LISTED })}
                  />
                </ListItem>
              )}
            </List>
          </>
        )}
        {failed && <Alert severity="error">{t('triage.provisionalSign.failed')}</Alert>}
      </DialogContent>
      <DialogActions sx={{ flexWrap: 'wrap', gap: 1 }}>
        <Button variant="contained" onClick={back} autoFocus>
          {t('triage.provisionalSign.back')}
        </Button>
        {conflicts ? null : complete ? (
          <Button variant="outlined" onClick={() => void dispatch(signWhenTriageSaved(caseId))}>
            {t('triage.provisionalSign.signNow')}
          </Button>
        ) : (
          PROVISIONAL_SIGN_REASON_CODES.map((code) => (
            <Button key={code} variant="outlined" color="warning" onClick={() => void signWith(code)}>
              {t('triage.provisionalSign.signWith', {
                reason: localized(PROVISIONAL_SIGN_REASON_LABELS[code]),
              })}
            </Button>
          ))
        )}
      </DialogActions>
    </Dialog>
  );
}
