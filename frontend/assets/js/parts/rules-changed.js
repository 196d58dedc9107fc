// When the house rules change while a member is here, a short banner says so and leads to what changed.

import { h } from '../dom.js';

export function showRulesChanged({ version, change_summary: summary }) {
  const place = document.getElementById('alerts');
  place.querySelector('.rules-changed')?.remove();
  const close = h('button', { type: 'button', class: 'link-button' }, 'Dismiss');
  const banner = h(
    'section',
    { class: 'rules-changed callout', 'aria-label': 'House rules changed', role: 'status' },
    h('p', {}, `The house rules have changed (version ${version}): ${summary} `, h('a', { href: '/rules' }, 'Read what changed and agree'), ' to post and reply again.'),
    close,
  );
  close.addEventListener('click', () => banner.remove());
  place.append(banner);
}

export function clearRulesChanged() {
  document.getElementById('alerts').querySelector('.rules-changed')?.remove();
}
