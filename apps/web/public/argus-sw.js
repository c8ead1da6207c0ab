// Argus service worker: shows Web Push alerts and opens the alert when one is clicked.
// The payload is JSON from the server: { title, body, image?, url, alertId, cameraId }.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('push', (event) => {
  let message = {};
  try {
    message = event.data ? event.data.json() : {};
  } catch {
    message = { title: 'Argus alert', body: event.data ? event.data.text() : '' };
  }
  const origin = self.location.origin;
  const absolute = (path) => (path ? new URL(path, origin).href : undefined);
  const options = {
    body: message.body || '',
    // The snapshot (a link signed for this user) as the large picture, where the platform shows one.
    image: absolute(message.image),
    icon: absolute('/favicon.svg'),
    badge: absolute('/favicon.svg'),
    tag: message.alertId ? `argus-alert-${message.alertId}` : undefined,
    timestamp: Date.now(),
    data: { url: absolute(message.url || '/alerts') },
  };
  event.waitUntil(self.registration.showNotification(message.title || 'Argus alert', options));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = (event.notification.data && event.notification.data.url) || new URL('/alerts', self.location.origin).href;
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      for (const client of windows) {
        if (new URL(client.url).origin === self.location.origin && 'navigate' in client) {
          return client.focus().then(() => client.navigate(url));
        }
      }
      return self.clients.openWindow(url);
    }),
  );
});
