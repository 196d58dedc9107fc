// One item in the review queue: what it is, why it is here, and the words, with crisis and self-harm
// words blurred until the moderator chooses to read them.

import { h, plural, when } from '../dom.js';
import { messageContext } from './message-context.js';

export const PRIORITIES = { urgent: 'Urgent', reported: 'Reported', held: 'Held by screening', flagged: 'Flagged' };
const SOURCES = { report: 'Reported', screening: 'Screening', crisis: 'Crisis words', new_member: 'New member’s first words' };

/** The text with the matched spans marked, as text nodes and <mark>s only. */
function marked(text, spans) {
  const parts = [];
  let at = 0;
  for (const [start, end] of [...spans].sort((a, b) => a[0] - b[0])) {
    if (start < at || end > text.length) continue;
    parts.push(text.slice(at, start), h('mark', {}, text.slice(start, end)));
    at = end;
  }
  parts.push(text.slice(at));
  return parts.filter((part) => part !== '');
}

function words(item) {
  const target = item.target;
  const text = target.body ?? target.about_me ?? '';
  const spans = item.reasons.flatMap((reason) => reason.spans || []);
  const body = h('p', { class: 'body' }, marked(text, spans));
  const parts = [target.content_warning ? h('p', { class: 'meta' }, `Content warning: ${target.content_warning}`) : null, body];
  if (!item.sensitive) return h('div', { class: 'review-words' }, parts);
  const shown = h('div', { class: 'review-words blurred', 'aria-hidden': 'true', inert: true }, parts);
  const reveal = h('button', { type: 'button' }, 'Show the words');
  const warning = h('p', { class: 'sensitive-note' }, 'These words may be about crisis or self-harm. They are blurred until you choose to read them.');
  reveal.addEventListener('click', () => {
    shown.classList.remove('blurred');
    shown.removeAttribute('aria-hidden');
    shown.removeAttribute('inert');
    warning.remove();
    reveal.remove();
    shown.setAttribute('tabindex', '-1');
    shown.focus();
  });
  return h('div', {}, warning, reveal, shown);
}

function reason(r) {
  return h(
    'li',
    {},
    h('strong', {}, SOURCES[r.source] || r.source),
    r.rule ? ` · ${r.rule.title}` : null,
    r.reporter ? ` · by ${r.reporter}` : null,
    r.action ? ` · ${r.action}` : null,
    ' · ',
    when(r.created_at),
    r.note ? h('p', {}, 'Note: ', h('q', {}, r.note)) : null,
  );
}

/** The item's description; `actions` (an element) goes at its foot. */
export function reviewItem(item, actions) {
  const target = item.target;
  const where = target.type === 'reply' ? `/posts/${target.post_id}` : target.type === 'post' ? `/posts/${target.id}` : null;
  return h(
    'article',
    { class: `review-item priority-${item.priority}`, 'aria-labelledby': `item-${item.id}-title` },
    h(
      'h3',
      { id: `item-${item.id}-title` },
      h('span', { class: `badge priority` }, PRIORITIES[item.priority]),
      ` A ${target.type} by ${target.member}`,
    ),
    h(
      'p',
      { class: 'meta' },
      'Opened ',
      when(item.opened_at),
      item.report_count ? ` · ${plural(item.report_count, 'report', 'reports')}` : null,
      item.escalated_at ? ' · escalated to the safeguarding lead' : null,
      item.auto_hidden_at ? ' · hidden until reviewed' : null,
      target.state === 'pending' ? ' · waiting, not on the wall' : null,
      item.claimed_by ? ` · claimed by ${item.claimed_by}` : null,
    ),
    words(item),
    h('ul', { class: 'reasons', 'aria-label': 'Why it is here' }, item.reasons.map(reason)),
    target.type === 'message' ? messageContext(target.id) : null,
    h(
      'p',
      {},
      h('a', { href: `/moderation/members/${encodeURIComponent(target.member)}` }, `${target.member}’s moderation page`),
      where ? [' · ', h('a', { href: where }, 'In its thread')] : null,
    ),
    actions,
  );
}
