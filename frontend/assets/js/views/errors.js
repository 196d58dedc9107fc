// When no screen matches the address, or a screen could not load.

import { fill, h } from '../dom.js';

export function notFound({ main }) {
  fill(main, 
    h('h1', {}, 'Page not found'),
    h('p', {}, 'There is nothing at this address. It may have been deleted, or the link may be mistyped.'),
    h('p', {}, h('a', { href: '/' }, 'Go to the start')),
  );
}

export function failed({ main }, error) {
  const missing = error.status === 404;
  fill(main, 
    h('h1', {}, missing ? 'Not found' : 'This page could not load'),
    h('p', {}, error.message),
    h('p', {}, h('a', { href: '/' }, 'Go to the start')),
  );
}
