// How many notifications the member has not read: loaded once, counted up live, shown in the navigation.

import { api } from './api.js';
import { liveCount } from './live-count.js';
import { listen } from './stream.js';

const unread = liveCount();
export const unreadCount = unread.get;
export const watchUnread = unread.watch;
export const setUnread = unread.set;

export async function loadUnread() {
  try {
    setUnread((await api('/me/notifications', { query: { limit: 1 } })).unread_count);
  } catch {
    // The badge waits for the next notification rather than breaking the page.
  }
}

listen(({ type }) => {
  if (type === 'notification') setUnread(unreadCount() + 1);
  else if (type === 'reload') loadUnread();
});
