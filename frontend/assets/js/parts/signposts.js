// Crisis signposts: from GET /api/v1/help where the service has it, else the UK defaults below, so
// help shows even when the service cannot answer.

import { api } from '../api.js';
import { h } from '../dom.js';

// Each: name, what it is, and how to reach it (a number to call, or to text with a word).
const UK_SIGNPOSTS = [
  {
    name: 'Samaritans',
    description: 'Someone to talk to, any time of day or night. Free from any phone.',
    phone: '116 123',
  },
  {
    name: 'Shout',
    description: 'Free, confidential support by text, 24 hours a day.',
    text: '85258',
    text_word: 'SHOUT',
  },
  {
    name: 'NHS 111',
    description: 'Urgent help for your mental health when it is not an emergency. Choose the mental health option.',
    phone: '111',
  },
  {
    name: 'Emergency services',
    description: 'If you or someone else is in immediate danger, or you have harmed yourself badly.',
    phone: '999',
  },
];

export async function loadSignposts() {
  try {
    const help = await api('/help');
    if (Array.isArray(help.signposts) && help.signposts.length > 0) return help.signposts;
  } catch {
    // Not offered by this service yet, or unreachable: the defaults are always there.
  }
  return UK_SIGNPOSTS;
}

function ways(signpost) {
  const found = [];
  if (signpost.phone) {
    found.push(h('a', { class: 'button call', href: `tel:${signpost.phone.replace(/\s/g, '')}` }, `Call ${signpost.phone}`));
  }
  if (signpost.text) {
    const word = signpost.text_word ? `${signpost.text_word} to ` : '';
    const body = signpost.text_word ? `?body=${encodeURIComponent(signpost.text_word)}` : '';
    found.push(h('a', { class: 'button call', href: `sms:${signpost.text}${body}` }, `Text ${word}${signpost.text}`));
  }
  return found;
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
