// How many private messages the member has not read (their conversations and the one with the team):
// loaded from the API, counted up live, shown in the navigation beside Messages.

import { api } from './api.js';
import { listen } from './stream.js';

let unread = 0;
let reading = null;
let loading = null;
const watchers = new Set();

export function messageUnreadCount() {
  return unread;
}

export function watchMessageUnread(watcher) {
  watchers.add(watcher);
  return () => watchers.delete(watcher);
}

function set(count) {
  unread = Math.max(0, count);
  for (const watcher of [...watchers]) watcher(unread);
}

/** The conversation on screen now (its arrivals are read at once), or null. */
export function readingConversation(id) {
  reading = id;
}

export function loadMessageUnread() {
  clearTimeout(loading);
  // A short wait lets a screen mark what it shows as read first.
  loading = setTimeout(async () => {
    try {
      const [mine, team] = await Promise.all([api('/conversations', { query: { limit: 50 } }), api('/me/team-conversation', { query: { limit: 1 } })]);
      set(mine.items.reduce((sum, c) => sum + c.unread_count, 0) + team.unread_count);
    } catch {
      // The badge waits for the next message rather than breaking the page.
    }
  }, 200);
}

listen(({ type, data }) => {
  if (type === 'message.created' && !data.mine && data.conversation_id !== reading) set(unread + 1);
  else if (type === 'message.removed' || type === 'reload') loadMessageUnread();
});
