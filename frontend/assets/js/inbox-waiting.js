// For moderators: how many members' conversations with the team wait for an answer, shown beside
// Team inbox in the navigation and kept up to date live.

import { api } from './api.js';
import { hasRole } from './session.js';
import { listen } from './stream.js';

let waiting = 0;
const watchers = new Set();

export function inboxWaitingCount() {
  return waiting;
}

export function watchInboxWaiting(watcher) {
  watchers.add(watcher);
}

/** The inbox lists unanswered conversations first: the first page counts them (up to its size). */
export async function loadInboxWaiting() {
  if (!hasRole('moderator')) return;
  try {
    const page = await api('/moderation/inbox', { query: { limit: 50 } });
    waiting = page.items.filter((entry) => entry.awaiting_team).length;
    for (const watcher of [...watchers]) watcher(waiting);
  } catch {
    // The badge waits for the next message rather than breaking the page.
  }
}

listen(({ type }) => {
  if (type === 'team.message' || type === 'reload') loadInboxWaiting();
});
