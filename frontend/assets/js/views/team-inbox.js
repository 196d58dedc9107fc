// The moderator team inbox: members' conversations with the team (unanswered first), one of them with
// the team's answers, kept up to date live.

import { api } from '../api.js';
import { fill, h, plural, when } from '../dom.js';
import { avatar } from '../parts/avatar.js';
import { conversationPanel } from '../parts/conversation.js';
import { excerpt } from '../parts/message.js';
import { modNav } from '../parts/mod-nav.js';
import { pagedList } from '../parts/paged-list.js';
import { listen } from '../stream.js';

function entryRow(entry) {
  return h(
    'li',
    { 'data-conversation': entry.id },
    h(
      'div',
      { class: 'row-content' },
      h(
        'p',
        { class: 'byline' },
        avatar(entry.member.avatar),
        h('a', { href: `/moderation/inbox/${entry.id}` }, `Conversation with ${entry.member.pseudonym}`),
        ' ',
        entry.awaiting_team ? h('span', { class: 'badge' }, 'Waiting for an answer') : null,
        entry.unread_count ? h('span', { class: 'badge' }, plural(entry.unread_count, 'unread', 'unread')) : null,
      ),
      h('p', {}, excerpt(entry.last_message, { mine: 'The team' })),
      entry.last_message ? h('p', { class: 'meta' }, when(entry.last_message.created_at)) : null,
    ),
  );
}

export async function inbox({ main, onLeave }) {
  const { show, elements } = pagedList({
    label: 'Conversations with the team',
    listClass: 'my-list inbox',
    load: (cursor) => api('/moderation/inbox', { query: { cursor } }),
    row: entryRow,
    empty: 'No member has written to the team.',
    more: 'Load more conversations',
  });
  const status = h('p', { class: 'meta', role: 'status' });
  onLeave(
    listen(async ({ type, data }) => {
      if (type !== 'team.message' && type !== 'reload') return;
      const page = await api('/moderation/inbox').catch(() => null);
      if (!page) return;
      show(page, { fresh: true });
      if (data?.awaiting_team) status.textContent = 'A member wrote to the team.';
    }),
  );
  show(await api('/moderation/inbox'));
  fill(
    main,
    h('h1', {}, 'Team inbox'),
    modNav(),
    h('p', { class: 'lead' }, 'Members’ conversations with the moderator team, unanswered first. Members see the team’s answers signed as the team.'),
    status,
    ...elements,
  );
}

export async function inboxThread({ main, params, onLeave }) {
  const id = Number(params[0]);
  const thread = await api(`/moderation/inbox/${id}`);
  const who = thread.member.pseudonym;
  const read = (upTo) => api(`/moderation/inbox/${id}/read`, { method: 'POST', body: { up_to_id: upTo } });
  const panel = conversationPanel({
    label: `Messages between ${who} and the team`,
    first: thread.messages,
    earlier: (cursor) => api(`/moderation/inbox/${id}`, { query: { cursor } }).then((t) => t.messages),
    send: (body) => api(`/moderation/inbox/${id}/messages`, { method: 'POST', body: { body } }),
    read,
    look: {
      ours: (m) => m.from_team,
      signature: (m) => (m.from_team ? (m.author ? `${m.author}, for the team` : 'The team') : who),
      reportable: () => false,
    },
    writeLabel: `Answer ${who} as the team`,
    hint: 'The member sees this signed as the team.',
  });
  onLeave(
    listen(async ({ type, data }) => {
      if (type !== 'team.message' || data.conversation_id !== id) return;
      const fresh = await api(`/moderation/inbox/${id}`, { query: { limit: 10 } }).catch(() => null);
      if (!fresh) return;
      for (const message of [...fresh.messages.items].reverse()) panel.add(message, { live: true });
    }),
  );
  if (thread.unread_count || thread.awaiting_team) await read(panel.newest() || null);
  fill(
    main,
    h('h1', {}, `${who} and the team`),
    modNav(),
    h('p', {}, h('a', { href: '/moderation/inbox' }, 'Team inbox'), ' · ', h('a', { href: `/moderation/members/${encodeURIComponent(who)}` }, `Moderation page for ${who}`)),
    panel.el,
  );
}
