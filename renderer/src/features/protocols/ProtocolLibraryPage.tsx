// The Protokoll section: search the protocol library as you type and read a protocol's questions, levels, advice and references.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  Box,
  Button,
  CircularProgress,
  InputAdornment,
  List,
  ListItem,
  ListItemButton,
  ListItemText,
  Paper,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import SearchIcon from '@mui/icons-material/Search';
import MenuBookIcon from '@mui/icons-material/MenuBook';
import { BODY_PARTS, type Protocol } from '../../../../core/triage/protocol';
import { useErrorText } from '../session/SignInPage';
import { ProtocolDetail } from './ProtocolDetail';
import { reviewSummary } from './protocolReview';
import { useAgeRangeText, useLocalized } from './protocolText';
import { useProtocolLibrary } from './useProtocolLibrary';
import { isEditableTarget } from './keyboard';

export function ProtocolLibraryPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { status, protocols, problems, error, search, retry } = useProtocolLibrary();
  const localized = useLocalized();
  const ageRange = useAgeRangeText();
  const reviewText = (protocol: Protocol) => {
    const review = reviewSummary(protocol);
    return t(review.key, review.params);
  };
  const [query, setQuery] = useState('');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);

  const shown: Protocol[] = useMemo(() => {
    if (query.trim() === '') {
      return [...protocols].sort((a, b) => localized(a.title).localeCompare(localized(b.title), 'sv'));
    }
    const byId = new Map(protocols.map((p) => [p.id, p]));
    return search
      .search(query, { limit: 50 })
      .map((hit) => byId.get(hit.id))
      .filter((p): p is Protocol => p !== undefined);
  }, [protocols, query, search, localized]);
  const selected = protocols.find((p) => p.id === selectedId) ?? null;

  // "/" jumps to the search field from anywhere in the section, as in the triage panel.
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key === '/' && !isEditableTarget(event.target) && !event.ctrlKey && !event.altKey) {
        event.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const focusItem = (index: number) => {
    const items = listRef.current?.querySelectorAll<HTMLElement>('[data-protocol-id]');
    if (!items || items.length === 0) return;
    items[Math.max(0, Math.min(index, items.length - 1))]?.focus();
  };

  const onSearchKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      focusItem(0);
    } else if (event.key === 'Enter' && shown[0]) {
      event.preventDefault();
      setSelectedId(shown[0].id);
    } else if (event.key === 'Escape') {
      setQuery('');
    }
  };

  const onListKey = (event: KeyboardEvent) => {
    const items = [...(listRef.current?.querySelectorAll<HTMLElement>('[data-protocol-id]') ?? [])];
    const index = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      focusItem(index + 1);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      if (index <= 0) searchRef.current?.focus();
      else focusItem(index - 1);
    }
  };

  return (
    <Stack spacing={2} sx={{ height: '100%', minHeight: 0 }}>
      <Box>
        <Typography variant="h5" component="h1">
          {t('protocols.title')}
        </Typography>
        <Typography color="text.secondary">{t('protocols.intro')}</Typography>
      </Box>

      {status === 'error' && error && (
        <Alert
          severity="error"
          role="alert"
          action={
            <Button color="inherit" onClick={retry}>
              {t('protocols.retry')}
            </Button>
          }
        >
          {errorText(error)}
        </Alert>
      )}
      {problems.some((p) => p.severity === 'error') && (
        <Alert severity="warning">
          {t('protocols.problems', {
            count: new Set(problems.filter((p) => p.severity === 'error').map((p) => p.file)).size,
          })}
        </Alert>
      )}

      {(status === 'loading' || status === 'idle') && (
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', p: 2 }} role="status">
          <CircularProgress size={24} aria-label={t('protocols.loading')} />
          <Typography>{t('protocols.loading')}</Typography>
        </Stack>
      )}

      {status === 'ready' && protocols.length === 0 && (
        <Paper variant="outlined" sx={{ p: 4, textAlign: 'center' }}>
          <MenuBookIcon color="disabled" sx={{ fontSize: 48 }} />
          <Typography variant="h6">{t('protocols.empty')}</Typography>
          <Typography color="text.secondary">{t('protocols.emptyHelp')}</Typography>
        </Paper>
      )}

      {status === 'ready' && protocols.length > 0 && (
        <Box
          sx={{
            display: 'grid',
            gridTemplateColumns: { xs: '1fr', md: 'minmax(320px, 420px) 1fr' },
            gap: 2,
            alignItems: 'start',
          }}
        >
          <Paper variant="outlined" sx={{ p: 2 }}>
            <TextField
              inputRef={searchRef}
              label={t('protocols.searchLabel')}
              placeholder={t('protocols.searchPlaceholder')}
              helperText={
                query.trim() === ''
                  ? `${t('protocols.count', { count: protocols.length })} · ${t('protocols.searchShortcut')}`
                  : t('protocols.matches', { count: shown.length })
              }
              value={query}
              onChange={(event) => setQuery(event.target.value)}
              onKeyDown={onSearchKey}
              autoFocus
              slotProps={{
                input: {
                  startAdornment: (
                    <InputAdornment position="start">
                      <SearchIcon />
                    </InputAdornment>
                  ),
                },
                htmlInput: { 'data-testid': 'protocol-library-search', spellCheck: false },
              }}
            />
            {shown.length === 0 ? (
              <Box sx={{ py: 3 }} role="status">
                <Typography sx={{ fontWeight: 600 }}>{t('protocols.noMatches', { query })}</Typography>
                <Typography color="text.secondary">{t('protocols.noMatchesHelp')}</Typography>
              </Box>
            ) : (
              <List
                ref={listRef}
                aria-label={t('protocols.listLabel')}
                onKeyDown={onListKey}
                data-testid="protocol-library-list"
                sx={{ mt: 1, maxHeight: { md: 'calc(100vh - 330px)' }, overflow: 'auto' }}
              >
                {shown.map((protocol) => (
                  // A list holds list items: the button goes inside one (screen readers count the items).
                  <ListItem key={protocol.id} disablePadding>
                    <ListItemButton
                      data-protocol-id={protocol.id}
                      selected={protocol.id === selectedId}
                      onClick={() => setSelectedId(protocol.id)}
                      sx={{
                        borderRadius: 1,
                        alignItems: 'flex-start',
                        // A bar as well as the tint: the tint alone is faint on a dark screen.
                        '&.Mui-selected': {
                          boxShadow: (theme) => `inset 4px 0 0 ${theme.palette.primary.main}`,
                        },
                      }}
                    >
                      <ListItemText
                        primary={localized(protocol.title)}
                        secondary={
                          <>
                            <span>
                              {localized(BODY_PARTS[protocol.bodyPart])} · {ageRange(protocol.ageYears)} ·{' '}
                              {t('protocols.version', { version: protocol.version })} · {reviewText(protocol)}
                            </span>
                            <Box component="span" sx={{ display: 'block', color: 'warning.main' }}>
                              {t('protocols.demo')}
                            </Box>
                          </>
                        }
                        slotProps={{ primary: { sx: { fontWeight: 600 } } }}
                      />
                    </ListItemButton>
                  </ListItem>
                ))}
              </List>
            )}
          </Paper>
          <Paper variant="outlined" sx={{ p: 3 }}>
            {selected ? (
              <ProtocolDetail protocol={selected} />
            ) : (
              <Stack spacing={1} sx={{ alignItems: 'center', textAlign: 'center', py: 6 }}>
                <MenuBookIcon color="disabled" sx={{ fontSize: 48 }} />
                <Typography color="text.secondary">{t('protocols.selectPrompt')}</Typography>
              </Stack>
            )}
          </Paper>
        </Box>
      )}
    </Stack>
  );
}
