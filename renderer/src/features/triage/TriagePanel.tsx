// The triage panel of a case: find protocols, work their checklist from the keyboard, watch the disposition live, override with a reason.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Box, Button, Chip, CircularProgress, Paper, Stack, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import CancelIcon from '@mui/icons-material/Cancel';
import type { PatientIdentity } from '../../../../core/identity/patientId';
import { askedQuestions, type Protocol } from '../../../../core/triage/protocol';
import type { TriageAnswerValue, TriageOverride, TriageRecord } from '../../../../core/triage/record';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { useLocalized } from '../protocols/protocolText';
import { useProtocolLibrary } from '../protocols/useProtocolLibrary';
import { useErrorText } from '../session/SignInPage';
import { triageAgeYears } from './age';
import { DispositionPanel, DispositionStrip } from './DispositionPanel';
import { OverrideDialog } from './OverrideDialog';
import { ProvisionalSignDialog } from './ProvisionalSignDialog';
import { ProtocolPicker } from './ProtocolPicker';
import { AgeField } from './AgeField';
import { AlarmWordAlert } from './AlarmWordAlert';
import { PhoneMenuConflicts } from './PhoneMenuConflicts';
import { FindingsPanel } from './FindingsPanel';
import { TriageChecklist } from './TriageChecklist';
import { SaveStatus, ShortcutLegend } from './TriageStatusLine';
import { TriageRecordView } from './TriageRecordView';
import { useProtocolSearchShortcut } from './useProtocolSearchShortcut';
import {
  ageTyped,
  answerGiven,
  contextAnswered,
  emptyCaseTriage,
  findingEntered,
  overrideCleared,
  overrideSet,
  phoneMenuResolved,
  protocolAdded,
  protocolRemoved,
  riskFactorsEntered,
  saveRetried,
  selectCaseTriage,
  sexTyped,
  triageOpened,
  triageSex,
} from './triageSlice';
import { checklistItems, itemKey, rowAfterAnswer, viewCaseTriage } from './triageView';

const EMPTY = emptyCaseTriage();

