// The member's own lists in settings: posts they hid, members they muted or blocked; each can be undone.

import { api } from '../api.js';
import { h, when } from '../dom.js';
import { avatar } from './avatar.js';
import { notify } from './notice.js';

/** A titled list whose rows each have one button that undoes something, then leave the list. */
function undoList({ id, title, empty, rows }) {
  const nothing = h('p', { class: 'empty', hidden: rows.length > 0 }, empty);
  const list = h('ul', { class: 'my-list' });
  for (const { content, button, undo, done } of rows) {
    const action = h('button', { type: 'button' }, button);
    const row = h('li', {}, h('div', { class: 'row-content' }, content), action);
    action.addEventListener('click', async () => {
      try {
        await undo();
      } catch (error) {
        notify(error.message);
        return;
      }
      row.remove();
      nothing.hidden = list.children.length > 0;
      notify(done);
    });
    list.append(row);
  }
  return h('section', { 'aria-labelledby': id }, h('h2', { id }, title), nothing, list);
}

function excerpt(post) {
  if (post.content_warning) return `Content warning: ${post.content_warning}`;
  return post.body.length > 140 ? `${post.body.slice(0, 140)}…` : post.body;
}

export async function hiddenPosts() {
  const page = await api('/me/hidden-posts', { query: { limit: 50 } });
  return undoList({
    id: 'hidden-heading',
    title: 'Hidden posts',
    empty: 'You have not hidden any posts.',
    rows: page.items.map((post) => ({
      content: [h('p', { class: 'byline' }, avatar(post.author.avatar), post.author.pseudonym, ' ', when(post.created_at)), h('p', {}, excerpt(post))],
      button: 'Show again',
      undo: () => api(`/posts/${post.id}/hide`, { method: 'DELETE' }),
      done: 'The post is back in your views.',
    })),
  });
}

async function relationList(kind, { title, empty, button, done }) {
  const members = await api(`/me/${kind}s`);
  return undoList({
    id: `${kind === 'mute' ? 'muted' : 'blocked'}-heading`,
    title,
    empty,
    rows: members.map((m) => ({
      content: [avatar(m.avatar), ' ', h('a', { href: `/members/${encodeURIComponent(m.pseudonym)}` }, m.pseudonym)],
      button: `${button} ${m.pseudonym}`,
      undo: () => api(`/members/${encodeURIComponent(m.pseudonym)}/${kind}`, { method: 'DELETE' }),
      done: `${m.pseudonym} ${done}`,
    })),
  });
}

export function mutedList() {
  return relationList('mute', {
    title: 'Muted members',
    empty: 'You have not muted anyone.',
    button: 'Unmute',
    done: 'is no longer muted.',
  });
}

export function blockedList() {
  return relationList('block', {
    title: 'Blocked members',
    empty: 'You have not blocked anyone.',
    button: 'Unblock',
    done: 'is no longer blocked.',
  });
}
