// The posts or replies a screen shows, by key, so live events and a reader's choices find them.

import { api } from '../api.js';
import { notify } from './notice.js';

export class Entries {
  constructor() {
    this.cards = new Map();
  }

  get(key) {
    return this.cards.get(key);
  }

  has(key) {
    return this.cards.has(key);
  }

  add(key, card) {
    this.cards.set(key, card);
    return card;
  }

  /** Gone for good (deleted, removed by a moderator). */
  drop(key) {
    const card = this.cards.get(key);
    if (!card) return;
    card.el.remove();
    this.cards.delete(key);
  }

  /** Takes the matching cards off the screen; returns a function that puts them back where they were. */
  removeWhere(matches) {
    const taken = [];
    for (const [key, card] of this.cards) {
      if (!matches(card.item, key)) continue;
      taken.push({ key, card, parent: card.el.parentNode, next: card.el.nextSibling });
      card.el.remove();
      this.cards.delete(key);
    }
    return () => {
      for (const { key, card, parent, next } of taken.reverse()) {
        parent.insertBefore(card.el, next && next.parentNode === parent ? next : null);
        this.cards.set(key, card);
      }
    };
  }
}

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
