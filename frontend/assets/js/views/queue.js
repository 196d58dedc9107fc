// The moderators' review queue: open items by priority, urgent first, kept up to date live; filtered
// by priority, claim and escalation, and read page by page.

import { api } from '../api.js';
import { fill, h } from '../dom.js';
import { decisionForm } from '../parts/decision.js';
import { field, form, values } from '../parts/forms.js';
import { modNav } from '../parts/mod-nav.js';
import { announce } from '../parts/notice.js';
import { PRIORITIES, reviewItem } from '../parts/review-item.js';
import { loadRules } from '../session.js';
import { listen } from '../stream.js';
import { navigate } from '../router.js';

const CLAIMS = { '': 'Anyone’s or nobody’s', mine: 'Claimed by me', unclaimed: 'Not claimed' };
const ESCALATED = { '': 'Escalated or not', true: 'Escalated only', false: 'Not escalated' };

function select(name, options, chosen) {
  return h('select', { name }, Object.entries(options).map(([value, label]) => h('option', { value, selected: value === chosen }, label)));
}

function filterForm(chosen) {
  const element = form(
    { class: 'audit-filters', 'aria-label': 'Filter the review queue' },
    [
      field('Priority', select('priority', { '': 'All priorities', ...PRIORITIES }, chosen.priority)),
      field('Claimed', select('claimed', CLAIMS, chosen.claimed)),
      field('Escalated', select('escalated', ESCALATED, chosen.escalated)),
      h('p', {}, h('button', { type: 'submit', class: 'primary' }, 'Filter'), ' ', h('a', { href: '/moderation' }, 'Clear')),
    ],
    async () => {
      const params = new URLSearchParams(Object.entries(values(element)).filter(([, v]) => v));
      await navigate(`/moderation${params.size ? `?${params}` : ''}`);
    },
  );
  return element;
}

export async function queue({ main, onLeave, query }) {
  const chosen = Object.fromEntries(['priority', 'claimed', 'escalated'].map((name) => [name, query.get(name) || '']));
  const more = h('button', { type: 'button', class: 'older', hidden: true }, 'Show more items');
  let pages = 1;
  more.addEventListener('click', async () => {
    pages += 1;
    await refresh();
  });
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

  /** As many pages as the moderator has asked to see, read again from the start. */
  async function load() {
    const items = [];
    let cursor = null;
    for (let n = 0; n < pages; n += 1) {
      const page = await api('/moderation/queue', { query: { ...chosen, cursor, limit: 50 } });
      items.push(...page.items);
      cursor = page.next_cursor;
      if (!cursor) break;
    }
    more.hidden = !cursor;
    return { items };
  }

  async function refresh() {
    const page = await load();
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
    count.textContent = page.items.length ? `${page.items.length}${more.hidden ? '' : '+'} waiting` : 'Nothing waiting';
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
  fill(main, h('h1', {}, 'Review queue'), modNav(), filterForm(chosen), count, list, more);
}
