// What a moderator does with a review item: claim it, and decide (approve, remove naming a rule with a
// removal message they can edit, dismiss, escalate to the safeguarding lead).

import { api } from '../api.js';
import { h } from '../dom.js';
import { currentAccount } from '../session.js';
import { ruleOptions } from './mod-nav.js';
import { field, form } from './forms.js';
import { notify } from './notice.js';

const DONE = {
  approve: 'Approved: the words are on the wall.',
  remove: 'Removed. The author is told the rule and your message.',
  dismiss: 'Dismissed: nothing changes for the words.',
  escalate: 'Escalated to the safeguarding lead.',
};

function claimButtons(item, changed) {
  const mine = item.claimed_by === currentAccount().pseudonym;
  const button = h('button', { type: 'button' }, mine ? 'Let it go' : 'Claim');
  button.addEventListener('click', async () => {
    try {
      changed(mine ? await api(`/moderation/queue/${item.id}/claim`, { method: 'DELETE' }).then(() => null) : await api(`/moderation/queue/${item.id}/claim`, { method: 'POST' }));
    } catch (error) {
      notify(error.message);
    }
  });
  return button;
}

/** `changed(item|null)` runs after a claim; `decided()` after a decision. */
export function decisionForm(item, { rules, messages, changed, decided }) {
  let action = null;
  const pending = item.target.state === 'pending';
  const words = item.target.type !== 'member';
  const rule = h('select', { name: 'rule_id' }, ruleOptions(rules));
  const canned = h('select', { name: 'message_key' }, h('option', { value: '' }, 'Write my own'), messages.map((m) => h('option', { value: m.key }, m.title)));
  const text = h('textarea', { name: 'message', rows: 3, maxlength: 1000 });
  canned.addEventListener('change', () => {
    const chosen = messages.find((m) => m.key === canned.value);
    text.value = chosen ? chosen.text : '';
  });
  const submit = (value, label, cls) => h('button', { type: 'submit', class: cls, onclick: () => { action = value; } }, label);
  const buttons = [
    words ? submit('remove', 'Remove', 'danger') : null,
    words ? submit('approve', pending ? 'Approve: put it on the wall' : 'Approve: keep it up', 'primary') : null,
    pending ? null : submit('dismiss', 'Dismiss'),
    item.escalated_at ? null : submit('escalate', 'Escalate'),
  ];
  const element = form(
    { class: 'stack decision', 'aria-label': `Decide on the ${item.target.type} by ${item.target.member}` },
    [
      words
        ? h(
            'fieldset',
            {},
            h('legend', {}, 'To remove: the rule and what the author is told'),
            field('House rule', rule),
            field('Removal message', canned, 'Choose one to start from; you can change its words below.'),
            field('Message to the author', text),
          )
        : null,
      h('p', { class: 'actions' }, buttons.filter(Boolean).flatMap((b) => [b, ' ']), claimButtons(item, changed)),
    ],
    async () => {
      const body = { action, version: item.version };
      if (action === 'remove') {
        body.rule_id = rule.value ? Number(rule.value) : null;
        const chosen = messages.find((m) => m.key === canned.value);
        if (chosen && text.value.trim() === chosen.text.trim()) body.message_key = chosen.key;
        else body.message = text.value.trim() || null;
      }
      await api(`/moderation/queue/${item.id}/decision`, { method: 'POST', body });
      notify(DONE[action]);
      decided();
    },
  );
  return element;
}
