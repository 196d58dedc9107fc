// Signing in, and recovering an account with the recovery code.

import { api } from '../api.js';
import { fill, h } from '../dom.js';
import { field, form, values } from '../parts/forms.js';
import { recoveryCodeScreen } from '../parts/recovery-code.js';
import { navigate } from '../router.js';
import { setAccount } from '../session.js';

function safeNext(query) {
  const next = query.get('next') || '/wall';
  // Only a path on this site: never an address elsewhere.
  return next.startsWith('/') && !next.startsWith('//') ? next : '/wall';
}

export function signIn({ main, query }) {
  fill(main, 
    h('h1', {}, 'Sign in'),
    query.get('ended') ? h('p', { class: 'callout' }, 'You were signed out. Sign in again to carry on.') : null,
    form(
      { class: 'stack', 'aria-label': 'Sign in' },
      [
        field('Pseudonym', h('input', { name: 'pseudonym', autocomplete: 'username', required: true, value: query.get('pseudonym') || '' })),
        field('Password', h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true })),
        h('button', { type: 'submit', class: 'primary' }, 'Sign in'),
      ],
      async (element) => {
        const signed = await api('/auth/sign-in', { method: 'POST', body: { ...values(element), transport: 'cookie' } });
        setAccount(signed.account);
        await navigate(safeNext(query), { replace: true });
      },
    ),
    h('p', {}, 'Forgotten your password? ', h('a', { href: '/recover' }, 'Use your recovery code')),
    h('p', {}, 'New here? ', h('a', { href: '/join' }, 'Join Alongside')),
  );
}

export function recover({ main }) {
  fill(main, 
    h('h1', {}, 'Recover your account'),
    h('p', { class: 'lead' }, 'Use the recovery code you kept when you joined to choose a new password. You will get a new code.'),
    form(
      { class: 'stack', 'aria-label': 'Recover your account' },
      [
        field('Pseudonym', h('input', { name: 'pseudonym', autocomplete: 'username', required: true })),
        field('Recovery code', h('input', { name: 'recovery_code', autocomplete: 'off', required: true, spellcheck: 'false' })),
        field(
          'New password',
          h('input', { name: 'new_password', type: 'password', autocomplete: 'new-password', required: true, minlength: 10 }),
          'At least 10 characters. Your other sessions are signed out.',
        ),
        h('button', { type: 'submit', class: 'primary' }, 'Set the new password'),
      ],
      async (element) => {
        const { pseudonym, recovery_code, new_password } = values(element);
        const recovered = await api('/auth/recover', { method: 'POST', body: { pseudonym, recovery_code, new_password } });
        recoveryCodeScreen(recovered.recovery_code, {
          next: `/sign-in?pseudonym=${encodeURIComponent(pseudonym)}`,
          nextLabel: 'Sign in with the new password',
        });
      },
    ),
  );
}
