// Crisis signposts: from GET /api/v1/help where the service has it, else the UK defaults below, so
// help shows even when the service cannot answer.

import { api } from '../api.js';
import { h } from '../dom.js';

// Each as GET /api/v1/help serves it: name, what it is, and the one-tap link to reach it.
const UK_SIGNPOSTS = [
  {
    name: 'Samaritans',
    description: 'Someone to talk to, any time of day or night. Free from any phone.',
    link: { label: 'Call 116 123', href: 'tel:116123' },
  },
  {
    name: 'Shout',
    description: 'Free, confidential support by text, 24 hours a day.',
    link: { label: 'Text SHOUT to 85258', href: 'sms:85258?body=SHOUT' },
  },
  {
    name: 'NHS 111',
    description: 'Urgent help for your mental health when it is not an emergency. Choose the mental health option.',
    link: { label: 'Call 111', href: 'tel:111' },
  },
  {
    name: 'Emergency services',
    description: 'If you or someone else is in immediate danger, or you have harmed yourself badly.',
    link: { label: 'Call 999', href: 'tel:999' },
  },
];

export async function loadSignposts() {
  try {
    const help = await api('/help');
    if (Array.isArray(help.items) && help.items.length > 0) return help.items;
  } catch {
    // Unreachable: the defaults are always there.
  }
  return UK_SIGNPOSTS;
}

function ways(signpost) {
  // A contact with no one-tap link (a name to search for, say) is still shown as written.
  if (!signpost.link) return signpost.contact ? [signpost.contact] : [];
  return [h('a', { class: 'button call', href: signpost.link.href }, signpost.link.label)];
}

export function signpostList(signposts) {
  return h(
    'ul',
    { class: 'signposts' },
    signposts.map((signpost) =>
      h('li', { class: 'signpost' }, h('h3', {}, signpost.name), h('p', {}, signpost.description), h('p', { class: 'ways' }, ways(signpost))),
    ),
  );
}
