// The main navigation. Each screen is one row; a row shows when `show(account)` says so, so screens for
// new parts of the service (messages, notifications, moderation) are one row each.

import { h } from './dom.js';
import { signOutHere } from './parts/my-sessions.js';
import { currentAccount } from './session.js';

const guest = (account) => account === null;
const member = (account) => account !== null;

const LINKS = [
  { href: '/', label: 'About', show: guest },
  { href: '/rules', label: 'House rules', show: guest },
  { href: '/join', label: 'Join', show: guest },
  { href: '/sign-in', label: 'Sign in', show: guest },
  { href: '/wall', label: 'The wall', show: member },
  { href: '/unheard', label: 'Not heard yet', show: member },
  { href: (account) => `/members/${encodeURIComponent(account.pseudonym)}`, label: 'My posts', show: member },
  { href: '/settings', label: 'Settings', show: member },
];

function current(href) {
  return location.pathname === href ? 'page' : null;
}

export function drawNav() {
  const account = currentAccount();
  const items = LINKS.filter((link) => link.show(account)).map((link) => {
    const href = typeof link.href === 'function' ? link.href(account) : link.href;
    return h('li', {}, h('a', { href, 'aria-current': current(href) }, link.label));
  });
  if (account) {
    items.push(h('li', {}, h('button', { type: 'button', class: 'link-button', onclick: signOutHere }, `Sign out (${account.pseudonym})`)));
  }
  document.getElementById('nav').replaceChildren(h('ul', {}, items));
}
