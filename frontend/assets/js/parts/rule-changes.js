// Several changes to the house rules gathered and published as one version with one summary: each
// form's "Add to this set of changes" stages a change here, the list shows them with Remove, and the
// API's objection to one of them is shown beside it.

import { api } from '../api.js';
import { h, plural } from '../dom.js';
import { currentAccount, watchAccount } from '../session.js';
import { field, form, values } from './forms.js';
import { notify } from './notice.js';

// Kept in this tab's session storage, so reloading the page loses nothing; forgotten when they are
// published, when the rules move on to another version, and when the administrator signs out.
const KEY = 'alongside.rule-changes';
const staged = { version: null, changes: [], by: null };
let drawList = () => {};

function keep() {
  if (staged.changes.length === 0) sessionStorage.removeItem(KEY);
  else sessionStorage.setItem(KEY, JSON.stringify(staged));
}

function kept() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY)) || null;
  } catch {
    return null;
  }
}

watchAccount((account) => {
  if (account === null) sessionStorage.removeItem(KEY);
});

export function gatherFor(version) {
  const by = currentAccount()?.pseudonym ?? null;
  if (staged.version === version && staged.by === by) return;
  const earlier = kept();
  const same = earlier && earlier.version === version && earlier.by === by && Array.isArray(earlier.changes);
  Object.assign(staged, { version, by, changes: same ? earlier.changes : [] });
  keep();
}

/** The live rules' ids in the order gathered so far (the current order if none). */
export function gatheredOrder(rules) {
  return staged.changes.find((c) => c.kind === 'order')?.value || rules.rules.map((r) => r.id);
}

/** `change`: { kind: create | edit | retire | order, rule_id?, value (as the API takes it), label }. */
export function stage(change) {
  // One edit and one retirement per rule, and one order: a later one replaces the earlier.
  const same = (c) => change.kind !== 'create' && c.kind === change.kind && c.rule_id === change.rule_id;
  staged.changes = [...staged.changes.filter((c) => !same(c)), change];
  keep();
  drawList();
  notify(`Added: ${change.label}. ${plural(staged.changes.length, 'change', 'changes')} waiting to be published together.`);
}

function request(summary) {
  const body = { change_summary: summary, expected_version: staged.version, create: [], edit: [], retire: [] };
  const where = new Map();
  for (const change of staged.changes) {
    if (change.kind === 'order') {
      body.order = change.value;
      where.set('order', change);
    } else {
      where.set(`${change.kind}.${body[change.kind].length}`, change);
      body[change.kind].push(change.value);
    }
  }
  // Retired rules leave the order; new rules take their own positions.
  if (body.order) body.order = body.order.filter((id) => !body.retire.includes(id));
  return { body, where };
}

/** Puts each of the API's objections beside the change it names ("edit.0.title", "retire.1", "order"). */
function blame(error, where) {
  const problems = error.details.length ? error.details : [{ field: error.field, message: error.message }];
  for (const { field: name, message } of problems) {
    const parts = (name || '').split('.');
    const change = where.get(parts.slice(0, 2).join('.')) || where.get(parts[0]);
    if (change) change.problem = change.problem ? `${change.problem} ${message}` : message;
  }
}

function entry(change, index) {
  const problemId = `pending-problem-${index}`;
  const remove = () => {
    staged.changes = staged.changes.filter((c) => c !== change);
    keep();
    drawList();
    notify(`Removed: ${change.label}.`);
  };
  return h(
    'li',
    { class: change.problem ? 'invalid' : null },
    h('p', {}, change.label),
    change.problem ? h('p', { class: 'field-error', id: problemId }, change.problem) : null,
    h('button', { type: 'button', onclick: remove, 'aria-label': `Remove: ${change.label}`, 'aria-describedby': change.problem ? problemId : null }, 'Remove'),
  );
}

/** The gathered changes and the form that publishes them; `published()` runs after it succeeds. */
export function pendingChanges(published) {
  const list = h('ul', { class: 'pending-changes' });
  const empty = h('p', { class: 'hint' }, 'Nothing gathered yet. “Add to this set of changes” on any form above collects a change here, to publish with others as one version.');
  const summary = h('input', { name: 'change_summary', required: true, maxlength: 500 });
  const publish = form({ class: 'stack', 'aria-label': 'Publish the gathered changes' }, [
    field('What changed, for members', summary, 'Required: one summary for all these changes. Members read it when they are asked to agree to the new version.'),
    h('button', { type: 'submit', class: 'primary' }, 'Publish these changes as one version'),
  ], async (element) => {
    for (const change of staged.changes) change.problem = null;
    const { body, where } = request(values(element).change_summary);
    try {
      await api('/admin/rules/changes', { method: 'POST', body });
    } catch (error) {
      blame(error, where);
      drawList();
      throw error;
    }
    staged.changes = [];
    keep();
    notify('Published as one version. Members agree to it before posting again.');
    await published();
  });
  drawList = () => {
    list.replaceChildren(...staged.changes.map(entry));
    list.hidden = publish.hidden = staged.changes.length === 0;
    empty.hidden = !list.hidden;
  };
  drawList();
  return h('section', { 'aria-labelledby': 'pending-changes' }, h('h2', { id: 'pending-changes' }, 'Changes waiting to be published'), empty, list, publish);
}
