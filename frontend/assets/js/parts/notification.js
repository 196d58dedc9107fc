// One notification as a member reads it: removal notices with the rule, the explanation, the words that
// were removed and how to appeal; warnings and suspensions; report outcomes; appeal outcomes.

import { fullDate, h, when } from '../dom.js';
import { appealButton } from './appeal.js';

const SANCTION = { warning: 'a warning', suspension: 'a suspension', ban: 'a ban' };

function rule(data) {
  if (!data.rule) return null;
  return h('p', {}, 'House rule: ', h('strong', {}, data.rule.title), data.rule.summary ? ` (${data.rule.summary})` : null);
}

function from(data) {
  return data.from ? h('p', { class: 'meta' }, `From ${data.from}`) : null;
}

const KINDS = {
  'moderation.removed': (data) => [
    h('h2', {}, `A moderator removed your ${data.target_type === 'reply' ? 'reply' : 'post'}`),
    rule(data),
    h('p', {}, data.message),
    data.your_words
      ? h(
          'figure',
          { class: 'removed-words' },
          h('figcaption', {}, 'Your words, which only you can read now:'),
          h('blockquote', {}, data.your_words.content_warning ? h('p', { class: 'meta' }, `Content warning: ${data.your_words.content_warning}`) : null, h('p', {}, data.your_words.body)),
        )
      : null,
    from(data),
    h('p', {}, data.appeal),
    appealButton({ decision_id: data.decision_id }),
  ],
  'moderation.warning': (data) => sanction(data),
  'moderation.suspended': (data) => sanction(data),
  'moderation.lifted': (data) => [h('h2', {}, `Your ${data.kind} was lifted early`), rule(data), h('p', {}, data.reason), from(data)],
  'moderation.overruled': (data) => [h('h2', {}, `Your ${data.kind} was overruled`), rule(data), h('p', {}, data.reason), h('p', {}, 'It no longer counts against you.'), from(data)],
  'moderation.approved': (data) => [h('h2', {}, 'Your words are on the wall'), h('p', {}, data.message), h('p', {}, h('a', { href: `/posts/${data.post_id}` }, 'See them'))],
  'moderation.appeal_decided': (data) => [
    h('h2', {}, data.outcome === 'granted' ? 'Your appeal was granted' : 'Your appeal was not granted'),
    h('p', {}, data.response),
    from(data),
    h('p', {}, h('a', { href: '/appeals' }, 'See your appeals')),
  ],
  'moderation.posting_paused': (data) => [h('h2', {}, 'Posting is paused for now'), h('p', {}, data.message)],
  'moderation.escalated': (data) => [h('h2', {}, 'An item was escalated to you'), h('p', {}, data.message), h('p', {}, h('a', { href: '/moderation' }, 'Open the review queue'))],
  'message.received': (data) => [
    h('h2', {}, data.team ? `A message from the moderators (${data.from || 'the team'})` : `A message from ${data.from || 'a member'}`),
    h('p', {}, h('a', { href: data.team ? '/messages/team' : `/messages/${data.conversation_id}` }, 'Read it')),
  ],
  'welcome.received': (data) => [
    h('h2', {}, `${data.from || 'A member'} welcomed you`),
    h('p', {}, h('a', { href: data.team ? '/messages/team' : `/messages/${data.conversation_id}` }, 'Read their welcome'), ' · ', h('a', { href: '/new-members' }, 'Everyone who welcomed you')),
  ],
  'break.ended': (data) => [h('h2', {}, 'Welcome back'), h('p', {}, data.message), data.waiting ? h('p', {}, `${data.waiting} notifications came while you were away.`) : null],
  'report.outcome': (data) => [
    h('h2', {}, 'About something you reported'),
    h('p', {}, data.message),
    data.outcome === 'stays_up' && data.target_type === 'post' ? h('p', {}, h('a', { href: `/posts/${data.target_id}` }, 'Go to the post')) : null,
  ],
};

function sanction(data) {
  return [
    h('h2', {}, `You have been given ${SANCTION[data.kind] || data.kind}`),
    rule(data),
    h('p', {}, data.message),
    data.ends_at ? h('p', {}, `It ends ${fullDate(data.ends_at)}.`) : null,
    from(data),
    data.appeal ? [h('p', {}, data.appeal.how), appealButton({ sanction_id: data.sanction_id })] : null,
  ];
}

export function notificationCard(notification) {
  const show = KINDS[notification.kind] || ((data) => [h('h2', {}, 'A message from Alongside'), h('p', {}, data.message || '')]);
  return h(
    'li',
    { class: `notification${notification.read ? '' : ' unread'}`, 'data-id': notification.id },
    h('article', {}, notification.read ? null : h('span', { class: 'badge' }, 'New'), show(notification.data || {}), h('p', { class: 'meta' }, when(notification.created_at))),
  );
}
