// Starts the page: who is signed in, the navigation, the live stream, and the screen for this address.

import { onSignedOut } from './api.js';
import { drawNav, drawUnread } from './nav.js';
import { navigate, setRoutes, startRouter } from './router.js';
import { currentAccount, loadAccount, setAccount, watchAccount } from './session.js';
import { retryStream, startStream, stopStream } from './stream.js';
import { failed, notFound } from './views/errors.js';
import { help } from './views/help.js';
import { join } from './views/join.js';
import { landing } from './views/landing.js';
import { member } from './views/member.js';
import { rulesPage, rulesVersions } from './views/rules.js';
import { settings } from './views/settings.js';
import { recover, signIn } from './views/sign-in.js';
import { thread } from './views/thread.js';
import { unheard, wall } from './views/wall.js';
import { appeals, notifications } from './views/notifications.js';
import { queue } from './views/queue.js';
import { modMember } from './views/mod-member.js';
import { auditLog, modAppeals } from './views/mod-records.js';
import { adminRules } from './views/admin-rules.js';
import { adminChecks } from './views/admin-checks.js';
import { adminSettings } from './views/admin-settings.js';
import { adminFigures } from './views/admin-figures.js';
import { showCrisis } from './parts/crisis.js';
import { clearRulesChanged, showRulesChanged } from './parts/rules-changed.js';
import { listen } from './stream.js';
import { loadUnread, watchUnread } from './unread.js';
import { loadMessageUnread, watchMessageUnread } from './message-unread.js';
import { loadInboxWaiting, watchInboxWaiting } from './inbox-waiting.js';
import { conversation, messages, teamConversation } from './views/messages.js';
import { newMembers } from './views/new-members.js';
import { inbox, inboxThread } from './views/team-inbox.js';

setRoutes(
  [
    { path: /^\/$/, view: landing, access: 'anyone' },
    { path: /^\/help$/, view: help, access: 'anyone' },
    { path: /^\/rules$/, view: rulesPage, access: 'anyone' },
    { path: /^\/rules\/versions(?:\/(\d+))?$/, view: rulesVersions, access: 'anyone' },
    { path: /^\/join$/, view: join, access: 'guest' },
    { path: /^\/sign-in$/, view: signIn, access: 'guest' },
    { path: /^\/recover$/, view: recover, access: 'guest' },
    { path: /^\/wall$/, view: wall, access: 'member' },
    { path: /^\/unheard$/, view: unheard, access: 'member' },
    { path: /^\/posts\/(\d+)$/, view: thread, access: 'member' },
    { path: /^\/members\/([^/]+)$/, view: member, access: 'member' },
    { path: /^\/settings$/, view: settings, access: 'member' },
    { path: /^\/notifications$/, view: notifications, access: 'member' },
    { path: /^\/appeals$/, view: appeals, access: 'member' },
    { path: /^\/messages$/, view: messages, access: 'member' },
    { path: /^\/messages\/team$/, view: teamConversation, access: 'member' },
    { path: /^\/messages\/(\d+)$/, view: conversation, access: 'member' },
    { path: /^\/new-members$/, view: newMembers, access: 'member' },
    { path: /^\/moderation$/, view: queue, access: 'moderator' },
    { path: /^\/moderation\/members\/([^/]+)$/, view: modMember, access: 'moderator' },
    { path: /^\/moderation\/inbox$/, view: inbox, access: 'moderator' },
    { path: /^\/moderation\/inbox\/(\d+)$/, view: inboxThread, access: 'moderator' },
    { path: /^\/moderation\/appeals$/, view: modAppeals, access: 'moderator' },
    { path: /^\/moderation\/audit$/, view: auditLog, access: 'moderator' },
    { path: /^\/admin\/rules$/, view: adminRules, access: 'admin' },
    { path: /^\/admin\/checks$/, view: adminChecks, access: 'admin' },
    { path: /^\/admin\/settings$/, view: adminSettings, access: 'admin' },
    { path: /^\/admin\/figures$/, view: adminFigures, access: 'admin' },
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
    loadUnread();
    loadMessageUnread();
    loadInboxWaiting();
  } else {
    stopStream();
    clearRulesChanged();
  }
});

watchUnread(drawUnread);
watchMessageUnread(drawUnread);
watchInboxWaiting(drawUnread);

// What reaches every screen: crisis help for the member, and news that the house rules changed.
listen(({ type, data }) => {
  if (type === 'crisis.help') showCrisis(data.signposts);
  else if (type === 'rules.changed' && currentAccount()?.rules_version_agreed !== data.version) showRulesChanged(data);
});

onSignedOut(() => {
  if (currentAccount() === null) return;
  setAccount(null);
  navigate(`/sign-in?ended=1&next=${encodeURIComponent(location.pathname)}`, { replace: true });
});

document.addEventListener('alongside:page', drawNav);

await loadAccount().catch(() => setAccount(null));
await startRouter();
