// How moderation is going: what waits now, how long decisions take, decisions per rule, open appeals.

import { api } from '../api.js';
import { fill, fullDate, h } from '../dom.js';
import { adminNav } from '../parts/mod-nav.js';

const minutes = (seconds) => (seconds === null ? 'none yet' : seconds < 3600 ? `${Math.round(seconds / 60)} min` : `${(seconds / 3600).toFixed(1)} h`);

export async function adminFigures({ main, query }) {
  const days = [7, 30, 90].includes(Number(query.get('days'))) ? Number(query.get('days')) : 30;
  const f = await api('/admin/figures', { query: { days } });
  const w = f.waiting_now;
  const times = (label, t) => h('tr', {}, h('th', { scope: 'row' }, label), h('td', {}, String(t.decided)), h('td', {}, minutes(t.median_seconds)), h('td', {}, minutes(t.p95_seconds)));
  fill(
    main,
    h('h1', {}, 'Figures'),
    adminNav(),
    h('nav', { class: 'filters', 'aria-label': 'Period' }, h('ul', {}, [7, 30, 90].map((d) => h('li', {}, h('a', { href: `/admin/figures?days=${d}`, 'aria-current': d === days ? 'page' : null }, `${d} days`))))),
    h('p', { class: 'meta' }, `Since ${fullDate(f.since)}.`),
    h('h2', {}, 'Waiting now'),
    h('p', {}, `${w.total} in all: ${w.urgent} urgent, ${w.reported} reported, ${w.held} held, ${w.flagged} flagged.`),
    h('h2', {}, 'Time to a decision'),
    h('table', {}, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Items'), h('th', { scope: 'col' }, 'Decided'), h('th', { scope: 'col' }, 'Median'), h('th', { scope: 'col' }, '95th percentile'))), h('tbody', {}, times('All', f.time_to_decision.all), times('Urgent', f.time_to_decision.urgent))),
    h('h2', {}, 'Decisions by house rule'),
    f.decisions_per_rule.length
      ? h('ul', {}, f.decisions_per_rule.map((row) => h('li', {}, `${row.rule ? row.rule.title : 'No rule'}: ${row.action}, ${row.count}`)))
      : h('p', { class: 'empty' }, 'No decisions in this period.'),
    h('h2', {}, 'Appeals'),
    h('p', {}, `${f.open_appeals} open`, f.oldest_open_appeal_at ? `, the oldest from ${fullDate(f.oldest_open_appeal_at)}` : '', '.'),
  );
}
