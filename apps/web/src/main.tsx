// Noto Sans JP, regular and bold. These files are split by unicode-range, so a page downloads only
// the slices of the characters it shows (a few hundred kB) instead of the whole 1 MB+ font.
import '@fontsource/noto-sans-jp/400.css';
import '@fontsource/noto-sans-jp/700.css';
import './styles.css';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { configureApiClient } from './api/client';
import { App } from './app';
import { featureTexts } from './feature-texts';
import { restoreSession, sessionApiHooks, watchOtherTabs } from './features/auth/session-store';
import { initI18n } from './lib/i18n';
import { registerServiceWorker } from './lib/service-worker';

initI18n(featureTexts);
configureApiClient(sessionApiHooks);
watchOtherTabs();
void restoreSession();
registerServiceWorker();

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
