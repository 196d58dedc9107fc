// The posts or replies a screen shows, by key, so live events and a reader's choices find them.

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
