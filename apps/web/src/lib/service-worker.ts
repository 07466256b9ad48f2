/**
 * The installable app (PWA): /sw.js keeps the app shell for offline use and shows Web Push
 * notifications. Registered in production builds only (the dev server reloads modules itself).
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined);
  });
}
