// Community settings, each section saved on its own: the moderator team's persona, moderation hours,
// thresholds, crisis signposts and removal messages; and members' roles.

import { api } from '../api.js';
import { fill, h } from '../dom.js';
import { field, form, values } from '../parts/forms.js';
import { adminNav } from '../parts/mod-nav.js';
import { notify } from '../parts/notice.js';

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const HOW = { call: 'Call', text: 'Text', web: 'Website', emergency: 'Emergency' };

function section(id, title, children, save) {
  return form({ class: 'stack settings-section', 'aria-labelledby': id }, [h('h2', { id }, title), children, h('button', { type: 'submit', class: 'primary' }, `Save ${title.toLowerCase()}`)], async (element) => {
    await save(element);
    notify(`${title} saved.`);
  });
}

const check = (name, label, on) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name, checked: on }), h('span', {}, label));
const area = (name, text, rows = 3) => Object.assign(h('textarea', { name, rows }), { value: text });
const put = (part, body) => api(`/admin/settings/${part}`, { method: 'PUT', body });

function windowsText(windows) {
  return windows.map((w) => `${w.days.map((d) => DAYS[d]).join(',')} ${w.start.slice(0, 5)}-${w.end.slice(0, 5)}`).join('\n');
}

function parseWindows(text) {
  return text.split('\n').map((line) => line.trim()).filter(Boolean).map((line) => {
    const [days, times = ''] = line.split(/\s+/);
    const [start, end] = times.split('-');
    return { days: days.split(',').map((d) => DAYS.indexOf(d.trim().slice(0, 3))).filter((d) => d >= 0), start, end };
  });
}

function signpostFields(item, n) {
  return h(
    'fieldset',
    { class: 'stack' },
    h('legend', {}, item.name || `New signpost ${n + 1}`),
    field('Name', h('input', { name: `name-${n}`, value: item.name || '' })),
    field('What it is', area(`description-${n}`, item.description || '', 2)),
    field('Contact (a number, “Text WORD to 12345”, or https:// address)', h('input', { name: `contact-${n}`, value: item.contact || '' })),
    field('How', h('select', { name: `how-${n}` }, Object.entries(HOW).map(([v, l]) => h('option', { value: v, selected: v === item.how }, l)))),
    field('When it is open (optional)', h('input', { name: `available-${n}`, value: item.available || '' })),
    check(`remove-${n}`, 'Remove this signpost', false),
  );
}

function messageFields(item, n) {
  return h(
    'fieldset',
    { class: 'stack' },
    h('legend', {}, item.title || `New message ${n + 1}`),
    field('Key (lower case letters, digits, - or _)', h('input', { name: `key-${n}`, value: item.key || '', pattern: '[a-z0-9_-]{1,40}' })),
    field('Title', h('input', { name: `title-${n}`, value: item.title || '' })),
    field('Text', area(`text-${n}`, item.text || '')),
    check(`remove-${n}`, 'Remove this message', false),
  );
}

/** Rows of fieldsets read back by index, leaving out empty and removed ones. */
function rows(element, count, names) {
  const v = values(element);
  const out = [];
  for (let n = 0; n < count; n += 1) {
    if (v[`remove-${n}`] || !v[`${names[0]}-${n}`]) continue;
    out.push(Object.fromEntries(names.map((name) => [name, v[`${name}-${n}`] || null])));
  }
  return out;
}

export async function adminSettings({ main }) {
  const s = await api('/admin/settings');
  const t = s.thresholds;
  const team = section('settings-team', 'Moderator team', [
    field('Team name members see', h('input', { name: 'persona_name', value: s.team.persona_name, required: true })),
    check('sign_with_own_name', 'Moderators sign with their own pseudonym', s.team.sign_with_own_name),
  ], async (el) => put('team', { persona_name: values(el).persona_name, sign_with_own_name: el.elements.sign_with_own_name.checked }));

  const hours = section('settings-hours', 'Moderation hours', [
    field('Time zone', h('input', { name: 'timezone', value: s.hours.timezone, required: true })),
    field('When moderators are on (one window a line)', area('windows', windowsText(s.hours.windows)), 'For example: Mon,Tue,Wed,Thu,Fri 09:00-21:00'),
  ], async (el) => put('hours', { timezone: values(el).timezone, windows: parseWindows(values(el).windows) }));

  const number = (name, label, value) => field(label, h('input', { name, type: 'number', min: 0, inputmode: 'numeric', value }));
  const thresholds = section('settings-thresholds', 'Thresholds', [
    number('hide_after_reporters', 'Hide words after this many members report them', t.hide_after_reporters),
    number('pause_after_reported_items', 'Pause posting after this many reported items (outside hours)', t.pause_after_reported_items),
    number('pause_window_hours', '… within this many hours', t.pause_window_hours),
    number('new_member_held_posts', 'New members’ first posts held for a moderator', t.new_member_held_posts),
    check('hold_crisis_posts', 'Hold crisis posts for a moderator', t.hold_crisis_posts),
    field('Strike ladder (one step a line: warning, suspension 7, ban)', area('ladder', t.strike_ladder.map((step) => (step.days ? `${step.kind} ${step.days}` : step.kind)).join('\n'))),
  ], async (el) => {
    const v = values(el);
    const ladder = v.ladder.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => {
      const [kind, days] = l.split(/\s+/);
      return { kind, days: days ? Number(days) : null };
    });
    const n = (name) => Number(v[name]);
    await put('thresholds', {
      hide_after_reporters: n('hide_after_reporters'),
      pause_after_reported_items: n('pause_after_reported_items'),
      pause_window_hours: n('pause_window_hours'),
      new_member_held_posts: n('new_member_held_posts'),
      hold_crisis_posts: el.elements.hold_crisis_posts.checked,
      strike_ladder: ladder,
    });
  });

  const posts = [...s.signposts.items, {}];
  const signposts = section('settings-signposts', 'Crisis signposts', [field('What members read first', area('intro', s.signposts.intro)), posts.map(signpostFields)], async (el) =>
    put('signposts', { intro: values(el).intro, items: rows(el, posts.length, ['name', 'description', 'contact', 'how', 'available']) }),
  );

  const messages = [...s.removal_messages.items, {}];
  const removal = section('settings-removal', 'Removal messages', messages.map(messageFields), async (el) =>
    put('removal_messages', { items: rows(el, messages.length, ['key', 'title', 'text']) }),
  );

  const roles = form({ class: 'stack settings-section', 'aria-labelledby': 'settings-roles' }, [
    h('h2', { id: 'settings-roles' }, 'Roles'),
    field('Member’s pseudonym', h('input', { name: 'pseudonym', required: true })),
    field('Role', h('select', { name: 'role' }, h('option', { value: 'member' }, 'Member'), h('option', { value: 'moderator' }, 'Moderator'), h('option', { value: 'admin' }, 'Administrator'))),
    h('button', { type: 'submit', class: 'primary' }, 'Set the role'),
  ], async (el) => {
    const v = values(el);
    const done = await api(`/admin/members/${encodeURIComponent(v.pseudonym)}/role`, { method: 'PUT', body: { role: v.role } });
    notify(`${done.pseudonym} is now ${done.role === 'admin' ? 'an administrator' : `a ${done.role}`}.`);
  });

  fill(main, h('h1', {}, 'Settings and roles'), adminNav(), team, hours, thresholds, signposts, removal, roles);
}
