// Private messages: my conversations (newest first, with unread counts), one conversation kept live,
// and my conversation with the moderator team, open even while suspended.

import { api } from '../api.js';
import { fill, h, plural, when } from '../dom.js';
import { avatar } from '../parts/avatar.js';
import { conversationPanel } from '../parts/conversation.js';
import { excerpt } from '../parts/message.js';
import { pagedList } from '../parts/paged-list.js';
import { loadMessageUnread, readingConversation } from '../message-unread.js';
import { listen } from '../stream.js';

function unreadBadge(count) {
  return count ? h('span', { class: 'badge' }, `${plural(count, 'new message', 'new messages')}`) : null;
}

function conversationRow(c) {
  return h(
    'li',
    { 'data-conversation': c.id },
    h(
      'div',
      { class: 'row-content' },
      h('p', { class: 'byline' }, avatar(c.other.avatar), h('a', { href: `/messages/${c.id}` }, `Conversation with ${c.other.pseudonym}`), ' ', unreadBadge(c.unread_count)),
      h('p', {}, excerpt(c.last_message)),
      c.last_message ? h('p', { class: 'meta' }, when(c.last_message.created_at)) : null,
    ),
  );
}

function teamRow(team) {
  return h(
    'p',
    { class: 'callout team-link' },
    h('a', { href: '/messages/team' }, `Message the moderators (${team.team})`),
    ' ',
    unreadBadge(team.unread_count),
    h('span', { class: 'hint' }, ' Private to you and the moderator team; open even if you are suspended.'),
  );
}

export async function messages({ main, onLeave }) {
  const [page, team] = await Promise.all([api('/conversations'), api('/me/team-conversation', { query: { limit: 1 } })]);
  const paging = pagedList({
    label: 'Your conversations',
    listClass: 'my-list conversations',
    load: (cursor) => api('/conversations', { query: { cursor } }),
    row: conversationRow,
    empty: 'No conversations yet. Write to a member from their page, or welcome a new member.',
    more: 'Load more conversations',
  });
  const { list, nothing } = paging;
  let teamLine = teamRow(team);
  paging.show(page);
  onLeave(
    listen(async ({ type, data }) => {
      if (type !== 'message.created') return;
      try {
        const fresh = await api(`/conversations/${data.conversation_id}`, { query: { limit: 1 } });
        list.querySelector(`[data-conversation="${fresh.id}"]`)?.remove();
        list.prepend(conversationRow(fresh));
        nothing.hidden = true;
      } catch {
        // Not one of the member's conversations with members: the one with the team.
        const team = await api('/me/team-conversation', { query: { limit: 1 } }).catch(() => null);
        if (!team) return;
        const next = teamRow(team);
        teamLine.replaceWith(next);
        teamLine = next;
      }
    }),
  );
  fill(main, h('h1', {}, 'Messages'), teamLine, h('h2', {}, 'Conversations with members'), ...paging.elements);
}

const memberLook = {
  ours: (m) => m.mine,
  signature: (m) => (m.mine ? 'You' : m.author || 'Someone'),
  reportable: (m) => !m.mine && !m.from_team && m.state === 'published',
};

/**
 * Live arrivals for conversation `id()` go into `panel`; they are read as they arrive. `adopt(data)`
 * may claim a conversation the screen did not know the id of yet.
 */
function follow(onLeave, id, panel, adopt = () => {}) {
  onLeave(
    listen(({ type, data }) => {
      if (type === 'message.created' && id() === null) adopt(data);
      if (id() === null || data?.conversation_id !== id()) return;
      if (type === 'message.created') panel.add(data, { live: true });
      else if (type === 'message.removed') panel.remove(data.message_id);
    }),
  );
  onLeave(() => {
    readingConversation(null);
    loadMessageUnread();
  });
}

export async function conversation({ main, params, onLeave }) {
  const id = Number(params[0]);
  const thread = await api(`/conversations/${id}`);
  const other = thread.other.pseudonym;
  readingConversation(id);
  const read = async (upTo) => {
    await api(`/conversations/${id}/read`, { method: 'POST', body: { up_to_id: upTo } });
    loadMessageUnread();
  };
  const panel = conversationPanel({
    label: `Messages with ${other}`,
    first: thread.messages,
    earlier: (cursor) => api(`/conversations/${id}/messages`, { query: { cursor } }),
    send: (body, anyway) => api(`/conversations/${id}/messages`, { method: 'POST', body: { body, post_anyway: anyway } }),
    read,
    look: memberLook,
    writeLabel: `Write to ${other}`,
  });
  follow(onLeave, () => id, panel);
  if (thread.unread_count) await read(panel.newest() || null);
  fill(
    main,
    h('h1', {}, `Conversation with ${other}`),
    h('p', {}, h('a', { href: '/messages' }, 'All messages'), ' · ', h('a', { href: `/members/${encodeURIComponent(other)}` }, `${other}’s page`)),
    panel.el,
  );
}

export async function teamConversation({ main, onLeave }) {
  const found = await api('/me/team-conversation');
  let id = found.id;
  readingConversation(id);
  const read = async (upTo) => {
    if (id === null) return;
    await api('/me/team-conversation/read', { method: 'POST', body: { up_to_id: upTo } });
    loadMessageUnread();
  };
  const panel = conversationPanel({
    label: `Messages with ${found.team}`,
    first: found.messages,
    earlier: (cursor) => api('/me/team-conversation', { query: { cursor } }).then((t) => t.messages),
    send: async (body) => {
      const written = await api('/me/team-conversation/messages', { method: 'POST', body: { body } });
      id = written.conversation_id;
      readingConversation(id);
      return written;
    },
    read,
    look: { ours: (m) => m.mine, signature: (m) => (m.mine ? 'You' : m.author || found.team), reportable: () => false },
    writeLabel: `Write to the moderators`,
    hint: 'Only the moderator team reads this. You can write here even while you are suspended.',
  });
  // Before either side has written there is no conversation yet: the team's first words start it.
  follow(onLeave, () => id, panel, (data) => {
    if (!data.from_team) return;
    id = data.conversation_id;
    readingConversation(id);
  });
  if (found.unread_count) await read(panel.newest() || null);
  fill(
    main,
    h('h1', {}, 'Message the moderators'),
    h('p', { class: 'lead' }, `The moderators answer together as ${found.team}. Ask about a decision, ask to come back after a suspension, or tell them about something worrying.`),
    h('p', {}, h('a', { href: '/messages' }, 'All messages')),
    panel.el,
  );
}
