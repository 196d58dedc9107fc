// Appeals for moderators to decide, and the audit log of every privileged action, with filters.

import { api } from '../api.js';
import { fill, fullDate, h } from '../dom.js';
import { field, form, values } from '../parts/forms.js';
import { modNav } from '../parts/mod-nav.js';
import { notify } from '../parts/notice.js';
import { navigate, render } from '../router.js';

function appealRow(appeal) {
  const response = h('textarea', { name: 'response', rows: 3, maxlength: 2000, required: true });
  const outcome = h('select', { name: 'outcome' }, h('option', { value: 'refused' }, 'Refuse: the decision stands'), h('option', { value: 'granted' }, 'Grant: undo the decision'));
  const about = appeal.sanction_id ? `sanction ${appeal.sanction_id}` : `decision ${appeal.decision_id}`;
  return h(
    'li',
    {},
    h(
      'article',
      { class: 'row-content', 'aria-label': `Appeal by ${appeal.member}` },
      h('h2', {}, `${appeal.member}, about ${about}`),
      h('p', { class: 'meta' }, `Sent ${fullDate(appeal.created_at)} · ${appeal.status}`, appeal.resolved_by ? ` · by ${appeal.resolved_by}` : null),
      h('p', {}, h('q', {}, appeal.text)),
      appeal.response ? h('p', {}, 'Answer: ', appeal.response) : null,
      h('p', {}, h('a', { href: `/moderation/members/${encodeURIComponent(appeal.member)}` }, `${appeal.member}’s moderation page`)),
      appeal.status === 'open'
        ? form({ class: 'stack', 'aria-label': `Decide the appeal by ${appeal.member}` }, [field('Outcome', outcome), field('Answer to the member', response), h('button', { type: 'submit', class: 'primary' }, 'Decide')], async () => {
            await api(`/moderation/appeals/${appeal.id}/decision`, { method: 'POST', body: { outcome: outcome.value, response: response.value } });
            notify('Decided. The member is told.');
            await render();
          })
        : null,
    ),
  );
}

export async function modAppeals({ main, query }) {
  const status = ['open', 'granted', 'refused'].includes(query.get('status')) ? query.get('status') : 'open';
  const page = await api('/moderation/appeals', { query: { status, limit: 100 } });
  const tab = (value, label) => h('li', {}, h('a', { href: `/moderation/appeals?status=${value}`, 'aria-current': value === status ? 'page' : null }, label));
  fill(
    main,
    h('h1', {}, 'Appeals'),
    modNav(),
    h('nav', { class: 'filters', 'aria-label': 'Appeals by status' }, h('ul', {}, tab('open', 'Open'), tab('granted', 'Granted'), tab('refused', 'Refused'))),
    page.items.length ? h('ol', { class: 'my-list' }, page.items.map(appealRow)) : h('p', { class: 'empty' }, 'No appeals here.'),
  );
}

const FILTERS = [
  ['action', 'Action (for example sanction.warning)'],
  ['actor', 'Done by (pseudonym)'],
  ['member', 'About member (pseudonym)'],
  ['rule_id', 'House rule number'],
  ['since', 'Since (date)'],
  ['until', 'Until (date)'],
];

export async function auditLog({ main, query }) {
  const chosen = Object.fromEntries(FILTERS.map(([name]) => [name, query.get(name) || '']));
  const asked = { ...chosen };
  for (const name of ['since', 'until']) if (asked[name]) asked[name] = new Date(asked[name]).toISOString();
  const page = await api('/moderation/audit', { query: { ...asked, cursor: query.get('cursor'), limit: 50 } });
  const filters = form(
    { class: 'audit-filters', 'aria-label': 'Filter the audit log' },
    [
      FILTERS.map(([name, label]) => field(label, h('input', { name, value: chosen[name], type: name === 'since' || name === 'until' ? 'date' : 'text' }))),
      h('p', {}, h('button', { type: 'submit', class: 'primary' }, 'Filter'), ' ', h('a', { href: '/moderation/audit' }, 'Clear')),
    ],
    async (element) => {
      const params = new URLSearchParams(Object.entries(values(element)).filter(([, v]) => v));
      await navigate(`/moderation/audit?${params}`);
    },
  );
  const next = new URLSearchParams({ ...Object.fromEntries(Object.entries(chosen).filter(([, v]) => v)), cursor: page.next_cursor || '' });
  fill(
    main,
    h('h1', {}, 'Audit log'),
    modNav(),
    filters,
    page.items.length
      ? h(
          'ol',
          { class: 'my-list audit' },
          page.items.map((entry) =>
            h(
              'li',
              {},
              h(
                'div',
                { class: 'row-content' },
                h('p', {}, h('strong', {}, entry.action), entry.member ? ` · about ${entry.member}` : null, ` · by ${entry.actor || 'Alongside itself'}`),
                entry.reason ? h('p', {}, entry.reason) : null,
                h('p', { class: 'meta' }, fullDate(entry.created_at), entry.rule_id ? ` · rule ${entry.rule_id}` : null, entry.target_type ? ` · ${entry.target_type} ${entry.target_id ?? ''}` : null),
              ),
            ),
          ),
        )
      : h('p', { class: 'empty' }, 'Nothing matches.'),
    page.next_cursor ? h('p', {}, h('a', { href: `/moderation/audit?${next}` }, 'Older entries')) : null,
  );
}
