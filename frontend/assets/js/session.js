// Who is signed in on this page, and the house rules they have agreed to.

import { api, ApiError } from './api.js';

let account = null;
const watchers = new Set();

export function currentAccount() {
  return account;
}

export function isMine(author) {
  return account !== null && author.pseudonym === account.pseudonym;
}

/** A post or reply from a live event, with what the API adds for its reader: new, so not heard yet. */
export function asSeen(item) {
  return { ...item, mine: isMine(item.author), heard_by_me: false };
}

const RANKS = { member: 0, moderator: 1, admin: 2 };

/** Whether the signed-in member holds `role` or a higher one (administrators moderate too). */
export function hasRole(role) {
  return account !== null && RANKS[account.role] >= RANKS[role];
}

/** Called with the account (or null) whenever it changes. */
export function watchAccount(watcher) {
  watchers.add(watcher);
}

export function setAccount(next) {
  const changed = (account === null) !== (next === null);
  account = next;
  for (const watcher of watchers) watcher(account, changed);
}

/** The account behind the session cookie, or null when nobody is signed in. */
export async function loadAccount() {
  try {
    setAccount(await api('/me'));
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    setAccount(null);
  }
  return account;
}

export async function signOut() {
  try {
    await api('/auth/sign-out', { method: 'POST' });
  } finally {
    setAccount(null);
  }
}

export function loadRules() {
  return api('/rules');
}

/** The member must agree to a newer version of the house rules before writing again. */
export function mustAgree(rules) {
  return account !== null && account.rules_version_agreed !== rules.version;
}
