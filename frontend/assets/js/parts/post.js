// One post as a card: byline, kind, content warning, words, I hear you, replies, and what can be done with it.

import { api } from '../api.js';
import { h, plural, swap } from '../dom.js';
import { byline, filterCollapse, hearing, menu, openEditor, ownActions } from './entry.js';
import { hideChoice, memberChoices } from './choices.js';
import { KINDS, postFields } from './composer.js';
import { reportChoice } from './report.js';

function words(post) {
  const body = h('p', { class: 'body' }, post.body);
  if (!post.content_warning) return filterCollapse(post, body);
  // Collapsed until the reader chooses to open it.
  return filterCollapse(post, h('details', { class: 'content-warning' }, h('summary', {}, `Content warning: ${post.content_warning}`), body));
}

function repliesLink(post, inThread) {
  const text = post.reply_count === 0 ? 'Reply' : plural(post.reply_count, 'reply', 'replies');
  return inThread ? h('span', { class: 'reply-count' }, text) : h('a', { class: 'reply-count', href: `/posts/${post.id}` }, text);
}

/**
 * options: entries and key (where the card lives), inThread (no link to itself), forget(pseudonym)
 * for posts waiting unseen, and gone() when the author deleted it.
 */
export function postCard(initial, { entries, key, inThread = false, forget, gone }) {
  const card = { item: initial };
  const heading = h('p', { class: 'kind' }, KINDS[initial.kind]);
  const content = h('div', { class: 'content' }, words(initial));
  const hear = hearing(initial, `/posts/${initial.id}`);
  let replies = repliesLink(initial, inThread);
  let top = byline(initial);
  const footer = h('div', { class: 'actions' }, hear.el, replies);
  const label = `post by ${initial.author.pseudonym}`;
  const reportPlace = h('div', { class: 'report-place' });

  const edit = () =>
    openEditor(content, {
      label: 'Edit your post',
      fields: postFields(card.item),
      words: () => words(card.item),
      noun: 'post',
      // On its own page the post sits right under the page's heading.
      level: inThread ? 2 : 3,
      save: async ({ kind, body, content_warning: warning }, anyway) => {
        const post = await api(`/posts/${card.item.id}`, { method: 'PATCH', body: { kind, body, content_warning: warning || null, post_anyway: anyway } });
        card.update(post);
        return post;
      },
    });

  if (initial.mine) {
    footer.append(ownActions('post', `/posts/${initial.id}`, { edit, gone }));
  } else {
    footer.append(
      menu(label, [
        hideChoice(initial, entries, key),
        reportChoice('post', `/posts/${initial.id}`, reportPlace, () => entries.removeWhere((_item, itemKey) => itemKey === key)),
        ...memberChoices(initial.author, entries, forget),
      ]),
    );
  }
  card.el = h('article', { class: 'post', 'aria-label': label, tabindex: -1 }, top, heading, content, footer, reportPlace);

  card.update = (post) => {
    card.item = { ...card.item, ...post };
    heading.textContent = KINDS[card.item.kind];
    content.replaceChildren(words(card.item));
    top = swap(top, byline(card.item));
    hear.setCount(card.item.heard_count);
    replies = swap(replies, repliesLink(card.item, inThread));
  };
  card.setHeard = (count) => {
    card.item.heard_count = count;
    hear.setCount(count);
  };
  card.addReplies = (step) => {
    card.item.reply_count = Math.max(0, card.item.reply_count + step);
    replies = swap(replies, repliesLink(card.item, inThread));
  };
  return card;
}
