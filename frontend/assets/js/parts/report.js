// Reporting a post, a reply or a member to the moderators: which house rule, or something else in the
// reporter's words. Reports are private; what was reported leaves the reporter's views.

import { api } from '../api.js';
import { h, uid } from '../dom.js';
import { loadRules } from '../session.js';
import { field, form } from './forms.js';
import { notify } from './notice.js';

/**
 * Opens the report form in `place`; `path` is what is reported (/posts/1, /members/ash); `reported()`
 * runs once the report is in (to take the item off the screen).
 */
export async function openReport(place, { path, noun, opener, reported }) {
  const rules = await loadRules();
  const name = uid('report-rule');
  const choice = (value, label, hint) =>
    h('label', { class: 'check' }, h('input', { type: 'radio', name, value, required: true }), h('span', {}, label, hint ? h('span', { class: 'hint' }, ` ${hint}`) : null));
  const note = h('textarea', { name: 'note', rows: 3, maxlength: 500 });
  const cancel = h('button', { type: 'button' }, 'Cancel');
  const close = () => {
    place.replaceChildren();
    opener?.focus();
  };
  cancel.addEventListener('click', close);
  const element = form(
    { class: 'stack report', 'aria-label': `Report this ${noun}` },
    [
      h(
        'fieldset',
        {},
        h('legend', {}, `Which house rule does this ${noun} go against?`),
        rules.rules.map((rule) => choice(String(rule.id), rule.title)),
        choice('other', 'Something else', '(tell us below)'),
      ),
      field('What is wrong? (up to 500 characters, needed for something else)', note, 'Only the moderators read this.'),
      h('p', {}, h('button', { type: 'submit', class: 'primary' }, 'Send report'), ' ', cancel),
    ],
    async () => {
      const picked = element.querySelector(`input[name="${name}"]:checked`);
      if (!picked) throw new Error('Choose a house rule, or something else.');
      const words = note.value.trim();
      const body = picked.value === 'other' ? { note: words } : { rule_id: Number(picked.value), note: words || null };
      const received = await api(`${path}/report`, { method: 'POST', body });
      place.replaceChildren(h('p', { class: 'callout', role: 'status' }, received.message));
      notify(received.message);
      reported();
    },
  );
  place.replaceChildren(element);
  element.querySelector('input').focus();
}

/** The menu item that opens the report form under a card. */
export function reportChoice(noun, path, place, reported) {
  return {
    label: `Report this ${noun}`,
    run: () => openReport(place, { path, noun, opener: place.parentNode.querySelector('summary'), reported }),
  };
}
