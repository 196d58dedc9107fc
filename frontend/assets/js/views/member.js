// A member's public profile and their posts; mute or block them from here too.

import { api } from '../api.js';
import { fill, fullDate, h } from '../dom.js';
import { avatar } from '../parts/avatar.js';
import { feed } from '../parts/feed.js';
import { notify } from '../parts/notice.js';
import { render } from '../router.js';
import { openReport } from '../parts/report.js';
import { writeToMember } from '../parts/write-to.js';
import { currentAccount, hasRole } from '../session.js';

const WORDS = { mute: ['Mute', 'muted'], block: ['Block', 'blocked'] };

function relationButton(pseudonym, kind, on) {
  const [verb, done] = WORDS[kind];
  const button = h('button', { type: 'button', 'aria-pressed': String(on) }, `${verb} ${pseudonym}`);
  button.addEventListener('click', async () => {
    try {
      await api(`/members/${encodeURIComponent(pseudonym)}/${kind}`, { method: on ? 'DELETE' : 'PUT' });
    } catch (error) {
      notify(error.message);
      return;
    }
    notify(on ? `${pseudonym} is no longer ${done}.` : `You ${done} ${pseudonym}.`);
    await render();
  });
  return button;
}

export async function member({ main, params, onLeave }) {
  const pseudonym = params[0];
  const path = `/members/${encodeURIComponent(pseudonym)}`;
  const profile = await api(path);
  const mine = profile.pseudonym === currentAccount().pseudonym;
  let choices = null;
  if (mine) {
    choices = h('p', {}, h('a', { href: '/settings' }, 'Change your about me or avatar'));
  } else {
    const [mutes, blocks] = await Promise.all([api('/me/mutes'), api('/me/blocks')]);
    const listed = (list) => list.some((m) => m.pseudonym === profile.pseudonym);
    const reportPlace = h('div', { class: 'report-place' });
    const report = h('button', { type: 'button' }, `Report ${profile.pseudonym}`);
    report.addEventListener('click', () =>
      openReport(reportPlace, { path, noun: 'member', opener: report, reported: () => {} }),
    );
    choices = [
      h(
        'p',
        { class: 'actions' },
        relationButton(profile.pseudonym, 'mute', listed(mutes)),
        ' ',
        relationButton(profile.pseudonym, 'block', listed(blocks)),
        ' ',
        report,
      ),
      writeToMember(profile.pseudonym),
      hasRole('moderator') ? h('p', {}, h('a', { href: `/moderation/members/${encodeURIComponent(profile.pseudonym)}` }, 'Moderation page for this member')) : null,
      reportPlace,
    ];
  }
  const posts = feed({
    label: `Posts by ${profile.pseudonym}`,
    load: (cursor) => api(`${path}/posts`, { query: { cursor } }),
    empty: mine ? 'You have not posted yet.' : 'No posts to show.',
  });
  onLeave(await posts.ready());
  fill(main, 
    h(
      'section',
      { class: 'profile' },
      avatar(profile.avatar, { size: 'large' }),
      h('h1', {}, profile.pseudonym),
      h('p', { class: 'meta' }, `Joined ${fullDate(profile.joined_at)}`),
      profile.about_me ? h('p', { class: 'about' }, profile.about_me) : null,
      choices,
    ),
    h('h2', {}, 'Posts'),
    posts.el,
  );
}
