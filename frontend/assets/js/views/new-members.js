// New members, newest first, each with Welcome (a few optional words, screened; once per member), and
// the members who welcomed me.

import { api } from '../api.js';
import { fill, h, plural, when } from '../dom.js';
import { avatar } from '../parts/avatar.js';
import { field, form, opensInPlace } from '../parts/forms.js';
import { pagedList } from '../parts/paged-list.js';
import { answerScreening, screeningBox, sendScreened } from '../parts/screening.js';
import { currentAccount } from '../session.js';

function welcomed(conversationId) {
  return h('p', { class: 'welcomed' }, 'You welcomed them. ', conversationId ? h('a', { href: `/messages/${conversationId}` }, 'See your conversation') : null);
}

function welcomeCount(count) {
  return count ? `Welcomed by ${plural(count, 'member', 'members')}` : 'Nobody has welcomed them yet';
}

/** The Welcome button, and the short form it opens; both give way to "You welcomed them". */
function welcomeAction(person, counted) {
  const name = person.member.pseudonym;
  const place = h('div', { class: 'welcome-action' });
  const open = h('button', { type: 'button', class: 'primary' }, `Welcome ${name}`);
  const box = screeningBox();
  const words = h('textarea', { name: 'message', rows: 2, maxlength: 500 });
  const cancel = h('button', { type: 'button' }, 'Cancel');
  const done = (sent) => {
    place.replaceChildren(welcomed(sent.conversation_id));
    counted(person.welcome_count + 1);
    answerScreening(sent.message, 'welcome');
  };
  const writer = form(
    { class: 'stack', 'aria-label': `Welcome ${name}` },
    [
      field('A few words of welcome (optional)', words, 'Left empty, they get “Welcome to Alongside.” from you.'),
      box,
      h('p', {}, h('button', { type: 'submit', class: 'primary' }, 'Send welcome'), ' ', cancel),
    ],
    async () => {
      const message = words.value.trim() || null;
      const send = (anyway) => api(`/members/${encodeURIComponent(name)}/welcome`, { method: 'POST', body: { message, post_anyway: anyway } });
      await sendScreened(box, words, send, done, { verb: 'Send' });
    },
  );
  return opensInPlace(place, { open, writer, first: words, cancel });
}

function newMemberRow(person) {
  const name = person.member.pseudonym;
  const count = h('p', { class: 'meta' }, welcomeCount(person.welcome_count));
  const counted = (n) => {
    count.textContent = welcomeCount(n);
  };
  const me = name === currentAccount().pseudonym;
  return h(
    'li',
    {},
    h(
      'div',
      { class: 'row-content' },
      h('p', { class: 'byline' }, avatar(person.member.avatar), h('a', { href: `/members/${encodeURIComponent(name)}` }, name), ' joined ', when(person.joined_at)),
      count,
      me ? h('p', {}, 'This is you.') : person.welcomed_by_me ? welcomed(null) : welcomeAction(person, counted),
    ),
  );
}

function welcomerRow(welcome) {
  const name = welcome.member.pseudonym;
  return h(
    'li',
    {},
    h(
      'div',
      { class: 'row-content' },
      h('p', { class: 'byline' }, avatar(welcome.member.avatar), h('a', { href: `/members/${encodeURIComponent(name)}` }, name), ' welcomed you ', when(welcome.created_at)),
      welcome.conversation_id ? h('p', {}, h('a', { href: `/messages/${welcome.conversation_id}` }, `Read and answer ${name}`)) : null,
    ),
  );
}

function paged(label, first, load, row, empty) {
  const paging = pagedList({ label, load, row, empty });
  paging.show(first);
  return paging.elements;
}

export async function newMembers({ main }) {
  const [people, welcomes] = await Promise.all([api('/members/new'), api('/me/welcomes')]);
  fill(
    main,
    h('h1', {}, 'New members'),
    h('p', { class: 'lead' }, 'Members who joined this week. A welcome is a private message from you; each member can be welcomed once by each of us.'),
    h('h2', {}, 'Joined lately'),
    paged('New members', people, (cursor) => api('/members/new', { query: { cursor } }), newMemberRow, 'Nobody new this week.'),
    h('h2', {}, 'Who welcomed you'),
    paged('Who welcomed you', welcomes, (cursor) => api('/me/welcomes', { query: { cursor } }), welcomerRow, 'Nobody has welcomed you yet.'),
  );
}
