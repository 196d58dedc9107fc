// Profile and settings: about me and avatar, what I hid, muted and blocked, filter words, what reaches
// me, taking a break, sessions, password, export and erasure.

import { api } from '../api.js';
import { fill, h } from '../dom.js';
import { avatar, avatarParts } from '../parts/avatar.js';
import { field, form, values } from '../parts/forms.js';
import { notify } from '../parts/notice.js';
import { blockedList, hiddenPosts, mutedList } from '../parts/my-lists.js';
import { sessionsList } from '../parts/my-sessions.js';
import { filterWords } from '../parts/filter-words.js';
import { messagingChoices, notificationChoices } from '../parts/my-choices.js';
import { breakSection, eraseSection, exportSection } from '../parts/care.js';
import { currentAccount, setAccount } from '../session.js';

function avatarChoice(names, chosen) {
  return h(
    'fieldset',
    { class: 'avatars' },
    h('legend', {}, 'Avatar'),
    h(
      'div',
      { class: 'avatar-grid' },
      names.map((name) => {
        const { shape, colour } = avatarParts(name);
        return h(
          'label',
          { class: 'avatar-option' },
          h('input', { type: 'radio', name: 'avatar', value: name, checked: name === chosen }),
          avatar(name, { size: 'medium' }),
          h('span', { class: 'visually-hidden' }, `${shape}, ${colour}`),
        );
      }),
    ),
  );
}

function profileForm(account, avatars) {
  const about = h('textarea', { name: 'about_me', rows: 3, maxlength: 300 });
  about.value = account.about_me || '';
  return form(
    { class: 'stack', 'aria-labelledby': 'profile-heading' },
    [
      h('h2', { id: 'profile-heading' }, 'Your profile'),
      field('About me', about, 'Up to 300 characters. Nothing that could identify you: no contact details, no real name.'),
      avatarChoice(avatars, account.avatar),
      h('button', { type: 'submit', class: 'primary' }, 'Save profile'),
    ],
    async (element) => {
      const { about_me: text, avatar: chosen } = values(element);
      setAccount(await api('/me', { method: 'PATCH', body: { about_me: text || null, avatar: chosen } }));
      notify('Profile saved.');
    },
  );
}

function passwordForm() {
  return form(
    { class: 'stack', 'aria-labelledby': 'password-heading' },
    [
      h('h2', { id: 'password-heading' }, 'Change your password'),
      field('Current password', h('input', { name: 'current_password', type: 'password', autocomplete: 'current-password' })),
      field(
        'New password',
        h('input', { name: 'new_password', type: 'password', autocomplete: 'new-password', minlength: 10 }),
        'At least 10 characters. Your other sessions will be signed out.',
      ),
      h('button', { type: 'submit' }, 'Change password'),
    ],
    async (element) => {
      await api('/me/password', { method: 'POST', body: values(element) });
      element.reset();
      notify('Password changed. Your other sessions are signed out.');
    },
  );
}

const SECTIONS = [
  ['profile-heading', 'Your profile'],
  ['hidden-heading', 'Hidden posts'],
  ['muted-heading', 'Muted members'],
  ['blocked-heading', 'Blocked members'],
  ['filters-heading', 'Filter words'],
  ['notification-choices-heading', 'Notifications you get'],
  ['messaging-heading', 'Who may message you'],
  ['break-heading', 'Take a break'],
  ['sessions-heading', 'Where you are signed in'],
  ['password-heading', 'Change your password'],
  ['export-heading', 'Export your data'],
  ['erase-heading', 'Erase your account'],
];

export async function settings({ main }) {
  const account = currentAccount();
  const [avatars, hidden, muted, blocked, filters, kinds, messaging, sessions] = await Promise.all([
    api('/avatars'),
    hiddenPosts(),
    mutedList(),
    blockedList(),
    filterWords(),
    notificationChoices(),
    messagingChoices(),
    sessionsList(),
  ]);
  fill(
    main,
    h('h1', {}, 'Profile and settings'),
    h(
      'nav',
      { 'aria-label': 'Settings sections', class: 'contents' },
      h('ul', {}, SECTIONS.map(([id, label]) => h('li', {}, h('a', { href: `#${id}` }, label)))),
    ),
    h('p', {}, 'You agreed to the house rules version ', String(account.rules_version_agreed), '. ', h('a', { href: '/rules' }, 'Read the house rules')),
    profileForm(account, avatars.avatars),
    hidden,
    muted,
    blocked,
    filters,
    kinds,
    messaging,
    breakSection(),
    sessions,
    passwordForm(),
    exportSection(),
    eraseSection(),
  );
}
