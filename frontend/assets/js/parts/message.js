// One private message as its reader sees it: who wrote it and when, the words (as text), whether it
// waits for a moderator, and reporting a message someone else sent.

import { h, when } from '../dom.js';
import { menu } from './entry.js';
import { reportChoice } from './report.js';

/**
 * options: ours(message) says which side wrote it (drawn on the right); signature(message) names the
 * writer; reportable(message) adds "Report this message"; reported() takes it off the screen.
 */
export function messageItem(message, { ours, signature, reportable, reported }) {
  const reportPlace = h('div', { class: 'report-place' });
  const who = signature(message);
  const extra = reportable(message)
    ? menu(`message from ${who}`, [reportChoice('message', `/messages/${message.id}`, reportPlace, reported)])
    : null;
  return h(
    'li',
    { class: `message${ours(message) ? ' ours' : ''}`, 'data-id': message.id },
    h(
      'article',
      { 'aria-label': `Message from ${who}` },
      h(
        'p',
        { class: 'byline' },
        h('span', { class: 'author' }, who),
        ' ',
        when(message.created_at),
        message.state === 'pending' ? h('span', { class: 'badge' }, 'Waiting for a moderator') : null,
      ),
      h('p', { class: 'body' }, message.body),
      extra,
      reportPlace,
    ),
  );
}

/** A one-line taste of a message for lists: who wrote it and the start of the words. */
export function excerpt(message, { mine = 'You' } = {}) {
  if (!message) return 'No messages yet.';
  const words = message.body.length > 120 ? `${message.body.slice(0, 120)}…` : message.body;
  return `${message.mine ? mine : message.author || 'Someone'}: ${words}`;
}
