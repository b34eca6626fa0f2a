// A bridge error from call handling in the nurse's language: call-specific texts first, then the shell's.
import { useTranslation } from 'react-i18next';
import type { BridgeError } from '../../../../core/api/bridge';
import { useErrorText } from '../session/SignInPage';

export function useCallErrorText() {
  const { t } = useTranslation();
  const shellText = useErrorText();
  return (error: BridgeError): string =>
    error.code === 'not_found' ? t('calls.errors.not_found') : shellText(error);
}
