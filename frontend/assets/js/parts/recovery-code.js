// The recovery code, shown once: the only way back in if the password is lost.

import { h } from '../dom.js';

export function recoveryCodeScreen(code, { next, nextLabel }) {
  const main = document.getElementById('main');
  const copied = h('span', { class: 'hint', role: 'status' });
  const kept = h('input', { type: 'checkbox', id: 'kept', name: 'kept' });
  const go = h('a', { class: 'button primary', href: next, 'aria-disabled': 'true' }, nextLabel);
  go.addEventListener('click', (event) => {
    if (!kept.checked) {
      event.preventDefault();
      event.stopPropagation();
      kept.focus();
    }
  });
  kept.addEventListener('change', () => go.setAttribute('aria-disabled', String(!kept.checked)));
  const copy = h('button', { type: 'button' }, 'Copy the code');
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(code);
      copied.textContent = 'Copied.';
    } catch {
      copied.textContent = 'Copying is not possible here: please write the code down.';
    }
  });
  main.replaceChildren(
    h('h1', {}, 'Keep your recovery code'),
    h(
      'p',
      { class: 'lead' },
      'If you ever forget your password, this code is the only way back into your account. We will not show it again, and we cannot look it up for you.',
    ),
    h('p', { class: 'recovery-code' }, 'Your recovery code: ', h('code', {}, code)),
    h('p', {}, copy, ' ', copied),
    h('p', {}, 'Write it down or keep it in a password manager. Do not share it with anyone, not even moderators.'),
    h('p', { class: 'check' }, kept, h('label', { for: 'kept' }, 'I have kept my recovery code somewhere safe')),
    h('p', {}, go),
  );
  const heading = main.querySelector('h1');
  heading.setAttribute('tabindex', '-1');
  heading.focus();
  document.title = `${heading.textContent} · Alongside`;
}
