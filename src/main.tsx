import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ensureCrossOriginIsolation } from './bench/page/coi';
import { datasetLab, lab, labStore, runHistory, urlOptions } from './store';
import { addNotice } from './store/slices/backendSlice';
import { startUrlSync } from './store/urlSync';
import { App } from './ui/App';
import { installDebugHook } from './ui/debugHook';
import './ui/styles.css';

// Problems in the link (unknown preset, bad number) are shown, never thrown.
if (urlOptions.problems.length > 0) {
  labStore.setState((s) => ({
    notices: urlOptions.problems.reduce((n, text) => addNotice(n, { level: 'warning', code: 'url', title: 'Part of the link was ignored', text }), s.notices),
  }));
}
// Static hosts without COOP/COEP headers: a service worker adds them (threaded WASM needs them).
ensureCrossOriginIsolation();
lab.connect();
installDebugHook();
// The address bar follows the panel (#v=1&c=…); the history loads and offers to resume a run a reload cut off.
startUrlSync(labStore, window);
void runHistory.init();
// Prepared files on the site and a CIFAR-10 import stored in this browser, in one state update each.
void datasetLab.check();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
