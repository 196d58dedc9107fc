// The house rules editor: add, edit, reorder and retire rules, each change published as a new version
// with a summary members read before they agree again; and the versions so far.

import { api } from '../api.js';
import { fill, fullDate, h } from '../dom.js';
import { field, form, values } from '../parts/forms.js';
import { adminNav } from '../parts/mod-nav.js';
import { notify } from '../parts/notice.js';
import { render } from '../router.js';
import { loadRules } from '../session.js';

const SUMMARY_HINT = 'Required. Members read this when they are asked to agree to the new version.';

function summaryField() {
  return field('What changed, for members', h('input', { name: 'change_summary', required: true, maxlength: 300 }), SUMMARY_HINT);
}

function ruleFields(rule = {}) {
  const text = h('textarea', { name: 'text', rows: 4, required: true });
  text.value = rule.text || '';
  return [
    field('Title', h('input', { name: 'title', required: true, maxlength: 120, value: rule.title || '' })),
    field('The rule in full', text),
    field('In short (optional)', h('input', { name: 'summary', maxlength: 300, value: rule.summary || '' })),
  ];
}

async function publish(path, body, done) {
  await api(path, { method: 'POST', body });
  notify(done);
  await render();
}

function ruleRow(rule, index, rules) {
  const order = rules.rules.map((r) => r.id);
  const moved = (step) => {
    const next = [...order];
    [next[index], next[index + step]] = [next[index + step], next[index]];
    return next;
  };
  const edit = form({ class: 'stack', 'aria-label': `Edit ${rule.title}` }, [ruleFields(rule), summaryField(), h('button', { type: 'submit', class: 'primary' }, 'Publish this change')], async (element) => {
    const v = values(element);
    await api(`/admin/rules/${rule.id}`, { method: 'PATCH', body: { ...v, summary: v.summary || null, expected_version: rules.version } });
    notify('Published. Members agree to the new version before posting again.');
    await render();
  });
  const move = form({ class: 'stack', 'aria-label': `Move or retire ${rule.title}` }, [
    summaryField(),
    h(
      'p',
      { class: 'actions' },
      index > 0 ? h('button', { type: 'submit', 'data-do': 'up' }, 'Move up') : null,
      ' ',
      index < order.length - 1 ? h('button', { type: 'submit', 'data-do': 'down' }, 'Move down') : null,
      ' ',
      h('button', { type: 'submit', class: 'danger', 'data-do': 'retire' }, 'Retire this rule'),
    ),
  ], async (element) => {
    const summary = values(element).change_summary;
    const what = element.dataset.doing;
    if (what === 'retire') return publish(`/admin/rules/${rule.id}/retire`, { change_summary: summary, expected_version: rules.version }, 'Rule retired.');
    return publish('/admin/rules/order', { change_summary: summary, expected_version: rules.version, rule_ids: moved(what === 'up' ? -1 : 1) }, 'Order published.');
  });
  move.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-do]');
    if (button) move.dataset.doing = button.dataset.do;
  });
  return h(
    'li',
    {},
    h('h3', {}, `${index + 1}. ${rule.title}`),
    h('p', {}, rule.text),
    rule.summary ? h('p', { class: 'rule-summary' }, rule.summary) : null,
    h('details', {}, h('summary', {}, 'Edit', h('span', { class: 'visually-hidden' }, ` ${rule.title}`)), edit),
    h('details', {}, h('summary', {}, 'Move or retire', h('span', { class: 'visually-hidden' }, ` ${rule.title}`)), move),
  );
}

export async function adminRules({ main }) {
  const [rules, versions] = await Promise.all([loadRules(), api('/rules/versions', { query: { limit: 20 } })]);
  const add = form({ class: 'stack', 'aria-labelledby': 'add-rule' }, [h('h2', { id: 'add-rule' }, 'Add a rule'), ruleFields(), summaryField(), h('button', { type: 'submit', class: 'primary' }, 'Publish the new rule')], async (element) => {
    const v = values(element);
    await publish('/admin/rules', { ...v, summary: v.summary || null, expected_version: rules.version }, 'Rule added and published.');
  });
  fill(
    main,
    h('h1', {}, 'House rules editor'),
    adminNav(),
    h('p', { class: 'meta' }, `Version ${rules.version}, published ${fullDate(rules.published_at)}: ${rules.change_summary}`),
    h('h2', {}, 'The rules, in order'),
    h('ol', { class: 'rules rules-editor' }, rules.rules.map((rule, index) => ruleRow(rule, index, rules))),
    add,
    h('h2', {}, 'Versions'),
    h('ol', { class: 'my-list', reversed: true }, versions.items.map((v) => h('li', {}, h('p', {}, h('a', { href: `/rules/versions/${v.version}` }, `Version ${v.version}`), ` · ${fullDate(v.published_at)} · ${v.change_summary}`)))),
  );
}
