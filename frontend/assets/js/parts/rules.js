// The house rules as members read them.

import { h } from '../dom.js';

export function rulesList(rules, { full = true } = {}) {
  return h(
    'ol',
    { class: 'rules' },
    rules.rules.map((rule) =>
      h(
        'li',
        {},
        h('h3', {}, rule.title),
        full ? h('p', {}, rule.text) : null,
        rule.summary ? h('p', { class: 'rule-summary' }, full ? `In short: ${rule.summary}` : rule.summary) : null,
      ),
    ),
  );
}
