// One reply under a post, and the form to write one.

import { api } from '../api.js';
import { h, swap } from '../dom.js';
import { byline, hearing, menu, openEditor, ownActions } from './entry.js';
import { memberChoices } from './choices.js';
import { field, form, values } from './forms.js';

function replyField(text = '') {
  const body = h('textarea', { name: 'body', rows: 3, maxlength: 2000, required: true });
  body.value = text;
  return body;
}

export function replyCard(initial, { entries, gone }) {
  const card = { item: initial };
  let top = byline(initial);
  const words = () => h('p', { class: 'body' }, card.item.body);
  const content = h('div', { class: 'content' }, words());
  const hear = hearing(initial, `/replies/${initial.id}`);
  const footer = h('div', { class: 'actions' }, hear.el);
  const label = `reply by ${initial.author.pseudonym}`;

  const edit = () =>
    openEditor(content, {
      label: 'Edit your reply',
      fields: field('Your reply', replyField(card.item.body)),
      words,
      save: async (changes) => card.update(await api(`/replies/${card.item.id}`, { method: 'PATCH', body: changes })),
    });

  if (initial.mine) {
    footer.append(ownActions('reply', `/replies/${initial.id}`, { edit, gone }));
  } else {
    footer.append(menu(label, memberChoices(initial.author, entries)));
  }
  card.el = h('li', {}, h('article', { class: 'reply', 'aria-label': label }, top, content, footer));
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
  const element = form(
    { class: 'stack composer', 'aria-labelledby': 'reply-heading' },
    [h('h2', { id: 'reply-heading' }, 'Write a reply'), field('Your reply', replyField()), h('button', { type: 'submit', class: 'primary' }, 'Reply')],
    async () => {
      const reply = await api(`/posts/${postId}/replies`, { method: 'POST', body: values(element) });
      element.reset();
      posted(reply);
    },
  );
  return element;
}
