// Test helper: renders a workstation component to its visible text in plain Node (no DOM), with a fresh store and the app's i18n.
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { Provider } from 'react-redux';
import { createAppStore, type RootState } from '../../../renderer/src/app/store';
import { i18n } from '../../../renderer/src/app/i18n';

/**
 * The text a person reads in `element`, in `language`, with the store filled from `state`. Effects do
 * not run in a server render, so nothing calls the bridge; tags become spaces and entities are decoded.
 */
export async function renderText(
  element: ReactElement,
  options: { state?: Partial<RootState>; language?: 'sv' | 'en' } = {},
): Promise<string> {
  await i18n.changeLanguage(options.language ?? 'sv');
  const { store } = createAppStore(options.state);
  const html = renderToStaticMarkup(createElement(Provider, { store, children: element }));
  return html
    .replace(/<style[^>]*>[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}
