// How many notifications the member has not read: loaded once, counted up live, shown in the navigation.

import { api } from './api.js';
import { listen } from './stream.js';

let unread = 0;
const watchers = new Set();

export function unreadCount() {
  return unread;
}

/** Called with the new count whenever it changes. */
export function watchUnread(watcher) {
  watchers.add(watcher);
  return () => watchers.delete(watcher);
}

export function setUnread(count) {
  unread = Math.max(0, count);
  for (const watcher of [...watchers]) watcher(unread);
}

export async function loadUnread() {
  try {
    setUnread((await api('/me/notifications', { query: { limit: 1 } })).unread_count);
  } catch {
    // The badge waits for the next notification rather than breaking the page.
  }
}

listen(({ type }) => {
  if (type === 'notification') setUnread(unread + 1);
  else if (type === 'reload') loadUnread();
});
