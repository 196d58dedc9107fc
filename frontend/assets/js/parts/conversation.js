// One conversation on screen: earlier messages on request, the newest at the foot, new ones arriving
// live into a log region, and the form to write (screening's answers beside it).

import { h, uid } from '../dom.js';
import { field, form } from './forms.js';
import { messageItem } from './message.js';
import { announce } from './notice.js';
import { answerScreening, screeningBox, sendScreened } from './screening.js';

/**
 * first: the newest page the screen already loaded ({items, next_cursor}, newest first);
 * earlier(cursor) loads older pages; send(body, anyway) stores a message and answers it;
 * read(id) marks read up to a message; look: { ours, signature, reportable } (see messageItem).
 * Returns { el, add(message), remove(id), newest() }.
 */
export function conversationPanel({ label, first, earlier, send, read, look, writeLabel = 'Your message', hint }) {
  const shown = new Map();
  const list = h('ol', { class: 'messages' });
  const log = h('div', { role: 'log', 'aria-label': label, class: 'message-log' }, list);
  const nothing = h('p', { class: 'empty' }, 'No messages yet. Say hello.');
  const older = h('button', { type: 'button', class: 'older' }, 'Show earlier messages');
  let cursor = null;

  const item = (message) => {
    const el = messageItem(message, { ...look, reported: () => remove(message.id) });
    shown.set(message.id, el);
    return el;
  };
  const settle = () => {
    nothing.hidden = shown.size > 0;
    older.hidden = !cursor;
  };
  function remove(id) {
    shown.get(id)?.remove();
    shown.delete(id);
    settle();
  }
  function prependPage(page) {
    // Pages come newest first; on screen the oldest is at the top.
    const fresh = page.items.filter((m) => !shown.has(m.id)).reverse();
    list.prepend(...fresh.map(item));
    cursor = page.next_cursor;
    settle();
  }
  /** A message just written or arrived: at the foot, in order of id. */
  function add(message, { live = false } = {}) {
    if (shown.has(message.id)) {
      const old = shown.get(message.id);
      old.replaceWith(item(message));
      return;
    }
    const el = item(message);
    const after = [...list.children].find((li) => Number(li.dataset.id) > message.id);
    list.insertBefore(el, after || null);
    settle();
    if (live && !look.ours(message)) {
      announce(`New message from ${look.signature(message)}`);
      // Read state is a courtesy: failing to store it must not disturb the conversation.
      Promise.resolve(read(message.id)).catch(() => {});
    }
  }
  older.addEventListener('click', async () => {
    older.disabled = true;
    try {
      prependPage(await earlier(cursor));
    } finally {
      older.disabled = false;
    }
  });
  prependPage(first);

  const headingId = uid('write');
  const box = screeningBox();
  const words = h('textarea', { name: 'body', rows: 3, maxlength: 2000, required: true });
  const writer = form(
    { class: 'stack message-form', 'aria-labelledby': headingId },
    [
      h('h2', { id: headingId, class: 'visually-hidden' }, 'Write a message'),
      field(writeLabel, words, hint),
      box,
      h('button', { type: 'submit', class: 'primary' }, 'Send'),
    ],
    async () => {
      const body = words.value.trim();
      if (!body) throw Object.assign(new Error('Write something first.'), { field: 'body' });
      await sendScreened(
        box,
        words,
        (anyway) => send(body, anyway),
        (written) => {
          words.value = '';
          add(written);
          answerScreening(written, 'message');
          words.focus();
        },
        { verb: 'Send' },
      );
    },
  );
  const newest = () => Math.max(0, ...shown.keys());
  return { el: h('div', { class: 'conversation' }, older, log, nothing, writer), add, remove, newest, prependPage };
}
