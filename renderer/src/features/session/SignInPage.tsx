// Sign-in screen: HSA-id and password, with a clear Swedish message for every way sign-in can fail.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Box, Button, CircularProgress, Paper, Stack, TextField, Typography } from '@mui/material';
import type { BridgeError } from '../../../../core/api/bridge';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { clockTime } from '../../app/swedishTime';
import { selectSignInStatus, signIn, signInErrorCleared } from './sessionSlice';
import { ConnectionIndicator } from '../shell/ConnectionIndicator';

export function useErrorText() {
  const { t, i18n } = useTranslation();
  return (error: BridgeError): string => {
    if (error.code === 'account_locked') {
      const until = error.details?.lockedUntil;
      return typeof until === 'string' && !Number.isNaN(Date.parse(until))
        ? t('errors.account_locked', { time: clockTime(until, i18n.language) })
        : t('errors.account_locked_no_time');
    }
    if (error.code === 'invalid_arguments') return t('errors.invalid_arguments', { message: error.message });
    return t(`errors.${error.code}`);
  };
}

export function SignInPage() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const { signingIn, error } = useAppSelector(selectSignInStatus);
  const errorText = useErrorText();
  const [hsaId, setHsaId] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!hsaId.trim() || !password) {
      setMissing(true);
      return;
    }
    setMissing(false);
    void dispatch(signIn({ hsaId: hsaId.trim(), password }));
  };

  return (
    <Box
      sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', bgcolor: 'background.default', p: 2 }}
    >
      <Paper component="main" elevation={3} sx={{ p: 4, width: '100%', maxWidth: 420 }}>
        <Stack component="form" spacing={2.5} onSubmit={submit} noValidate aria-labelledby="sign-in-title">
          <Box>
            <Typography variant="h4" component="h1" color="primary" sx={{ fontWeight: 700 }}>
              {t('app.name')}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {t('app.tagline')}
            </Typography>
          </Box>
          <Box>
            <Typography id="sign-in-title" variant="h5" component="h2">
              {t('signIn.title')}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {t('signIn.subtitle')}
            </Typography>
          </Box>
          {(error || missing) && (
            <Alert severity="error" role="alert" onClose={() => dispatch(signInErrorCleared())}>
              {missing ? t('signIn.missingFields') : error && errorText(error)}
            </Alert>
          )}
          <TextField
            label={t('signIn.hsaId')}
            helperText={t('signIn.hsaIdHelp')}
            value={hsaId}
            onChange={(e) => setHsaId(e.target.value)}
            autoFocus
            autoComplete="username"
            slotProps={{ htmlInput: { spellCheck: false, autoCapitalize: 'characters' } }}
          />
          <TextField
            label={t('signIn.password')}
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="current-password"
          />
          <Button
            type="submit"
            variant="contained"
            size="large"
            disabled={signingIn}
            startIcon={signingIn ? <CircularProgress aria-hidden size={18} color="inherit" /> : undefined}
          >
            {signingIn ? t('signIn.submitting') : t('signIn.submit')}
          </Button>
          <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center' }}>
            <ConnectionIndicator />
            <Typography variant="caption" color="text.secondary">
              {t('signIn.demoNote')}
            </Typography>
          </Stack>
        </Stack>
      </Paper>
    </Box>
  );
}
