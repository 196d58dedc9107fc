// Settings for what reaches me: which kinds of notification I get, and who may start a conversation.

import { api } from '../api.js';
import { h } from '../dom.js';
import { form } from './forms.js';
import { notify } from './notice.js';

export async function notificationChoices() {
  const settings = await api('/me/notification-settings');
  const boxes = settings.choices.map((choice) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name: choice.kind, checked: choice.on }), h('span', {}, choice.label)));
  return form(
    { class: 'stack', 'aria-labelledby': 'notification-choices-heading' },
    [
      h('h2', { id: 'notification-choices-heading' }, 'Notifications you get'),
      h('fieldset', {}, h('legend', {}, 'Tell me when'), boxes),
      settings.always_on.length ? h('ul', { class: 'hint' }, settings.always_on.map((why) => h('li', {}, why))) : null,
      h('button', { type: 'submit' }, 'Save notification choices'),
    ],
    async (element) => {
      const kinds = Object.fromEntries(settings.choices.map((choice) => [choice.kind, element.elements[choice.kind].checked]));
      await api('/me/notification-settings', { method: 'PUT', body: { kinds } });
      notify('Notification choices saved.');
    },
  );
}

const ACCEPT = [
  ['everyone', 'Any member'],
  ['conversations', 'Only members I already have a conversation with'],
];

export async function messagingChoices() {
  const prefs = await api('/me/messaging');
  return form(
    { class: 'stack', 'aria-labelledby': 'messaging-heading' },
    [
      h('h2', { id: 'messaging-heading' }, 'Who may message you'),
      h(
        'fieldset',
        {},
        h('legend', {}, 'Who can start a conversation with you'),
        ACCEPT.map(([value, label]) => h('label', { class: 'check' }, h('input', { type: 'radio', name: 'accept_from', value, checked: prefs.accept_from === value }), h('span', {}, label))),
      ),
      h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'listed_as_new', checked: prefs.listed_as_new }), h('span', {}, 'List me in New members while I am new')),
      h('p', { class: 'hint' }, 'The moderators can always write to you, and you to them.'),
      h('button', { type: 'submit' }, 'Save who may message you'),
    ],
    async (element) => {
      const body = { accept_from: element.elements.accept_from.value, listed_as_new: element.elements.listed_as_new.checked };
      await api('/me/messaging', { method: 'PUT', body });
      notify('Saved.');
    },
  );
}
