// The house rules in full, with their version; a member who has not agreed to this version agrees here.

import { api } from '../api.js';
import { fill, fullDate, h } from '../dom.js';
import { form } from '../parts/forms.js';
import { notify } from '../parts/notice.js';
import { rulesList } from '../parts/rules.js';
import { clearRulesChanged } from '../parts/rules-changed.js';
import { navigate } from '../router.js';
import { loadRules, mustAgree, setAccount } from '../session.js';

function ruleLine(rule, extra) {
  return h('li', {}, h('strong', {}, rule.title), extra ? ` ${extra}` : null, h('p', {}, rule.text));
}

/** Each rule added, changed, retired or moved since the version the member agreed to. */
function changesList(changes) {
  const section = (title, items) => (items.length ? [h('h3', {}, title), h('ul', { class: 'changes' }, items)] : null);
  return [
    section('New rules', changes.added.map((rule) => ruleLine(rule))),
    section(
      'Changed rules',
      changes.changed.map(({ before, after }) =>
        h('li', {}, h('strong', {}, after.title), before.title !== after.title ? ` (was “${before.title}”)` : null, h('p', {}, 'Now: ', after.text), before.text !== after.text ? h('p', { class: 'meta' }, 'Before: ', before.text) : null),
      ),
    ),
    section('Rules retired', changes.retired.map((rule) => ruleLine(rule, '(no longer a rule)'))),
    section('Rules moved', changes.moved.map((move) => h('li', {}, `${move.title}: from number ${move.from_position} to number ${move.to_position}`))),
  ];
}

function agreement(rules, changes) {
  return form(
    { class: 'agreement', 'aria-labelledby': 'agree-heading' },
    [
      h('h2', { id: 'agree-heading' }, 'The house rules have changed'),
      h('p', {}, `What changed: ${rules.change_summary}`),
      changes ? changesList(changes) : null,
      h('p', {}, 'Reading the wall never stops. To post or reply again, read them below and agree to this version.'),
      h('button', { type: 'submit', class: 'primary' }, `I agree to version ${rules.version}`),
    ],
    async () => {
      setAccount(await api('/me/rules-agreement', { method: 'POST', body: { version: rules.version } }));
      clearRulesChanged();
      notify('Thank you. You can post and reply again.');
      await navigate('/wall');
    },
  );
}

export async function rulesPage({ main }) {
  const rules = await loadRules();
  const changes = mustAgree(rules) ? await api('/me/rules-changes').catch(() => null) : null;
  fill(main, 
    h('h1', {}, 'House rules'),
    h(
      'p',
      { class: 'lead' },
      'Written with the community so the wall stays safe on hard days. Every member agrees to them; moderators name the rule whenever they remove something.',
    ),
    h('p', { class: 'meta' }, `Version ${rules.version}, from ${fullDate(rules.published_at)}.`),
    mustAgree(rules) ? agreement(rules, changes) : null,
    h('p', {}, h('a', { href: '/rules/versions' }, 'Earlier versions of the house rules')),
    h('h2', {}, 'The rules'),
    rulesList(rules),
  );
}

/** Every published version of the house rules, newest first, each with what changed. */
export async function rulesVersions({ main, params }) {
  if (params[0]) {
    const rules = await api(`/rules/versions/${Number(params[0])}`);
    fill(main, h('h1', {}, `House rules, version ${rules.version}`), h('p', { class: 'meta' }, `From ${fullDate(rules.published_at)}. What changed: ${rules.change_summary}`), rulesList(rules), h('p', {}, h('a', { href: '/rules/versions' }, 'All versions')));
    return;
  }
  const page = await api('/rules/versions', { query: { limit: 100 } });
  fill(
    main,
    h('h1', {}, 'Versions of the house rules'),
    h('ol', { class: 'my-list', reversed: true }, page.items.map((v) => h('li', {}, h('div', { class: 'row-content' }, h('p', {}, h('a', { href: `/rules/versions/${v.version}` }, `Version ${v.version}`), ` · ${fullDate(v.published_at)}`), h('p', {}, v.change_summary))))),
  );
}
