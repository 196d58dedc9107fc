// The house rules in full, with their version; a member who has not agreed to this version agrees here.

import { api } from '../api.js';
import { fill, fullDate, h } from '../dom.js';
import { form } from '../parts/forms.js';
import { notify } from '../parts/notice.js';
import { rulesList } from '../parts/rules.js';
import { navigate } from '../router.js';
import { loadRules, mustAgree, setAccount } from '../session.js';

function agreement(rules) {
  return form(
    { class: 'agreement', 'aria-labelledby': 'agree-heading' },
    [
      h('h2', { id: 'agree-heading' }, 'The house rules have changed'),
      h('p', {}, `What changed: ${rules.change_summary}`),
      h('p', {}, 'Reading the wall never stops. To post or reply again, read them below and agree to this version.'),
      h('button', { type: 'submit', class: 'primary' }, `I agree to version ${rules.version}`),
    ],
    async () => {
      setAccount(await api('/me/rules-agreement', { method: 'POST', body: { version: rules.version } }));
      notify('Thank you. You can post and reply again.');
      await navigate('/wall');
    },
  );
}

export async function rulesPage({ main }) {
  const rules = await loadRules();
  fill(main, 
    h('h1', {}, 'House rules'),
    h(
      'p',
      { class: 'lead' },
      'Written with the community so the wall stays safe on hard days. Every member agrees to them; moderators name the rule whenever they remove something.',
    ),
    h('p', { class: 'meta' }, `Version ${rules.version}, from ${fullDate(rules.published_at)}.`),
    mustAgree(rules) ? agreement(rules) : null,
    h('h2', {}, 'The rules'),
    rulesList(rules),
  );
}
