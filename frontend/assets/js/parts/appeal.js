// Asking for a moderation decision or a sanction to be looked at again, by a moderator who did not make it.

import { api } from '../api.js';
import { h } from '../dom.js';
import { field, form } from './forms.js';

/** A button that opens the appeal form for `about` ({decision_id} or {sanction_id}) below it. */
export function appealButton(about) {
  const place = h('div', { class: 'appeal-place' });
  const open = h('button', { type: 'button' }, 'Appeal this decision');
  open.addEventListener('click', () => {
    const text = h('textarea', { name: 'text', rows: 4, maxlength: 2000, required: true });
    const element = form(
      { class: 'stack', 'aria-label': 'Your appeal' },
      [
        field('Why should a moderator look at this again?', text, 'A moderator who did not make this decision will read it, and you will be told the outcome.'),
        h('button', { type: 'submit', class: 'primary' }, 'Send appeal'),
      ],
      async () => {
        await api('/me/appeals', { method: 'POST', body: { ...about, text: text.value } });
        place.replaceChildren(
          h('p', { class: 'callout', role: 'status' }, 'Your appeal is sent. ', h('a', { href: '/appeals' }, 'See your appeals'), '.'),
        );
      },
    );
    open.hidden = true;
    place.replaceChildren(element);
    text.focus();
  });
  return h('div', {}, open, place);
}
