// Crisis help, shown at once above the page when a member's words show they may be at risk: from the
// answer to their post, or live (crisis.help) on every screen they have open. Calm, and always theirs
// to close.

import { h } from '../dom.js';
import { signpostList } from './signposts.js';

const DIALLABLE = /^\+?[\d ()-]{2,20}$/;
const TEXT_WORD = /^text\s+(\w+)\s+to\s+(\d[\d ]*)$/i;

/** The one-tap link for a signpost as settings store it (the same rules as GET /api/v1/help). */
export function signpostLink({ name, contact, how }) {
  const words = contact.trim();
  if ((how === 'call' || how === 'emergency') && DIALLABLE.test(words)) {
    return { label: `Call ${words}`, href: `tel:${words.replace(/[^\d+]/g, '')}` };
  }
  if (how === 'text') {
    const worded = TEXT_WORD.exec(words);
    if (worded) {
      const number = worded[2].replace(/ /g, '');
      return { label: `Text ${worded[1]} to ${number}`, href: `sms:${number}?body=${worded[1]}` };
    }
    if (DIALLABLE.test(words)) return { label: `Text ${words}`, href: `sms:${words.replace(/[^\d+]/g, '')}` };
  }
  if (how === 'web' && words.startsWith('https://')) return { label: `Visit ${name}`, href: words };
  return null;
}

/** Shows the panel (replacing one already shown) and takes the reader to it. */
export function showCrisis(signposts) {
  const place = document.getElementById('alerts');
  place.querySelector('.crisis')?.remove();
  const items = signposts.items.map((item) => ({ ...item, link: item.link || signpostLink(item) }));
  const heading = h('h2', { id: 'crisis-heading', tabindex: -1 }, 'You matter. Help is here, right now');
  const close = h('button', { type: 'button', class: 'link-button' }, 'Close this panel');
  const panel = h(
    'section',
    { class: 'crisis', 'aria-labelledby': 'crisis-heading' },
    heading,
    h('p', {}, signposts.intro),
    signpostList(items),
    h('p', {}, 'A moderator will see your words. You can also keep this help on the ', h('a', { href: '/help' }, 'Help now page'), '.'),
    close,
  );
  close.addEventListener('click', () => {
    panel.remove();
    document.getElementById('main').focus();
  });
  place.prepend(panel);
  heading.focus();
}
