// For a moderator reviewing a private message: the messages around it, read on request only (the
// API records each reading in the audit log).

import { api } from '../api.js';
import { fullDate, h, uid } from '../dom.js';
import { notify } from './notice.js';

function line(message, { current = false } = {}) {
  return h(
    'li',
    { class: current ? 'context-current' : null },
    h('p', { class: 'meta' }, message.from_team ? `${message.author || 'The team'} (team)` : message.author || 'Someone', ` · ${fullDate(message.created_at)}`, message.state === 'published' ? null : ` · ${message.state}`, current ? ' · the message under review' : null),
    h('p', {}, message.body),
  );
}

/** A button that opens the conversation around message `id` below it. */
export function messageContext(id) {
  const placeId = uid('context');
  const place = h('div', { id: placeId, class: 'message-context' });
  const open = h('button', { type: 'button', 'aria-controls': placeId }, 'Read it in its conversation');
  open.addEventListener('click', async () => {
    open.disabled = true;
    try {
      const found = await api(`/moderation/messages/${id}/context`, { method: 'POST' });
      place.replaceChildren(
        h('p', { class: 'hint' }, `Between ${found.members.join(' and ')}. Your reading is recorded in the audit log.`),
        h('ol', { class: 'my-list', 'aria-label': 'The conversation around it' }, found.before.map((m) => line(m)), line(found.message, { current: true }), found.after.map((m) => line(m))),
      );
      open.hidden = true;
    } catch (error) {
      notify(error.message);
      open.disabled = false;
    }
  });
  return h('div', {}, h('p', { class: 'hint' }, 'A private message: read what surrounds it only if you need to.'), open, place);
}