export function TriagePanel({
  caseId,
  patient,
  stored,
  readOnly = false,
}: {
  caseId: string;
  patient: PatientIdentity;
  /** The triage record the case has stored (null before any triage). */
  stored: TriageRecord | null;
  /** A closed case: shown, not changed. */
  readOnly?: boolean;
}) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const errorText = useErrorText();
  const localized = useLocalized();
  const library = useProtocolLibrary();
  const birthDate = patient.kind === 'unidentified' ? null : (patient.birthDate ?? null);
  // The sex from the personnummer (or reservnummer) when known: protocols and questions for the other sex are not asked.
  const sex = patient.kind === 'unidentified' ? null : (patient.sex ?? null);

  useEffect(() => {
    dispatch(triageOpened({ caseId, stored, birthDate, sex }));
  }, [dispatch, caseId, stored, birthDate, sex]);

  const triage = useAppSelector((state) => selectCaseTriage(state, caseId)) ?? EMPTY;
  // Counted by calendar day, so the same number on every render of a day (the evaluation below is memoised on it).
  const ageYears = triageAgeYears(triage, new Date());
  const view = useMemo(
    () => viewCaseTriage(library.protocols, triage, ageYears),
    [library.protocols, triage, ageYears],
  );
  const items = useMemo(() => checklistItems(view), [view]);

  const searchRef = useRef<HTMLInputElement>(null);
  const [current, setCurrent] = useState<string | null>(null);
  const advanceFrom = useRef<string | null>(null);
  const [overrideOpen, setOverrideOpen] = useState(false);

  // "/" or Ctrl+K: to the protocol search from anywhere in the case, also before the library has loaded.
  const searchWaiting = useProtocolSearchShortcut(searchRef, library.status === 'ready');

  // After an answer, go on to the question the engine suggests (computed from the new answers).
  useEffect(() => {
    if (advanceFrom.current === null) return;
    const from = advanceFrom.current;
    advanceFrom.current = null;
    setCurrent(rowAfterAnswer(view, items, from));
  }, [view, items]);

  // The current row must exist: start at the suggested question, or the first row.
  const currentExists = current !== null && items.some((item) => item.key === current);
  useEffect(() => {
    if (currentExists || items.length === 0) return;
    const next = view.result.nextQuestion;
    setCurrent(next ? itemKey(next.protocolId, next.questionId) : (items[0]?.key ?? null));
  }, [currentExists, items, view.result.nextQuestion]);

  // While the full disposition panel is scrolled out of sight, a slim strip keeps the level in view.
  const panelRef = useRef<HTMLDivElement>(null);
  const dispositionRef = useRef<HTMLDivElement>(null);
  const [dispositionVisible, setDispositionVisible] = useState(true);
  const hasProtocols = view.protocols.length > 0;
  useEffect(() => {
    const element = dispositionRef.current;
    if (!element || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      ([entry]) => setDispositionVisible(entry?.isIntersecting ?? true),
      {
        threshold: 0.25,
      },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [hasProtocols]);

  const pick = (protocol: Protocol) => {
    dispatch(protocolAdded({ caseId, protocol: { id: protocol.id, version: protocol.version } }));
    // Straight on to the questions: the first one of the new protocol that needs an answer.
    const first = askedQuestions(protocol)[0];
    advanceFrom.current = null;
    if (first) setCurrent(itemKey(protocol.id, protocol.contextQuestions[0]?.id ?? first.id));
    requestAnimationFrame(() => {
      const row = panelRef.current?.querySelector<HTMLElement>('[data-current="true"]');
      (row?.querySelector<HTMLElement>('input') ?? row)?.focus();
    });
  };

  const answer = (protocolId: string, questionId: string, value: TriageAnswerValue) => {
    const protocol = view.protocols.find((p) => p.id === protocolId);
    if (!protocol || readOnly) return;
    advanceFrom.current = itemKey(protocolId, questionId);
    dispatch(
      answerGiven({
        caseId,
        answer: {
          protocolId,
          protocolVersion: protocol.version,
          questionId,
          value,
          answeredAt: new Date().toISOString(),
        },
      }),
    );
  };

  const contextAnswer = (protocolId: string, questionId: string, value: string) => {
    if (readOnly) return;
    dispatch(
      contextAnswered({
        caseId,
        answer: { protocolId, questionId, value, answeredAt: new Date().toISOString() },
      }),
    );
  };

  const saveOverride = (override: TriageOverride) => {
    dispatch(overrideSet({ caseId, override }));
    setOverrideOpen(false);
  };

  if (library.status === 'error' && library.error) {
    return (
      <Paper variant="outlined" sx={{ p: 2 }} data-testid="triage-panel">
        <Alert
          severity="error"
          role="alert"
          action={
            <Button color="inherit" onClick={library.retry}>
              {t('triage.library.retry')}
            </Button>
          }
        >
          {errorText(library.error)}
        </Alert>
      </Paper>
    );
  }
  if (library.status !== 'ready') {
    return (
      <Paper variant="outlined" sx={{ p: 2 }} data-testid="triage-panel">
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }} role="status">
          <CircularProgress aria-hidden size={22} />
          <Typography>
            {t('triage.library.loading')}
            {searchWaiting && ` ${t('triage.library.searchWaiting')}`}
          </Typography>
        </Stack>
      </Paper>
    );
  }

  const engineLevel = view.result.disposition?.level ?? null;

  return (
    <Paper
      ref={panelRef}
      variant="outlined"
      component="section"
      aria-labelledby={`triage-title-${caseId}`}
      data-testid="triage-panel"
      sx={{ p: 2, containerType: 'inline-size' }}
    >
      <Stack spacing={2}>
        <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <Typography id={`triage-title-${caseId}`} variant="h6" component="h2">
            {t('triage.title')}
          </Typography>
          <AgeField
            birthDate={birthDate}
            ageYears={ageYears}
            typedAgeYears={triage.typedAgeYears}
            readOnly={readOnly}
            onChange={(value) => dispatch(ageTyped({ caseId, ageYears: value }))}
          />
          <Box sx={{ flex: 1 }} />
          <SaveStatus
            status={triage.saveStatus}
            savedAt={triage.savedAt}
            error={triage.saveError ? errorText(triage.saveError) : null}
            onRetry={() => dispatch(saveRetried({ caseId }))}
          />
        </Stack>

        {readOnly && <Alert severity="info">{t('triage.readOnly')}</Alert>}

        <PhoneMenuConflicts
          contradictions={view.phoneMenuContradictions}
          readOnly={readOnly}
          onKeepNurse={(c) =>
            dispatch(
              phoneMenuResolved({
                caseId,
                resolution: { code: c.code, kept: 'nurse', resolvedAt: new Date().toISOString() },
              }),
            )
          }
          onKeepMenu={(c) => {
            // The menu's answer becomes the triage's: a "yes" on the first question asked, a "no" on those answered yes.
            const targets = c.menuAnswer === 'yes' ? c.questions.slice(0, 1) : c.questions;
            for (const q of targets) answer(q.protocolId, q.questionId, c.menuAnswer);
            dispatch(
              phoneMenuResolved({
                caseId,
                resolution: { code: c.code, kept: 'phone-menu', resolvedAt: new Date().toISOString() },
              }),
            );
          }}
        />

        {!readOnly && (
          <AlarmWordAlert
            caseId={caseId}
            contextAnswers={triage.contextAnswers}
            level={view.final?.level ?? null}
          />
        )}

        {!readOnly && (
          <ProtocolPicker
            library={library.protocols}
            search={library.search}
            chosenIds={triage.protocols.map((p) => p.id)}
            ageYears={ageYears}
            sex={triageSex(triage)}
            onPick={pick}
            inputRef={searchRef}
          />
        )}

        <Stack
          direction="row"
          spacing={1}
          useFlexGap
          sx={{ flexWrap: 'wrap', alignItems: 'center' }}
          aria-label={t('triage.protocols.label')}
          data-testid="triage-chosen"
        >
          {view.protocols.length === 0 && (
            <Typography color="text.secondary">{t('triage.protocols.none')}</Typography>
          )}
          {view.protocols.map((protocol) => {
            const answered = triage.answers.some((a) => a.protocolId === protocol.id);
            return (
              <Chip
                key={protocol.id}
                data-protocol-id={protocol.id}
                label={`${localized(protocol.title)} · ${protocol.version}`}
                onDelete={
                  readOnly || answered
                    ? undefined
                    : () => dispatch(protocolRemoved({ caseId, protocolId: protocol.id }))
                }
                title={answered ? t('triage.protocols.removeBlocked') : undefined}
                deleteIcon={
                  <CancelIcon
                    aria-label={t('triage.protocols.remove', { title: localized(protocol.title) })}
                  />
                }
              />
            );
          })}
          {view.protocols.length > 0 && !readOnly && (
            <Button
              size="small"
              startIcon={<AddIcon />}
              onClick={() => searchRef.current?.focus()}
              data-testid="triage-add-protocol"
            >
              {t('triage.protocols.add')}
            </Button>
          )}
        </Stack>

        <FindingsPanel
          caseId={caseId}
          findings={triage.findings}
          sex={triageSex(triage)}
          sexFromIdentity={sex !== null}
          needed={view.result.findingsNeeded}
          readOnly={readOnly}
          onSex={(value) => dispatch(sexTyped({ caseId, sex: value }))}
          onFinding={(finding, value) => dispatch(findingEntered({ caseId, finding, value }))}
          onRiskFactors={(riskFactors) => dispatch(riskFactorsEntered({ caseId, riskFactors }))}
        />

        {view.missing.map((p) => (
          <Alert key={p.id} severity="warning">
            {t('triage.protocols.missing', { id: p.id, version: p.version })}
          </Alert>
        ))}
        {view.versionChanges.map((change) => {
          const protocol = view.protocols.find((p) => p.id === change.id);
          return (
            <Alert key={change.id} severity="warning">
              {t('triage.protocols.versionChanged', {
                title: protocol ? localized(protocol.title) : change.id,
                recorded: change.recorded,
                current: change.current,
              })}
            </Alert>
          );
        })}

        {view.protocols.length > 0 && (
          <Box
            sx={{
              display: 'grid',
              gap: 2,
              gridTemplateColumns: 'minmax(0, 1fr)',
              alignItems: 'start',
              // Side by side when the panel is wide (disposition kept in view); stacked, disposition first, when not.
              '@container (min-width: 980px)': { gridTemplateColumns: 'minmax(0, 1fr) 340px' },
            }}
          >
            <Box
              ref={dispositionRef}
              sx={{
                '@container (min-width: 980px)': { gridColumn: 2, gridRow: 1, position: 'sticky', top: 0 },
              }}
            >
              <DispositionPanel
                view={view}
                withdrawnOverride={triage.withdrawnOverride}
                onOverride={() => setOverrideOpen(true)}
                readOnly={readOnly || engineLevel === null}
              />
            </Box>
            <Box sx={{ minWidth: 0, '@container (min-width: 980px)': { gridColumn: 1, gridRow: 1 } }}>
              {/* No height of its own: the strip floats over the rows instead of pushing them when it appears. */}
              <Box sx={{ position: 'sticky', top: 0, height: 0, zIndex: 2, overflow: 'visible' }}>
                {!dispositionVisible && <DispositionStrip view={view} />}
              </Box>
              <TriageChecklist
                view={view}
                items={items}
                contextAnswers={triage.contextAnswers}
                current={currentExists ? current : null}
                onCurrentChange={setCurrent}
                onAnswer={answer}
                onContextAnswer={contextAnswer}
                readOnly={readOnly}
              />
            </Box>
          </Box>
        )}

        <ShortcutLegend />

        {stored && (stored.protocols.length > 0 || stored.answers.length > 0) && (
          <TriageRecordView record={stored} library={library.protocols} />
        )}
      </Stack>

      <ProvisionalSignDialog
        caseId={caseId}
        view={view}
        onBackToQuestions={() => {
          const next = view.result.nextQuestion;
          if (next) setCurrent(itemKey(next.protocolId, next.questionId));
        }}
      />
      {engineLevel !== null && (
        <OverrideDialog
          open={overrideOpen}
          engineLevel={engineLevel}
          current={view.override}
          onSave={saveOverride}
          onRemove={() => {
            dispatch(overrideCleared({ caseId }));
            setOverrideOpen(false);
          }}
          onClose={() => setOverrideOpen(false)}
        />
      )}
    </Paper>
  );
}
