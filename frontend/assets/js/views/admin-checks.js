// Screening checks: the phrases, patterns and other checks each house rule carries, with what they do.

import { api } from '../api.js';
import { fill, h } from '../dom.js';
import { field, form, values } from '../parts/forms.js';
import { adminNav, ruleOptions } from '../parts/mod-nav.js';
import { notify } from '../parts/notice.js';
import { render } from '../router.js';
import { loadRules } from '../session.js';

const ACTIONS = { nudge: 'Nudge: ask the author to edit', hold: 'Hold for a moderator', block: 'Refuse the words', flag: 'Flag to moderators only' };
const KINDS = { phrases: 'Phrases', pattern: 'Pattern', shouting: 'Shouting', contact_details: 'Contact details', crisis: 'Crisis words' };

const lines = (text) => text.split('\n').map((line) => line.trim()).filter(Boolean);
const select = (name, options, chosen) => h('select', { name }, Object.entries(options).map(([value, label]) => h('option', { value, selected: value === chosen }, label)));
const summary = () => field('What changed, for the record', h('input', { name: 'change_summary', required: true, maxlength: 300 }));

function phrasesField(phrases = []) {
  const area = h('textarea', { name: 'phrases', rows: 4 });
  area.value = phrases.join('\n');
  return field('Phrases (one a line)', area);
}

function checkRow(check, rulesById) {
  const edit = form({ class: 'stack', 'aria-label': `Edit ${check.name}` }, [field('What it does', select('action', ACTIONS, check.action)), check.kind === 'phrases' || check.kind === 'crisis' ? phrasesField(check.phrases) : null, summary(), h('button', { type: 'submit', class: 'primary' }, 'Save')], async (element) => {
    const v = values(element);
    const body = { action: v.action, change_summary: v.change_summary };
    if (v.phrases !== undefined) body.phrases = lines(v.phrases);
    await api(`/admin/screening/checks/${check.id}`, { method: 'PATCH', body });
    notify('Check saved.');
    await render();
  });
  const retire = form({ class: 'stack', 'aria-label': `Retire ${check.name}` }, [summary(), h('button', { type: 'submit', class: 'danger' }, 'Retire this check')], async (element) => {
    await api(`/admin/screening/checks/${check.id}/retire`, { method: 'POST', body: values(element) });
    notify('Check retired.');
    await render();
  });
  return h(
    'li',
    {},
    h(
      'div',
      { class: 'row-content' },
      h('h3', {}, check.name),
      h('p', {}, `${KINDS[check.kind]} · ${ACTIONS[check.action]} · ${rulesById.get(check.rule_id) || `rule ${check.rule_id}`}`, check.sensitive ? ' · blurred for moderators' : null),
      check.phrases.length ? h('p', { class: 'meta' }, `${check.phrases.length} phrases: ${check.phrases.slice(0, 6).join(', ')}${check.phrases.length > 6 ? '…' : ''}`) : null,
      h('details', {}, h('summary', {}, 'Edit', h('span', { class: 'visually-hidden' }, ` ${check.name}`)), edit),
      h('details', {}, h('summary', {}, 'Retire', h('span', { class: 'visually-hidden' }, ` ${check.name}`)), retire),
    ),
  );
}

export async function adminChecks({ main }) {
  const [checks, rules] = await Promise.all([api('/admin/screening/checks'), loadRules()]);
  const rulesById = new Map(rules.rules.map((rule) => [rule.id, rule.title]));
  const add = form(
    { class: 'stack', 'aria-labelledby': 'add-check' },
    [
      h('h2', { id: 'add-check' }, 'Add a check'),
      field('Name', h('input', { name: 'name', required: true, maxlength: 120 })),
      field('House rule', h('select', { name: 'rule_id', required: true }, ruleOptions(rules))),
      field('Kind', select('kind', { phrases: KINDS.phrases, pattern: KINDS.pattern })),
      field('What it does', select('action', ACTIONS, 'nudge')),
      phrasesField(),
      field('Pattern (for the pattern kind)', h('input', { name: 'pattern', maxlength: 500 })),
      summary(),
      h('button', { type: 'submit', class: 'primary' }, 'Add the check'),
    ],
    async (element) => {
      const v = values(element);
      const body = { name: v.name, rule_id: Number(v.rule_id) || 0, kind: v.kind, action: v.action, change_summary: v.change_summary };
      if (v.kind === 'phrases') body.phrases = lines(v.phrases);
      else body.pattern = v.pattern;
      await api('/admin/screening/checks', { method: 'POST', body });
      notify('Check added.');
      await render();
    },
  );
  fill(
    main,
    h('h1', {}, 'Screening checks'),
    adminNav(),
    h('p', { class: 'lead' }, 'Each check belongs to a house rule. Words are screened when they are written; authors are told the rule.'),
    h('h2', {}, 'Checks in use'),
    h('ul', { class: 'my-list' }, checks.checks.map((check) => checkRow(check, rulesById))),
    add,
  );
}
