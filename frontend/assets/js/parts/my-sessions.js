// Where the member is signed in, with a way to end any of those sessions.

import { api } from '../api.js';
import { fullDate, h, when } from '../dom.js';
import { navigate } from '../router.js';
import { signOut } from '../session.js';
import { notify } from './notice.js';

function device(userAgent) {
  // A short, recognisable name rather than the whole user-agent string.
  const browser = /(Edg|Firefox|Chrome|Safari)\//.exec(userAgent);
  const system = /(Windows|Android|iPhone|iPad|Mac OS X|Linux)/.exec(userAgent);
  const name = { Edg: 'Edge' }[browser?.[1]] || browser?.[1];
  if (!name && !system) return 'An unnamed device';
  return [name || 'A browser', system ? `on ${system[1].replace('Mac OS X', 'macOS')}` : ''].join(' ').trim();
}

export async function signOutHere() {
  await signOut();
  await navigate('/');
  notify('You are signed out.');
}

export async function sessionsList() {
  const sessions = await api('/me/sessions');
  const list = h('ul', { class: 'my-list' });
  for (const session of sessions) {
    const end = h('button', { type: 'button' }, session.current ? 'Sign out here' : 'Sign out there');
    const row = h(
      'li',
      {},
      h(
        'div',
        { class: 'row-content' },
        h('p', {}, h('strong', {}, device(session.device)), session.current ? ' (this device)' : ''),
        h('p', { class: 'meta' }, `Signed in ${fullDate(session.created_at)}; last used `, when(session.last_seen_at)),
      ),
      end,
    );
    end.addEventListener('click', async () => {
      if (session.current) {
        await signOutHere();
        return;
      }
      try {
        await api(`/me/sessions/${session.id}`, { method: 'DELETE' });
      } catch (error) {
        notify(error.message);
        return;
      }
      row.remove();
      notify('That session is signed out.');
    });
    list.append(row);
  }
  return h('section', { 'aria-labelledby': 'sessions-heading' }, h('h2', { id: 'sessions-heading' }, 'Where you are signed in'), list);
}
