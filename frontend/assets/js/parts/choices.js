// What a reader can do about a post or its author from its menu: hide it, mute or block them.

import { api } from '../api.js';
import { notify } from './notice.js';

function relation(kind, pseudonym, on) {
  return api(`/members/${encodeURIComponent(pseudonym)}/${kind}`, { method: on ? 'PUT' : 'DELETE' });
}

const RELATIONS = {
  mute: { label: 'Mute', done: 'You muted', effect: 'Their posts and replies leave your views. They are not told.' },
  block: { label: 'Block', done: 'You blocked', effect: 'Neither of you sees the other any more.' },
};

/** Mute and block the author of an item; `forget(pseudonym)` also drops what is waiting unseen. */
export function memberChoices(author, entries, forget = () => {}) {
  return Object.entries(RELATIONS).map(([kind, words]) => ({
    label: `${words.label} ${author.pseudonym}`,
    run: async () => {
      try {
        await relation(kind, author.pseudonym, true);
      } catch (error) {
        notify(error.message);
        return;
      }
      forget(author.pseudonym);
      const restore = entries.removeWhere((item) => item.author.pseudonym === author.pseudonym);
      notify(`${words.done} ${author.pseudonym}. ${words.effect}`, {
        undo: async () => {
          await relation(kind, author.pseudonym, false);
          restore();
        },
      });
    },
  }));
}

/** Hide one post from my views (Settings lists it, to show it again). */
export function hideChoice(post, entries, key) {
  return {
    label: 'Hide this post',
    run: async () => {
      try {
        await api(`/posts/${post.id}/hide`, { method: 'PUT' });
      } catch (error) {
        notify(error.message);
        return;
      }
      const restore = entries.removeWhere((_item, itemKey) => itemKey === key);
      notify('Post hidden. Settings lists the posts you hid.', {
        undo: async () => {
          await api(`/posts/${post.id}/hide`, { method: 'DELETE' });
          restore();
        },
      });
    },
  };
}
