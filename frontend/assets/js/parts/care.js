// Looking after yourself, in settings: take a break (and the welcome back on return), export your
// data as a JSON file, and erase your account for good. Export and erasure ask for the password again.

import { api } from '../api.js';
import { fullDate, h } from '../dom.js';
import { navigate } from '../router.js';
import { currentAccount, loadAccount, setAccount } from '../session.js';
import { field, form, values } from './forms.js';
import { notify } from './notice.js';

function passwordAgain() {
  return field('Your password, again', h('input', { name: 'current_password', type: 'password', autocomplete: 'current-password', required: true }));
}

/** The gentle welcome back the API leaves in notifications when a break ends. */
async function welcomeBack() {
  const page = await api('/me/notifications', { query: { limit: 5 } });
  const note = page.items.find((n) => n.kind === 'break.ended');
  return note?.data?.message || 'Welcome back.';
}

export function breakSection() {
  const section = h('section', { 'aria-labelledby': 'break-heading' });
  const greeting = h('div', { role: 'status' });
  function draw() {
    const taking = currentAccount().taking_a_break;
    const until = h('input', { name: 'until', type: 'date' });
    const parts = taking
      ? [
          h('p', { class: 'callout' }, `You are taking a break since ${fullDate(taking.since)}`, taking.until ? `, until ${fullDate(taking.until)}.` : '.', ' You are out of New members and get no notifications; reading and posting stay open.'),
          form({ class: 'stack', 'aria-label': 'End your break' }, [h('button', { type: 'submit', class: 'primary' }, 'End my break')], async () => {
            await api('/me/break', { method: 'DELETE' });
            await loadAccount();
            draw();
            greeting.replaceChildren(h('p', { class: 'callout welcome-back' }, await welcomeBack()));
          }),
        ]
      : [
          h('p', {}, 'Step away for a while, without penalty: no notifications, and you leave the New members list. You can still read and post, and come back whenever you like.'),
          form(
            { class: 'stack', 'aria-label': 'Take a break' },
            [field('Until (optional)', until, 'Leave empty to take a break until you end it yourself.'), h('button', { type: 'submit', class: 'primary' }, 'Take a break')],
            async (element) => {
              const chosen = values(element).until;
              const body = { until: chosen ? new Date(`${chosen}T00:00:00`).toISOString() : null };
              await api('/me/break', { method: 'PUT', body });
              await loadAccount();
              greeting.replaceChildren();
              draw();
              notify('Your break has started. Take care of yourself.');
            },
          ),
        ];
    section.replaceChildren(h('h2', { id: 'break-heading' }, 'Take a break'), greeting, ...parts);
  }
  draw();
  return section;
}

export function exportSection() {
  const ready = h('p', { role: 'status' });
  const element = form(
    { class: 'stack', 'aria-labelledby': 'export-heading' },
    [
      h('h2', { id: 'export-heading' }, 'Export your data'),
      h('p', {}, 'Everything you gave Alongside, as one JSON file.'),
      passwordAgain(),
      h('button', { type: 'submit' }, 'Export my data'),
      ready,
    ],
    async () => {
      const data = await api('/me/export', { method: 'POST', body: values(element) });
      element.reset();
      const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
      const link = h('a', { href: URL.createObjectURL(blob), download: `alongside-${currentAccount().pseudonym}.json` }, 'Download your data (JSON)');
      ready.replaceChildren('Your data is ready. ', link);
      link.click();
    },
  );
  return element;
}

export function eraseSection() {
  const element = form(
    { class: 'stack erase', 'aria-labelledby': 'erase-heading' },
    [
      h('h2', { id: 'erase-heading' }, 'Erase your account'),
      h('p', {}, 'Your account, your profile and your words are erased for good. This cannot be undone; export your data first if you want to keep it.'),
      passwordAgain(),
      h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'confirm', required: true }), h('span', {}, 'I understand my account and my words are erased for good')),
      h('button', { type: 'submit', class: 'danger' }, 'Erase my account'),
    ],
    async () => {
      if (!element.elements.confirm.checked) throw Object.assign(new Error('Tick the box to say you understand it is for good.'), { field: 'confirm' });
      await api('/me/erase', { method: 'POST', body: { current_password: element.elements.current_password.value, confirm: true } });
      setAccount(null);
      await navigate('/', { replace: true });
      notify('Your account is erased. Thank you for being part of Alongside; take care.');
    },
  );
  return element;
}
