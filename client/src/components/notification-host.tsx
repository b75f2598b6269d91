import '@mantine/notifications/styles.css';
import { useNotifications } from '@mantine/notifications';
import { lazy, Suspense, useState } from 'react';

// The toasts' code (with its transition library) downloads with the first notification: most
// visits show none, and the first screen on a slow link is smaller without it.
const Notifications = lazy(async () => ({ default: (await import('./notification-toasts.ts')).Notifications }));

/** Where `notifications.show(…)` appears; mounted once, in the signed-in layout. */
export function NotificationHost() {
  const { notifications } = useNotifications();
  const [used, setUsed] = useState(false);
  if (!used && notifications.length > 0) setUsed(true);
  return used ? (
    <Suspense fallback={null}>
      <Notifications position="top-right" />
    </Suspense>
  ) : null;
}
