// The keyboard checklist: per protocol its context questions, then its triage questions most urgent first, answered with J / N / ?.
//
// One row is current (highlighted, focused); the arrows move it, J/N/? answer it, and after an answer
// the row moves on to the question the engine suggests. Answers may be given in any order.
import { useEffect, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Box, Chip, Stack, TextField, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import type { ContextQuestion } from '../../../../core/triage/protocol';
import type { ProtocolResult, QuestionState } from '../../../../core/triage/engine';
import type { TriageAnswerValue } from '../../../../core/triage/record';
import { isEditableTarget } from '../protocols/keyboard';
import { useAgeRangeText, useLocalized } from '../protocols/protocolText';
import { LevelChip } from './LevelChip';
import { kbdSx } from './ProtocolPicker';
import type { ContextAnswer } from './triageSlice';
import { itemKey, type ChecklistItem, type CaseTriageView } from './triageView';

const ANSWER_KEYS: Record<string, TriageAnswerValue> = { j: 'yes', n: 'no', '?': 'unsure' };
const ANSWER_SHORTCUT: Record<TriageAnswerValue, string> = { yes: 'J', no: 'N', unsure: '?' };

export function TriageChecklist({
  view,
  items,
  contextAnswers,
  current,
  onCurrentChange,
  onAnswer,
  onContextAnswer,
  readOnly,
}: {
  view: CaseTriageView;
  items: readonly ChecklistItem[];
  contextAnswers: readonly ContextAnswer[];
  current: string | null;
  onCurrentChange: (key: string) => void;
  onAnswer: (protocolId: string, questionId: string, value: TriageAnswerValue) => void;
  onContextAnswer: (protocolId: string, questionId: string, value: string) => void;
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const ageRange = useAgeRangeText();
  const rows = useRef(new Map<string, HTMLElement>());

  const results = new Map(view.result.protocols.map((p) => [p.protocolId, p]));
  const stateOf = (item: ChecklistItem): QuestionState | undefined =>
    item.kind === 'triage'
      ? results.get(item.protocolId)?.questions.find((q) => q.id === item.questionId)
      : undefined;
  // Rows the nurse moves through: questions not asked at this age are skipped.
  const navigable = items.filter((item) => item.kind === 'context' || stateOf(item)?.applicable);
  const suggested = view.result.nextQuestion
    ? itemKey(view.result.nextQuestion.protocolId, view.result.nextQuestion.questionId)
    : null;

  // Keeps the current row in view and focused when it changes from the keyboard or after an answer.
  useEffect(() => {
    if (!current) return;
    const row = rows.current.get(current);
    if (!row) return;
    const input = row.querySelector<HTMLInputElement>('input[type="text"], input[type="number"], textarea');
    const target = input ?? row;
    if (!row.contains(document.activeElement) || document.activeElement === row) target.focus();
    row.scrollIntoView?.({ block: 'nearest' });
  }, [current]);

  const move = (step: 1 | -1) => {
    const index = navigable.findIndex((item) => item.key === current);
    const next = navigable[Math.max(0, Math.min(navigable.length - 1, index + step))];
    if (next) onCurrentChange(next.key);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      move(event.key === 'ArrowDown' ? 1 : -1);
      return;
    }
    const item = items.find((candidate) => candidate.key === current);
    if (!item || readOnly) return;
    if (event.key === 'Enter' && item.kind === 'context' && isEditableTarget(event.target)) {
      event.preventDefault();
      move(1);
      return;
    }
    if (isEditableTarget(event.target)) return;
    const value = ANSWER_KEYS[event.key.toLowerCase()];
    if (!value) return;
    if (item.kind === 'triage') {
      if (!stateOf(item)?.applicable) return;
      event.preventDefault();
      onAnswer(item.protocolId, item.questionId, value);
    } else if (item.question.kind === 'yesno' && value !== 'unsure') {
      event.preventDefault();
      onContextAnswer(item.protocolId, item.question.id, value);
      move(1);
    }
  };

  const rowProps = (key: string) => ({
    ref: (element: HTMLElement | null) => {
      if (element) rows.current.set(key, element);
      else rows.current.delete(key);
    },
    tabIndex: key === current ? 0 : -1,
    'data-row-key': key,
    'data-current': key === current ? 'true' : undefined,
    onFocus: () => {
      if (key !== current) onCurrentChange(key);
    },
    onClick: (event: MouseEvent) => {
      if (key !== current) onCurrentChange(key);
      if (!isEditableTarget(event.target)) rows.current.get(key)?.focus();
    },
    sx: rowSx(key === current),
  });

  return (
    <Stack
      spacing={2}
      onKeyDown={onKeyDown}
      aria-label={t('triage.checklist.label')}
      data-testid="triage-checklist"
    >
      {view.protocols.map((protocol) => {
        const result = results.get(protocol.id);
        if (!result) return null;
        return (
          <Box
            component="section"
            key={protocol.id}
            data-protocol-id={protocol.id}
            aria-label={localized(protocol.title)}
          >
            <Stack direction="row" spacing={1} sx={{ alignItems: 'baseline', flexWrap: 'wrap', mb: 1 }}>
              <Typography variant="h6" component="h3">
                {localized(protocol.title)}
              </Typography>
              <Typography variant="body2" color="text.secondary">
                {t('protocols.version', { version: protocol.version })}
              </Typography>
            </Stack>
            {!result.applicable && (
              <Typography color="warning.main" sx={{ mb: 1 }}>
                {t('triage.checklist.protocolNotForAge', { range: ageRange(protocol.ageYears) })}
              </Typography>
            )}
            {protocol.contextQuestions.length > 0 && (
              <>
                <Typography variant="overline" color="text.secondary" component="h4">
                  {t('triage.checklist.context')}
                </Typography>
                <Stack spacing={0.5} sx={{ mb: 1.5 }}>
                  {protocol.contextQuestions.map((question) => {
                    const key = itemKey(protocol.id, question.id);
                    const answer = contextAnswers.find(
                      (a) => a.protocolId === protocol.id && a.questionId === question.id,
                    );
                    return (
                      <Box
                        key={key}
                        {...rowProps(key)}
                        role="group"
                        aria-label={localized(question.text)}
                        data-question-id={question.id}
                      >
                        <ContextRow
                          question={question}
                          value={answer?.value ?? ''}
                          readOnly={readOnly}
                          onChange={(value) => onContextAnswer(protocol.id, question.id, value)}
                        />
                      </Box>
                    );
                  })}
                </Stack>
              </>
            )}
            <Typography variant="overline" color="text.secondary" component="h4">
              {t('triage.checklist.questions')}
            </Typography>
            <Stack spacing={0.5}>
              {result.questions
                .filter((question) => question.kind === 'question')
                .map((question) => {
                  const key = itemKey(protocol.id, question.id);
                  return (
                    <Box
                      key={key}
                      {...rowProps(key)}
                      role="group"
                      aria-label={localized(question.text)}
                      data-question-id={question.id}
                      data-answer={question.answer ?? ''}
                      data-applicable={question.applicable ? 'true' : 'false'}
                      data-decides={question.decides ? 'true' : undefined}
                    >
                      <QuestionRow
                        protocol={result}
                        question={question}
                        ageRangeText={ageRange(
                          protocol.questions.find((q) => q.id === question.id)?.ageYears,
                        )}
                        suggested={key === suggested}
                        readOnly={readOnly}
                        onAnswer={(value) => onAnswer(protocol.id, question.id, value)}
                      />
                    </Box>
                  );
                })}
            </Stack>
          </Box>
        );
      })}
    </Stack>
  );
}

/** A chosen answer is filled, not just tinted: it must be seen at a glance, in both modes. */
const answerButtonSx = {
  px: 1.25,
  gap: 0.75,
  '&.Mui-selected, &.Mui-selected:hover': {
    bgcolor: 'primary.main',
    color: 'primary.contrastText',
    '& kbd': { color: 'primary.contrastText', borderColor: 'primary.contrastText', bgcolor: 'transparent' },
  },
} as const;

function rowSx(current: boolean) {
  return {
    display: 'flex',
    gap: 1.5,
    alignItems: 'center',
    px: 1.5,
    py: 1,
    borderRadius: 1,
    border: 2,
    borderColor: current ? 'primary.main' : 'transparent',
    bgcolor: current ? 'action.selected' : 'transparent',
    cursor: 'pointer',
    outline: 'none',
    // Rows scrolled to from the keyboard stay clear of the floating disposition strip.
    scrollMarginTop: 80,
    scrollMarginBottom: 16,
    '&:hover': { bgcolor: current ? 'action.selected' : 'action.hover' },
  } as const;
}

function QuestionRow({
  protocol,
  question,
  ageRangeText,
  suggested,
  readOnly,
  onAnswer,
}: {
  protocol: ProtocolResult;
  question: QuestionState;
  ageRangeText: string;
  suggested: boolean;
  readOnly: boolean;
  onAnswer: (value: TriageAnswerValue) => void;
}) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const asked = question.applicable && protocol.applicable;
  return (
    <>
      <LevelChip
        level={question.level}
        // A fixed width keeps the questions in one column; the longest labels wrap to two lines.
        // A question not asked is grey, not faded: greyscale keeps the label's contrast (WCAG AA).
        sx={{ width: 136, flexShrink: 0, whiteSpace: 'normal', filter: asked ? undefined : 'grayscale(1)' }}
      />
      <Box sx={{ flex: 1, minWidth: 0 }}>
        <Typography sx={{ fontWeight: asked ? 600 : 400, color: asked ? 'text.primary' : 'text.secondary' }}>
          {localized(question.text)}
        </Typography>
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
          {!question.applicable && protocol.applicable && (
            <Typography variant="body2" color="text.secondary">
              {question.notApplicable && question.notApplicable.reason !== 'age'
                ? localized(question.notApplicable.message)
                : t('triage.checklist.notForAge', { range: ageRangeText })}
            </Typography>
          )}
          {question.decides && (
            <Chip
              size="small"
              color="primary"
              label={t('triage.checklist.decides')}
              data-testid="decides-chip"
            />
          )}
          {suggested && (
            <Chip size="small" variant="outlined" color="primary" label={t('triage.checklist.suggested')} />
          )}
          {question.answer === 'unsure' && (
            <Typography variant="body2" color="text.secondary">
              {t('triage.checklist.answers.unsure')} {t(`triage.checklist.unsureCounts.${question.unsure}`)}
            </Typography>
          )}
        </Stack>
      </Box>
      <ToggleButtonGroup
        exclusive
        size="small"
        value={question.answer}
        disabled={!asked || readOnly}
        onChange={(_event, value: TriageAnswerValue | null) => {
          if (value) onAnswer(value);
        }}
        aria-label={localized(question.text)}
      >
        {(['yes', 'no', 'unsure'] as const).map((value) => (
          <ToggleButton key={value} value={value} tabIndex={-1} sx={answerButtonSx}>
            {t(`triage.checklist.answers.${value}`)}
            <Box component="kbd" sx={{ ...kbdSx, fontSize: '0.7rem', px: 0.5 }}>
              {ANSWER_SHORTCUT[value]}
            </Box>
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
    </>
  );
}

function ContextRow({
  question,
  value,
  readOnly,
  onChange,
}: {
  question: ContextQuestion;
  value: string;
  readOnly: boolean;
  onChange: (value: string) => void;
}) {
  const { t } = useTranslation();
  const localized = useLocalized();
  if (question.kind === 'yesno') {
    return (
      <>
        <Typography sx={{ flex: 1 }}>{localized(question.text)}</Typography>
        <ToggleButtonGroup
          exclusive
          size="small"
          value={value === '' ? null : value}
          disabled={readOnly}
          onChange={(_event, next: string | null) => onChange(next ?? '')}
          aria-label={localized(question.text)}
        >
          {(['yes', 'no'] as const).map((answer) => (
            <ToggleButton key={answer} value={answer} tabIndex={-1} sx={answerButtonSx}>
              {t(`triage.checklist.answers.${answer}`)}
              <Box component="kbd" sx={{ ...kbdSx, fontSize: '0.7rem', px: 0.5 }}>
                {ANSWER_SHORTCUT[answer]}
              </Box>
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
      </>
    );
  }
  return (
    <>
      <Typography sx={{ flex: 1 }}>{localized(question.text)}</Typography>
      <TextField
        size="small"
        sx={{ width: { xs: '45%', sm: 260 } }}
        fullWidth={false}
        type={question.kind === 'number' ? 'number' : 'text'}
        label={t('triage.checklist.contextAnswer')}
        value={value}
        disabled={readOnly}
        onChange={(event) => onChange(event.target.value)}
        // The record keeps up to 500 characters per context answer; the field stops there.
        slotProps={{ htmlInput: { 'aria-label': localized(question.text), maxLength: 500 } }}
      />
    </>
  );
}
