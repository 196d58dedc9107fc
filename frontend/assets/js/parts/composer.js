// Writing a post: its kind, the words, and an optional content warning; screening answers beside it.

import { api } from '../api.js';
import { h } from '../dom.js';
import { field, form, values } from './forms.js';
import { answerScreening, screeningBox, sendScreened } from './screening.js';

export const KINDS = {
  looking_for_support: 'Looking for support',
  saying_hello: 'Saying hello',
  seeking_suggestions: 'Seeking suggestions',
  sharing_a_win: 'Sharing a little win',
};

/** The fields of a post, filled from `post` when editing. */
export function postFields(post = {}) {
  const kind = h(
    'select',
    { name: 'kind' },
    Object.entries(KINDS).map(([value, label]) => h('option', { value, selected: value === post.kind }, label)),
  );
  const body = h('textarea', { name: 'body', rows: 4, maxlength: 5000, required: true });
  body.value = post.body || '';
  const warning = h('input', { name: 'content_warning', maxlength: 100, value: post.content_warning || '' });
  return [
    field('Kind of post', kind),
    field('What would you like to share?', body),
    field('Content warning (optional)', warning, 'Readers see this first, and open your post only if they choose to.'),
  ];
}

export function composer(posted) {
  const box = screeningBox();
  const element = form(
    { class: 'composer stack', 'aria-labelledby': 'composer-heading' },
    [h('h2', { id: 'composer-heading' }, 'Share how you are feeling'), postFields(), box, h('button', { type: 'submit', class: 'primary' }, 'Post')],
    async () => {
      const { kind, body, content_warning: warning } = values(element);
      const send = (anyway) => api('/posts', { method: 'POST', body: { kind, body, content_warning: warning || null, post_anyway: anyway } });
      await sendScreened(box, element.elements.body, send, (post) => {
        element.reset();
        posted(post);
        answerScreening(post, 'post');
      });
    },
  );
  return element;
}
