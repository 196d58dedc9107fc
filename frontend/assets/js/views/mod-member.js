// A member as moderators see them: state, strikes and the suggested next step, sanctions (warn, suspend,
// ban, lift, overrule), recent decisions, open appeals, and the team's private notes.

import { api } from '../api.js';
import { fill, fullDate, h } from '../dom.js';
import { field, form, values } from '../parts/forms.js';
import { modNav, ruleOptions } from '../parts/mod-nav.js';
import { notify } from '../parts/notice.js';
import { writeFromTeam } from '../parts/write-to.js';
import { render } from '../router.js';
import { loadRules } from '../session.js';

const STATES = { active: 'Active', suspended: 'Suspended', banned: 'Banned', posting_paused: 'Posting paused' };
const KINDS = { warning: 'Warning', suspension: 'Suspension', ban: 'Ban' };

function step(next) {
  return next.kind === 'suspension' ? `a suspension for ${next.days} days` : next.kind === 'ban' ? 'a ban' : 'a warning';
}

function reasonForm(label, path) {
  const reason = h('textarea', { name: 'reason', rows: 2, maxlength: 1000, required: true });
  return form({ class: 'stack', 'aria-label': label }, [field(`Why (${label.toLowerCase()})`, reason), h('button', { type: 'submit' }, label)], async () => {
    await api(path, { method: 'POST', body: { reason: reason.value } });
    notify(`${label}: done. The member is told.`);
    await render();
  });
}

function sanctionRow(sanction) {
  const live = ['in_force', 'on_record'].includes(sanction.status);
  const details = h('details', { class: 'menu-inline' }, h('summary', {}, 'Lift or overrule'));
  if (live) {
    if (sanction.kind !== 'warning' && sanction.status === 'in_force') details.append(reasonForm('Lift', `/moderation/sanctions/${sanction.id}/lift`));
    details.append(reasonForm('Overrule', `/moderation/sanctions/${sanction.id}/overrule`));
  }
  return h(
    'li',
    {},
    h(
      'div',
      { class: 'row-content' },
      h('p', {}, h('strong', {}, KINDS[sanction.kind]), ` · ${sanction.status.replace('_', ' ')} · ${sanction.rule.title}`),
      h('p', {}, sanction.message),
      h('p', { class: 'meta' }, `${fullDate(sanction.created_at)} by ${sanction.moderator || 'a moderator'}`, sanction.ends_at ? ` · ends ${fullDate(sanction.ends_at)}` : null),
      sanction.lift_reason ? h('p', { class: 'meta' }, `Lifted: ${sanction.lift_reason}`) : null,
      sanction.overrule_reason ? h('p', { class: 'meta' }, `Overruled: ${sanction.overrule_reason}`) : null,
      live ? details : null,
    ),
  );
}

function sanctionForm(page, rules, path) {
  const kind = h('select', { name: 'kind' }, Object.entries(KINDS).map(([value, label]) => h('option', { value, selected: value === page.suggested_next_step.kind }, label)));
  const days = h('input', { name: 'days', type: 'number', min: 1, max: 365, inputmode: 'numeric', value: page.suggested_next_step.days || 7 });
  const rule = h('select', { name: 'rule_id', required: true }, ruleOptions(rules));
  const message = h('textarea', { name: 'message', rows: 3, maxlength: 1000, required: true });
  return form(
    { class: 'stack', 'aria-labelledby': 'sanction-heading' },
    [
      h('h2', { id: 'sanction-heading' }, 'Warn, suspend or ban'),
      h('p', {}, `Suggested next step: ${step(page.suggested_next_step)}.`),
      field('Kind', kind),
      field('Days (for a suspension)', days),
      field('House rule', rule),
      field('Message to the member', message, 'They read this with the rule, and can appeal.'),
      h('button', { type: 'submit', class: 'danger' }, 'Send to the member'),
    ],
    async (element) => {
      const v = values(element);
      await api(`${path}/sanctions`, {
        method: 'POST',
        body: { kind: v.kind, rule_id: v.rule_id ? Number(v.rule_id) : 0, message: v.message, days: v.kind === 'suspension' ? Number(v.days) : null },
      });
      notify('Sent. The member is told, with the rule and how to appeal.');
      await render();
    },
  );
}

