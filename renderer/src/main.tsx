// Renderer entry: connects to main through the bridge, builds the store and renders the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'react-redux';
import { I18nextProvider } from 'react-i18next';
import { createAppStore } from './app/store';
import { i18n } from './app/i18n';
import { App } from './app/App';
import { connectBridgeEvents } from './app/bridgeEvents';
import { getFirstline } from './platform/bridge';

const root = createRoot(document.getElementById('root')!);

try {
  const api = getFirstline();
  const { store } = createAppStore();
  connectBridgeEvents(api, store.dispatch);
  root.render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <Provider store={store}>
          <App />
        </Provider>
      </I18nextProvider>
    </StrictMode>,
  );
} catch {
  // Without the bridge nothing works; say so plainly instead of showing a blank window.
  root.render(<p style={{ font: '16px system-ui', padding: 32 }}>{i18n.t('errors.missingHostSecret')}</p>);
}
