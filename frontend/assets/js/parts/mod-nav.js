// The links between the moderators' screens, and between the administrators'.

import { h } from '../dom.js';
import { hasRole } from '../session.js';

function links(label, items) {
  return h(
    'nav',
    { class: 'filters', 'aria-label': label },
    h('ul', {}, items.map(([href, text]) => h('li', {}, h('a', { href, 'aria-current': location.pathname === href ? 'page' : null }, text)))),
  );
}

export function modNav() {
  return links('Moderation', [
    ['/moderation', 'Review queue'],
    ['/moderation/inbox', 'Team inbox'],
    ['/moderation/appeals', 'Appeals'],
    ['/moderation/audit', 'Audit log'],
  ]);
}

export function adminNav() {
  return links('Administration', [
    ['/admin/rules', 'House rules'],
    ['/admin/checks', 'Screening checks'],
    ['/admin/settings', 'Settings and roles'],
    ['/admin/figures', 'Figures'],
    ...(hasRole('moderator') ? [['/moderation/audit', 'Audit log']] : []),
  ]);
}

/** The current house rules as <option>s, for choosing the rule a decision names. */
export function ruleOptions(rules, { blank = 'Choose a house rule' } = {}) {
  return [h('option', { value: '' }, blank), rules.rules.map((rule) => h('option', { value: String(rule.id) }, rule.title))];
}
