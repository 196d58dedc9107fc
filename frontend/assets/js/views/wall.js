// The wall (newest first, with the composer) and "Not heard yet" (oldest unanswered first).

import { api } from '../api.js';
import { fill, h } from '../dom.js';
import { composer, KINDS } from '../parts/composer.js';
import { feed } from '../parts/feed.js';
import { notify } from '../parts/notice.js';
import { loadRules, mustAgree } from '../session.js';

function kindFilter(current) {
  const link = (kind, label) =>
    h('li', {}, h('a', { href: kind ? `/wall?kind=${kind}` : '/wall', 'aria-current': kind === current ? 'page' : null }, label));
  return h(
    'nav',
    { class: 'filters', 'aria-label': 'Kinds of post' },
    h('ul', {}, link(null, 'All posts'), Object.entries(KINDS).map(([kind, label]) => link(kind, label))),
  );
}

function agreeFirst(rules) {
  return h(
    'p',
    { class: 'callout' },
    `The house rules have changed (version ${rules.version}). `,
    h('a', { href: '/rules' }, 'Read what changed and agree'),
    ' to post and reply again.',
  );
}

export async function wall({ main, query, onLeave }) {
  const kind = KINDS[query.get('kind')] ? query.get('kind') : null;
  const rules = await loadRules();
  const posts = feed({
    label: 'Posts on the wall',
    load: (cursor) => api('/posts', { query: { cursor, kind } }),
    arrivals: (post) => !kind || post.kind === kind,
    empty: 'Nothing here yet. Yours could be the first post.',
  });
  onLeave(await posts.ready());
  fill(main, 
    h('h1', {}, 'The wall'),
    mustAgree(rules) ? agreeFirst(rules) : null,
    composer((post) => {
      posts.posted(post);
      notify('Posted. Others will see it on the wall.');
    }),
    h('h2', { class: 'visually-hidden' }, 'Posts'),
    kindFilter(kind),
    posts.el,
  );
}

export async function unheard({ main, onLeave }) {
  const posts = feed({
    label: 'Posts not heard yet',
    load: (cursor) => api('/posts/unheard', { query: { cursor } }),
    empty: 'Everyone who posted recently has been heard. Thank you for looking.',
  });
  onLeave(await posts.ready());
  fill(main, 
    h('h1', {}, 'Not heard yet'),
    h('p', { class: 'lead' }, 'Recent posts nobody has replied to or heard yet, oldest first. A reply or an I hear you can mean a lot.'),
    posts.el,
  );
}
