// One reply under a post, and the form to write one.

import { api } from '../api.js';
import { h, swap } from '../dom.js';
import { byline, filterCollapse, hearing, menu, openEditor, ownActions } from './entry.js';
import { memberChoices } from './choices.js';
import { reportChoice } from './report.js';
import { field, form, values } from './forms.js';
import { answerScreening, screeningBox, sendScreened } from './screening.js';

function replyField(text = '') {
  const body = h('textarea', { name: 'body', rows: 3, maxlength: 2000, required: true });
  body.value = text;
  return body;
}

export function replyCard(initial, { entries, gone }) {
  const card = { item: initial };
  let top = byline(initial);
  const words = () => filterCollapse(card.item, h('p', { class: 'body' }, card.item.body));
  const content = h('div', { class: 'content' }, words());
  const hear = hearing(initial, `/replies/${initial.id}`);
  const footer = h('div', { class: 'actions' }, hear.el);
  const label = `reply by ${initial.author.pseudonym}`;
  const reportPlace = h('div', { class: 'report-place' });

  const edit = () =>
    openEditor(content, {
      label: 'Edit your reply',
      fields: field('Your reply', replyField(card.item.body)),
      words,
      noun: 'reply',
      save: async (changes, anyway) => {
        const reply = await api(`/replies/${card.item.id}`, { method: 'PATCH', body: { ...changes, post_anyway: anyway } });
        card.update(reply);
        return reply;
      },
    });

  if (initial.mine) {
    footer.append(ownActions('reply', `/replies/${initial.id}`, { edit, gone }));
  } else {
    const self = `reply:${initial.id}`;
    const report = reportChoice('reply', `/replies/${initial.id}`, reportPlace, () => entries.removeWhere((_item, itemKey) => itemKey === self));
    footer.append(menu(label, [report, ...memberChoices(initial.author, entries)]));
  }
  card.el = h('li', {}, h('article', { class: 'reply', 'aria-label': label }, top, content, footer, reportPlace));
  card.update = (reply) => {
    card.item = { ...card.item, ...reply };
    top = swap(top, byline(card.item));
    content.replaceChildren(words());
    hear.setCount(card.item.heard_count);
  };
  card.setHeard = (count) => {
    card.item.heard_count = count;
    hear.setCount(count);
  };
  return card;
}

export function replyComposer(postId, posted) {
  const box = screeningBox();
  const element = form(
    { class: 'stack composer', 'aria-labelledby': 'reply-heading' },
    [h('h2', { id: 'reply-heading' }, 'Write a reply'), field('Your reply', replyField()), box, h('button', { type: 'submit', class: 'primary' }, 'Reply')],
    async () => {
      const { body } = values(element);
      const send = (anyway) => api(`/posts/${postId}/replies`, { method: 'POST', body: { body, post_anyway: anyway } });
      await sendScreened(box, element.elements.body, send, (reply) => {
        element.reset();
        posted(reply);
        answerScreening(reply, 'reply');
      });
    },
  );
  return element;
}
