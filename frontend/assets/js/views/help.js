// Crisis signposts, open to everyone without signing in.

import { fill, h } from '../dom.js';
import { loadSignposts, signpostList } from '../parts/signposts.js';

export async function help({ main }) {
  const signposts = await loadSignposts();
  fill(main, 
    h('h1', {}, 'Help, right now'),
    h('p', { class: 'lead' }, 'If you are struggling to keep yourself safe, you do not have to wait. These services are free and answer day and night.'),
    h('section', { 'aria-labelledby': 'now' }, h('h2', { id: 'now' }, 'Talk to someone now'), signpostList(signposts)),
    h(
      'p',
      {},
      'Alongside is peer support: other members care, but they cannot come to you, and moderators are not always online.',
    ),
  );
}