function notesSection(notes, path) {
  const body = h('textarea', { name: 'body', rows: 3, maxlength: 2000, required: true });
  return h(
    'section',
    { 'aria-labelledby': 'notes-heading' },
    h('h2', { id: 'notes-heading' }, 'Notes for the team'),
    h('p', { class: 'hint' }, 'Only moderators read these. The member never sees them.'),
    notes.items.length
      ? h('ul', { class: 'my-list' }, notes.items.map((note) => h('li', {}, h('div', { class: 'row-content' }, h('p', {}, note.body), h('p', { class: 'meta' }, `${note.author || 'a moderator'}, ${fullDate(note.created_at)}`)))))
      : h('p', { class: 'empty' }, 'No notes yet.'),
    form({ class: 'stack', 'aria-label': 'A note for the team' }, [field('Add a note', body), h('button', { type: 'submit' }, 'Save note')], async () => {
      await api(`${path}/notes`, { method: 'POST', body: { body: body.value } });
      notify('Note saved.');
      await render();
    }),
  );
}

export async function modMember({ main, params }) {
  const path = `/moderation/members/${encodeURIComponent(params[0])}`;
  const [page, notes, rules] = await Promise.all([api(path), api(`${path}/notes`), loadRules()]);
  const unpause = h('button', { type: 'button' }, 'Let them post again');
  unpause.addEventListener('click', async () => {
    await api(`${path}/posting-pause`, { method: 'DELETE' });
    notify('Posting is open to them again.');
    await render();
  });
  fill(
    main,
    h('h1', {}, `${page.pseudonym}: moderation`),
    modNav(),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, 'State'),
      h('dd', {}, STATES[page.state], page.suspended_until ? ` until ${fullDate(page.suspended_until)}` : null),
      h('dt', {}, 'Role'),
      h('dd', {}, page.role),
      h('dt', {}, 'Joined'),
      h('dd', {}, fullDate(page.joined_at)),
      h('dt', {}, 'Strikes in the last 12 months'),
      h('dd', {}, String(page.strikes_last_12_months)),
      h('dt', {}, 'Suggested next step'),
      h('dd', {}, step(page.suggested_next_step)),
    ),
    page.state === 'posting_paused' ? h('p', {}, unpause) : null,
    h('p', {}, h('a', { href: `/members/${encodeURIComponent(page.pseudonym)}` }, 'Their public profile and posts'), ' · ', h('a', { href: `/moderation/audit?member=${encodeURIComponent(page.pseudonym)}` }, 'Their audit history')),
    writeFromTeam(page.pseudonym),
    h('h2', {}, 'Sanctions'),
    page.sanctions.length ? h('ul', { class: 'my-list' }, page.sanctions.map(sanctionRow)) : h('p', { class: 'empty' }, 'None.'),
    h('h2', {}, 'Recent decisions'),
    page.recent_decisions.length
      ? h('ul', { class: 'my-list' }, page.recent_decisions.map((d) => h('li', {}, h('p', {}, `${d.action} · a ${d.target_type}`, d.rule ? ` · ${d.rule.title}` : null, ` · ${fullDate(d.created_at)}`, d.moderator ? ` · ${d.moderator}` : null))))
      : h('p', { class: 'empty' }, 'None.'),
    page.open_appeals.length ? [h('h2', {}, 'Open appeals'), h('p', {}, `${page.open_appeals.length} open. `, h('a', { href: '/moderation/appeals' }, 'Decide appeals'))] : null,
    sanctionForm(page, rules, path),
    notesSection(notes, path),
  );
}
