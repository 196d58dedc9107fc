// Short messages after an action ("You muted ash. Undo"), and words for screen readers only.

import { h } from '../dom.js';

let clearing = null;

/** Shows a message at the foot of the screen; `undo` adds a button that runs it. */
export function notify(text, { undo } = {}) {
  const region = document.getElementById('notice');
  clearTimeout(clearing);
  const close = () => region.replaceChildren();
  const parts = [h('p', {}, text)];
  if (undo) {
    parts.push(
      h('button', { type: 'button', class: 'link-button', onclick: async () => { close(); await undo(); } }, 'Undo'),
    );
  }
  parts.push(h('button', { type: 'button', class: 'link-button', 'aria-label': 'Dismiss', onclick: close }, '×'));
  region.replaceChildren(h('div', { class: 'notice-box' }, parts));
  clearing = setTimeout(close, 12000);
}

let speaking = null;

/** Says something through the polite live region, without showing it. */
export function announce(text) {
  const region = document.getElementById('announcer');
  clearTimeout(speaking);
  // Cleared first, so the same words said twice are announced twice.
  region.textContent = '';
  speaking = setTimeout(() => {
    region.textContent = text;
  }, 100);
}
