// For moderators: how many members' conversations with the team wait for an answer, shown beside
// Team inbox in the navigation and kept up to date live.

import { api } from './api.js';
import { liveCount } from './live-count.js';
import { hasRole } from './session.js';
import { listen } from './stream.js';

const waiting = liveCount();
export const inboxWaitingCount = waiting.get;
export const watchInboxWaiting = waiting.watch;

/** The API's total over the whole inbox, not only its first page. */
export async function loadInboxWaiting() {
  if (!hasRole('moderator')) return;
  try {
    waiting.set((await api('/moderation/inbox', { query: { limit: 1 } })).awaiting_team_total);
  } catch {
    // The badge waits for the next message rather than breaking the page.
  }
}

listen(({ type }) => {
  if (type === 'team.message' || type === 'reload') loadInboxWaiting();
});
