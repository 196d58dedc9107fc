// The main navigation. Each screen is one row; a row shows when `show(account)` says so, so screens for
// new parts of the service are one row each. Moderators and administrators see their areas here only.

import { h } from './dom.js';
import { signOutHere } from './parts/my-sessions.js';
import { currentAccount, hasRole } from './session.js';
import { inboxWaitingCount } from './inbox-waiting.js';
import { messageUnreadCount } from './message-unread.js';
import { unreadCount } from './unread.js';

const guest = (account) => account === null;
const member = (account) => account !== null;

/** A link's words with a count beside it (read out as "3 unread"). */
function counted(text, count, what = 'unread') {
  if (count === 0) return text;
  return [text, h('span', { class: 'count', 'aria-hidden': 'true' }, String(count)), h('span', { class: 'visually-hidden' }, `, ${count} ${what}`)];
}

const notificationsLabel = () => counted('Notifications', unreadCount());
const messagesLabel = () => counted('Messages', messageUnreadCount(), messageUnreadCount() === 1 ? 'unread conversation' : 'unread conversations');
const inboxLabel = () => counted('Team inbox', inboxWaitingCount(), 'waiting for an answer');

const LINKS = [
  { href: '/', label: 'About', show: guest },
  { href: '/rules', label: 'House rules', show: guest },
  { href: '/join', label: 'Join', show: guest },
  { href: '/sign-in', label: 'Sign in', show: guest },
  { href: '/wall', label: 'The wall', show: member },
  { href: '/unheard', label: 'Not heard yet', show: member },
  { href: (account) => `/members/${encodeURIComponent(account.pseudonym)}`, label: 'My posts', show: member },
  { href: '/messages', label: messagesLabel, show: member, id: 'nav-messages' },
  { href: '/new-members', label: 'New members', show: member },
  { href: '/notifications', label: notificationsLabel, show: member, id: 'nav-notifications' },
  { href: '/settings', label: 'Settings', show: member },
  { href: '/moderation', label: 'Review queue', show: () => hasRole('moderator') },
  { href: '/moderation/inbox', label: inboxLabel, show: () => hasRole('moderator'), id: 'nav-inbox' },
  { href: '/admin/rules', label: 'Administration', show: () => hasRole('admin') },
];

function current(href) {
  return location.pathname === href ? 'page' : null;
}

export function drawNav() {
  const account = currentAccount();
  const items = LINKS.filter((link) => link.show(account)).map((link) => {
    const href = typeof link.href === 'function' ? link.href(account) : link.href;
    const label = typeof link.label === 'function' ? link.label() : link.label;
    return h('li', {}, h('a', { href, id: link.id, 'aria-current': current(href) }, label));
  });
  if (account) {
    items.push(h('li', {}, h('button', { type: 'button', class: 'link-button', onclick: signOutHere }, `Sign out (${account.pseudonym})`)));
  }
  document.getElementById('nav').replaceChildren(h('ul', {}, items));
}

/** Only the counted links change when a count does: focus elsewhere in the bar stays. */
export function drawUnread() {
  for (const [id, label] of [['nav-notifications', notificationsLabel], ['nav-messages', messagesLabel], ['nav-inbox', inboxLabel]]) {
    const link = document.getElementById(id);
    if (link) link.replaceChildren(...[label()].flat());
  }
}
