// A bridge error in the nurse's language, including the parser's and the store's own explanations.
import { useTranslation } from 'react-i18next';
import type { BridgeError } from '../../../../core/api/bridge';
import { useErrorText } from '../session/SignInPage';

export function useBridgeErrorText() {
  const { t, i18n } = useTranslation();
  const shellText = useErrorText();
  return (error: BridgeError): string => {
    if (error.code === 'validation_failed') {
      const localized = i18n.language === 'en' ? error.details?.en : error.details?.sv;
      return t('errors.validation_failed', {
        message: typeof localized === 'string' ? localized : error.message,
      });
    }
    return shellText(error);
  };
}
