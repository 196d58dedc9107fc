// How many of the member's conversations (with members, and the one with the team) hold a message they
// have not read: the API's total over every conversation, reloaded as messages arrive, shown beside Messages.

import { api } from './api.js';
import { liveCount } from './live-count.js';
import { listen } from './stream.js';

const unread = liveCount();
let reading = null;
let loading = null;
export const messageUnreadCount = unread.get;
export const watchMessageUnread = unread.watch;

/** The conversation on screen now (its arrivals are read at once), or null. */
export function readingConversation(id) {
  reading = id;
}

export function loadMessageUnread() {
  clearTimeout(loading);
  // A short wait lets a screen mark what it shows as read first.
  loading = setTimeout(async () => {
    try {
      const [mine, team] = await Promise.all([api('/conversations', { query: { limit: 1 } }), api('/me/team-conversation', { query: { limit: 1 } })]);
      unread.set(mine.unread_conversations + (team.unread_count > 0 ? 1 : 0));
    } catch {
      // The badge waits for the next message rather than breaking the page.
    }
  }, 200);
}

listen(({ type, data }) => {
  // A new message may be in a conversation already counted, so the total is asked for again.
  const arrived = type === 'message.created' && !data.mine && data.conversation_id !== reading;
  if (arrived || type === 'message.removed' || type === 'reload') loadMessageUnread();
});
