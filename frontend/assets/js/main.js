// Starts the page: who is signed in, the navigation, the live stream, and the screen for this address.

import { onSignedOut } from './api.js';
import { drawNav } from './nav.js';
import { navigate, setRoutes, startRouter } from './router.js';
import { currentAccount, loadAccount, setAccount, watchAccount } from './session.js';
import { retryStream, startStream, stopStream } from './stream.js';
import { failed, notFound } from './views/errors.js';
import { help } from './views/help.js';
import { join } from './views/join.js';
import { landing } from './views/landing.js';
import { member } from './views/member.js';
import { rulesPage } from './views/rules.js';
import { settings } from './views/settings.js';
import { recover, signIn } from './views/sign-in.js';
import { thread } from './views/thread.js';
import { unheard, wall } from './views/wall.js';

setRoutes(
  [
    { path: /^\/$/, view: landing, access: 'anyone' },
    { path: /^\/help$/, view: help, access: 'anyone' },
    { path: /^\/rules$/, view: rulesPage, access: 'anyone' },
    { path: /^\/join$/, view: join, access: 'guest' },
    { path: /^\/sign-in$/, view: signIn, access: 'guest' },
    { path: /^\/recover$/, view: recover, access: 'guest' },
    { path: /^\/wall$/, view: wall, access: 'member' },
    { path: /^\/unheard$/, view: unheard, access: 'member' },
    { path: /^\/posts\/(\d+)$/, view: thread, access: 'member' },
    { path: /^\/members\/([^/]+)$/, view: member, access: 'member' },
    { path: /^\/settings$/, view: settings, access: 'member' },
  ],
  { notFound, failed },
);

async function sessionEnded() {
  // The stream closes on policy when the session ends (signed out elsewhere, password changed).
  if (await loadAccount().catch(() => currentAccount())) retryStream();
}

watchAccount((account, changed) => {
  drawNav();
  if (!changed) return;
  if (account) {
    startStream(sessionEnded);
  } else {
    stopStream();
  }
});

onSignedOut(() => {
  if (currentAccount() === null) return;
  setAccount(null);
  navigate(`/sign-in?ended=1&next=${encodeURIComponent(location.pathname)}`, { replace: true });
});

document.addEventListener('alongside:page', drawNav);

await loadAccount().catch(() => setAccount(null));
await startRouter();
