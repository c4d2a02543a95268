import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ensureCrossOriginIsolation } from './crossOriginIsolation';
import { datasetController, trainingController, pageStore, runHistory, urlOptions } from './store';
import { startUrlSync } from './store/services/urlSync';
import { App } from './ui/App';
import { installDebugHook } from './ui/debugHook';
import './ui/styles.css';

// Problems in the link (unknown preset, bad number) are shown, never thrown.
for (const text of urlOptions.problems) pageStore.getState().notify({ level: 'warning', code: 'url', title: 'Part of the link was ignored', text });
// Static hosts without COOP/COEP headers: a service worker adds them (threaded WASM needs them).
ensureCrossOriginIsolation();
trainingController.connect();
installDebugHook();
// The address bar follows the panel (#v=1&c=…); the history loads and offers to resume a run a reload cut off.
startUrlSync(pageStore, window);
void runHistory.init();
// Prepared files on the site and a CIFAR-10 import stored in this browser, in one state update each.
void datasetController.check();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
