// Joining: a pseudonym, a password, agreement to the house rules, then the recovery code once.

import { api } from '../api.js';
import { fill, h } from '../dom.js';
import { field, form, values } from '../parts/forms.js';
import { recoveryCodeScreen } from '../parts/recovery-code.js';
import { rulesList } from '../parts/rules.js';
import { loadRules, setAccount } from '../session.js';

export async function join({ main }) {
  const rules = await loadRules();
  const agree = h('input', { type: 'checkbox', name: 'agree', id: 'agree' });
  fill(main, 
    h('h1', {}, 'Join Alongside'),
    h('p', { class: 'lead' }, 'No email, no real name. Choose a pseudonym that does not identify you.'),
    form(
      { class: 'stack', 'aria-label': 'Join' },
      [
        field(
          'Pseudonym',
          h('input', { name: 'pseudonym', autocomplete: 'username', required: true, maxlength: 30, spellcheck: 'false' }),
          '3 to 30 letters, digits, _ or -. Not your real name or a name you use elsewhere.',
        ),
        field(
          'Password',
          h('input', { name: 'password', type: 'password', autocomplete: 'new-password', required: true, minlength: 10 }),
          'At least 10 characters. A few words you will remember works well.',
        ),
        h(
          'section',
          { 'aria-labelledby': 'join-rules', class: 'rules-box' },
          h('h2', { id: 'join-rules' }, `The house rules (version ${rules.version})`),
          rulesList(rules, { full: false }),
          h('p', {}, h('a', { href: '/rules', target: '_blank' }, 'Read them in full (opens in a new tab)')),
        ),
        h('p', { class: 'check' }, agree, h('label', { for: 'agree' }, 'I have read the house rules and agree to them')),
        h('button', { type: 'submit', class: 'primary' }, 'Join'),
      ],
      async (element) => {
        if (!agree.checked) {
          throw Object.assign(new Error('Please read the house rules and tick the box to agree.'), { field: 'agree' });
        }
        const { pseudonym, password } = values(element);
        const joined = await api('/auth/join', {
          method: 'POST',
          body: { pseudonym, password, agreed_rules_version: rules.version, transport: 'cookie' },
        });
        setAccount(joined.account);
        recoveryCodeScreen(joined.recovery_code, { next: '/wall', nextLabel: 'Go to the wall' });
      },
    ),
  );
}
