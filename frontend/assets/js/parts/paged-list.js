// A list that grows page by page behind a "Load more" button, with a line for when it is empty.

import { h } from '../dom.js';

/**
 * `load(cursor)` fetches the next page ({items, next_cursor}); `row(item)` makes an item's element.
 * `show(page, {fresh})` puts a page in the list, after what is there or (fresh) in its place.
 */
export function pagedList({ label, listClass = 'my-list', load, row, empty, more = 'Load more' }) {
  const list = h('ol', { class: listClass, 'aria-label': label });
  const nothing = h('p', { class: 'empty' }, empty);
  const button = h('button', { type: 'button', class: 'older' }, more);
  let cursor = null;
  const show = (page, { fresh = false } = {}) => {
    if (fresh) list.replaceChildren();
    list.append(...page.items.map(row));
    cursor = page.next_cursor;
    button.hidden = !cursor;
    nothing.hidden = list.children.length > 0;
  };
  button.addEventListener('click', async () => show(await load(cursor)));
  return { list, nothing, show, elements: [list, nothing, button] };
}
