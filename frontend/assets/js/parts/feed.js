// A list of posts, page by page, kept up to date live. New posts from others wait behind a
// "N new posts" button, so what the member is reading never moves under them.

import { h, plural } from '../dom.js';
import { asSeen, isMine } from '../session.js';
import { listen } from '../stream.js';
import { Entries } from './entries.js';
import { announce } from './notice.js';
import { postCard } from './post.js';

// Held words wait for a moderator; their author's own screen is told separately that they are pending.
const GONE = new Set(['post.deleted', 'post.removed', 'post.held']);
const REPLY_GONE = new Set(['reply.deleted', 'reply.removed', 'reply.held']);

/**
 * load(cursor) fetches a page; arrivals(post) says whether a new post belongs in this list (omit it
 * for lists that do not grow live). Returns { el, ready, posted(post) }; `posted` shows the member's own
 * new post at the top.
 */
export function feed({ label, load, arrivals, empty }) {
  const entries = new Entries();
  let waiting = [];
  let cursor = null;
  let stale = false;
  const list = h('ol', { class: 'feed', 'aria-label': label });
  const nothing = h('p', { class: 'empty', hidden: true }, empty);
  const older = h('button', { type: 'button', class: 'older', hidden: true }, 'Show older posts');
  const fresh = h('button', { type: 'button', class: 'new-posts', hidden: true });

  const key = (id) => `post:${id}`;
  const forget = (pseudonym) => {
    waiting = waiting.filter((post) => post.author.pseudonym !== pseudonym);
    showWaiting();
  };

  function item(post) {
    const card = postCard(post, { entries, key: key(post.id), forget, gone: () => remove(post.id) });
    card.el = h('li', {}, card.el);
    return entries.add(key(post.id), card).el;
  }

  function showNothing() {
    nothing.hidden = entries.cards.size > 0;
  }

  async function more() {
    const page = await load(cursor);
    list.append(...page.items.filter((post) => !entries.has(key(post.id))).map(item));
    cursor = page.next_cursor;
    older.hidden = !cursor;
    showNothing();
  }

  function showWaiting() {
    if (stale) {
      fresh.textContent = 'Show the latest posts';
    } else {
      fresh.textContent = `Show ${plural(waiting.length, 'new post', 'new posts')}`;
    }
    fresh.hidden = !stale && waiting.length === 0;
  }

  function reveal() {
    for (const post of waiting) list.prepend(item(post));
    waiting = [];
    showWaiting();
    showNothing();
  }

  function remove(id) {
    entries.drop(key(id));
    waiting = waiting.filter((post) => post.id !== id);
    showWaiting();
    showNothing();
  }

  function arrived(post) {
    // Already here: the member's own held post, now approved and on the wall for everyone.
    if (entries.has(key(post.id))) return changed(post);
    if (waiting.some((w) => w.id === post.id)) return undefined;
    if (isMine(post.author)) {
      // Their own post, perhaps from another tab: theirs to see at once, above what was waiting.
      reveal();
      list.prepend(item(post));
      showNothing();
      return undefined;
    }
    waiting.push(post);
    showWaiting();
    announce(`${plural(waiting.length, 'new post', 'new posts')} on the wall.`);
    return undefined;
  }

  function changed(post) {
    const card = entries.get(key(post.id));
    if (card) card.update(post);
    waiting = waiting.map((w) => (w.id === post.id ? { ...w, ...post } : w));
  }

  function receive(frame) {
    const { type, data } = frame;
    if (type === 'reload') {
      // Away too long to catch up event by event: offer a fresh list rather than moving this one.
      stale = true;
      showWaiting();
    } else if (type === 'post.published' && arrivals && arrivals(data.post)) arrived(asSeen(data.post));
    else if (type === 'post.edited') changed(data.post);
    else if (type === 'post.heard') entries.get(key(data.post_id))?.setHeard(data.heard_count);
    else if (GONE.has(type)) remove(data.post_id);
    else if (type === 'reply.published') entries.get(key(data.reply.post_id))?.addReplies(1);
    else if (REPLY_GONE.has(type)) entries.get(key(data.post_id))?.addReplies(-1);
  }

  fresh.addEventListener('click', async () => {
    if (stale) {
      stale = false;
      waiting = [];
      for (const id of [...entries.cards.keys()]) entries.drop(id);
      cursor = null;
      await more();
      showWaiting();
    } else {
      reveal();
    }
    list.querySelector('article')?.focus();
  });
  older.addEventListener('click', more);

  return {
    el: h('div', { class: 'feed-wrap' }, fresh, list, nothing, older),
    /** Loads the first page and starts listening; returns the function that stops. */
    async ready() {
      const stop = listen(receive);
      try {
        await more();
      } catch (error) {
        stop();
        throw error;
      }
      return stop;
    },
    posted: arrived,
  };
}
