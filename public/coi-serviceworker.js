/*
 * Cross-origin isolation for static hosts that cannot send headers
 * (GitHub Pages and the like). src/main.tsx registers this worker only when
 * the page is not already crossOriginIsolated; it re-serves this origin's own
 * responses with COOP/COEP (+ CORP) so SharedArrayBuffer, and with it the
 * threaded WASM backend, become available after one reload. Cross-origin
 * requests and opaque responses are passed through untouched.
 */
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  // Chrome throws on this combination; let the browser handle it.
  if (req.cache === 'only-if-cached' && req.mode !== 'same-origin') return;
  event.respondWith(
    fetch(req).then((res) => {
      if (res.status === 0 || res.type === 'opaque') return res;
      const headers = new Headers(res.headers);
      headers.set('Cross-Origin-Opener-Policy', 'same-origin');
      headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
      headers.set('Cross-Origin-Resource-Policy', 'same-origin');
      return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
    }),
  );
});
