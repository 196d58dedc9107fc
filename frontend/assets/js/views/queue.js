// The moderators' review queue: open items by priority, urgent first, kept up to date live.

import { api } from '../api.js';
import { fill, h } from '../dom.js';
import { decisionForm } from '../parts/decision.js';
import { modNav } from '../parts/mod-nav.js';
import { announce } from '../parts/notice.js';
import { PRIORITIES, reviewItem } from '../parts/review-item.js';
import { loadRules } from '../session.js';
import { listen } from '../stream.js';

export async function queue({ main, onLeave }) {
  const [rules, messages] = await Promise.all([loadRules(), api('/moderation/removal-messages')]);
  const list = h('div', { class: 'queue' });
  const shown = new Map(); // item id -> { version, el }
  const count = h('p', { class: 'meta', role: 'status' });
  let timer = null;

  function card(item) {
    const redraw = () => {
      shown.delete(item.id);
      return refresh();
    };
    const el = h('li', { 'data-item': item.id }, reviewItem(item, decisionForm(item, { rules, messages: messages.items, changed: redraw, decided: redraw })));
    return { version: item.version, el };
  }

  async function refresh() {
    const page = await api('/moderation/queue', { query: { limit: 100 } });
    const focused = document.activeElement;
    const groups = Object.keys(PRIORITIES).map((priority) => [priority, page.items.filter((item) => item.priority === priority)]);
    const keep = new Set(page.items.map((item) => item.id));
    for (const id of [...shown.keys()]) if (!keep.has(id)) shown.delete(id);
    const sections = groups
      .filter(([, items]) => items.length)
      .map(([priority, items]) =>
        h(
          'section',
          { 'aria-labelledby': `queue-${priority}` },
          h('h2', { id: `queue-${priority}` }, `${PRIORITIES[priority]} (${items.length})`),
          h(
            'ol',
            { class: 'review-list' },
            items.map((item) => {
              const known = shown.get(item.id);
              if (known && known.version === item.version) return known.el;
              const made = card(item);
              shown.set(item.id, made);
              return made.el;
            }),
          ),
        ),
      );
    list.replaceChildren(...(sections.length ? sections : [h('p', { class: 'empty' }, 'Nothing is waiting. Thank you.')]));
    count.textContent = page.items.length ? `${page.items.length} waiting` : 'Nothing waiting';
    if (focused && focused.isConnected && document.activeElement !== focused) focused.focus();
  }

  onLeave(
    listen(({ type, data }) => {
      if (type !== 'queue.changed' && type !== 'reload') return;
      if (type === 'queue.changed' && data.priority === 'urgent' && data.status === 'open' && !shown.has(data.item_id)) {
        announce('An urgent item has arrived in the review queue.');
      }
      clearTimeout(timer);
      timer = setTimeout(refresh, 250);
    }),
  );
  onLeave(() => clearTimeout(timer));
  await refresh();
  fill(main, h('h1', {}, 'Review queue'), modNav(), count, list);
}
