/**
 * Static-host fallback for cross-origin isolation: when the server sent no
 * COOP/COEP headers, register public/coi-serviceworker.js (production builds
 * only) and reload once when it takes control. A sessionStorage flag makes
 * sure a browser that refuses the worker never loops.
 */
export function ensureCrossOriginIsolation(): void {
  if (typeof window === 'undefined' || window.crossOriginIsolated || !window.isSecureContext) return;
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const KEY = 'sparse-lab-coi-reloaded';
  void navigator.serviceWorker.register(`${import.meta.env.BASE_URL}coi-serviceworker.js`).then((reg) => {
    if (sessionStorage.getItem(KEY)) return; // one reload at most per tab session
    const reload = () => {
      sessionStorage.setItem(KEY, '1');
      location.reload();
    };
    if (navigator.serviceWorker.controller) reload();
    else navigator.serviceWorker.addEventListener('controllerchange', reload, { once: true });
    void reg;
  }, () => undefined);
}
