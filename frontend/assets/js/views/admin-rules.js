// The house rules editor: add, edit, reorder and retire rules, each change published as a new version
// with a summary members read before they agree again, or several gathered and published as one
// version; and the versions so far.

import { api } from '../api.js';
import { fill, fullDate, h } from '../dom.js';
import { field, form, values } from '../parts/forms.js';
import { adminNav } from '../parts/mod-nav.js';
import { notify } from '../parts/notice.js';
import { gatherFor, gatheredOrder, pendingChanges, stage } from '../parts/rule-changes.js';
import { render } from '../router.js';
import { loadRules } from '../session.js';

const SUMMARY_HINT = 'Required to publish this change on its own. Members read this when they are asked to agree to the new version.';
const GATHER = 'Add to this set of changes';

function summaryField() {
  return field('What changed, for members', h('input', { name: 'change_summary', maxlength: 500 }), SUMMARY_HINT);
}

function ruleFields(rule = {}) {
  const text = h('textarea', { name: 'text', rows: 4, required: true });
  text.value = rule.text || '';
  return [
    field('Title', h('input', { name: 'title', required: true, maxlength: 80, value: rule.title || '' })),
    field('The rule in full', text),
    field('In short (optional)', h('input', { name: 'summary', maxlength: 300, value: rule.summary || '' })),
  ];
}

function buttons(publishLabel) {
  return h('p', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, publishLabel), ' ', h('button', { type: 'submit', 'data-do': 'gather' }, GATHER));
}

async function publish(path, body, done, method = 'POST') {
  await api(path, { method, body });
  notify(done);
  await render();
}

/** The rule's text fields as the API takes them: a blank summary clears it. */
function ruleValue(element) {
  const { title, text, summary } = values(element);
  return { title, text, summary: summary || null };
}

function ruleRow(rule, index, rules) {
  const order = rules.rules.map((r) => r.id);
  const moved = (ids, step) => {
    const at = ids.indexOf(rule.id);
    if (at + step < 0 || at + step >= ids.length) return null;
    const next = [...ids];
    [next[at], next[at + step]] = [next[at + step], next[at]];
    return next;
  };
  const edit = form({ class: 'stack', 'aria-label': `Edit ${rule.title}` }, [ruleFields(rule), summaryField(), buttons('Publish this change')], async (element, button) => {
    const value = ruleValue(element);
    if (button?.dataset.do === 'gather') return stage({ kind: 'edit', rule_id: rule.id, value: { rule_id: rule.id, ...value }, label: `Edit rule ${index + 1}, now “${value.title}”` });
    const body = { ...value, change_summary: values(element).change_summary, expected_version: rules.version };
    return publish(`/admin/rules/${rule.id}`, body, 'Published. Members agree to the new version before posting again.', 'PATCH');
  });
  const gatherMove = (step) => {
    const next = moved(gatheredOrder(rules), step);
    if (!next) return notify(`“${rule.title}” is already ${step < 0 ? 'first' : 'last'} in this set of changes.`);
    const titles = next.map((id) => rules.rules.find((r) => r.id === id).title);
    return stage({ kind: 'order', value: next, label: `New order: ${titles.join(', ')}` });
  };
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
    h(
      'fieldset',
      {},
      h('legend', {}, `Or ${GATHER.toLowerCase()}, to publish with others`),
      h(
        'p',
        { class: 'actions' },
        h('button', { type: 'submit', 'data-do': 'gather-up' }, 'Move it up'),
        ' ',
        h('button', { type: 'submit', 'data-do': 'gather-down' }, 'Move it down'),
        ' ',
        h('button', { type: 'submit', 'data-do': 'gather-retire' }, 'Retire it'),
      ),
    ),
  ], async (element, button) => {
    const what = button?.dataset.do;
    if (what === 'gather-retire') return stage({ kind: 'retire', rule_id: rule.id, value: rule.id, label: `Retire “${rule.title}”` });
    if (what === 'gather-up' || what === 'gather-down') return gatherMove(what === 'gather-up' ? -1 : 1);
    const base = { change_summary: values(element).change_summary, expected_version: rules.version };
    if (what === 'retire') return publish(`/admin/rules/${rule.id}/retire`, base, 'Rule retired.');
    return publish('/admin/rules/order', { ...base, rule_ids: moved(order, what === 'up' ? -1 : 1) }, 'Order published.');
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
  gatherFor(rules.version);
  const add = form({ class: 'stack', 'aria-labelledby': 'add-rule' }, [h('h2', { id: 'add-rule' }, 'Add a rule'), ruleFields(), summaryField(), buttons('Publish the new rule')], async (element, button) => {
    const value = ruleValue(element);
    if (button?.dataset.do !== 'gather') return publish('/admin/rules', { ...value, change_summary: values(element).change_summary, expected_version: rules.version }, 'Rule added and published.');
    stage({ kind: 'create', value, label: `Add a new rule, “${value.title}”` });
    return element.reset();
  });
  fill(
    main,
    h('h1', {}, 'House rules editor'),
    adminNav(),
    h('p', { class: 'meta' }, `Version ${rules.version}, published ${fullDate(rules.published_at)}: ${rules.change_summary}`),
    h('h2', {}, 'The rules, in order'),
    h('ol', { class: 'rules rules-editor' }, rules.rules.map((rule, index) => ruleRow(rule, index, rules))),
    add,
    pendingChanges(render),
    h('h2', {}, 'Versions'),
    h('ol', { class: 'my-list versions', reversed: true }, versions.items.map((v) => h('li', {}, h('p', {}, h('a', { href: `/rules/versions/${v.version}` }, `Version ${v.version}`), ` · ${fullDate(v.published_at)} · ${v.change_summary}`)))),
  );
}
