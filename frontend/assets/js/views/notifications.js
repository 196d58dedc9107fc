// Notifications, newest first and live, with mark as read; and the member's appeals with their outcomes.

import { api } from '../api.js';
import { fill, fullDate, h } from '../dom.js';
import { notificationCard } from '../parts/notification.js';
import { notify } from '../parts/notice.js';
import { listen } from '../stream.js';
import { setUnread, unreadCount } from '../unread.js';

export async function notifications({ main, onLeave }) {
  const list = h('ol', { class: 'notifications', 'aria-label': 'Notifications' });
  const nothing = h('p', { class: 'empty' }, 'Nothing yet. Moderation notices and replies to your reports arrive here.');
  const older = h('button', { type: 'button', class: 'older', hidden: true }, 'Show older notifications');
  const markRead = h('button', { type: 'button' }, 'Mark all as read');
  let cursor = null;
  let newest = null;

  const show = () => {
    nothing.hidden = list.children.length > 0;
    markRead.hidden = unreadCount() === 0;
  };
  async function more() {
    const page = await api('/me/notifications', { query: { cursor } });
    if (newest === null && page.items.length) newest = page.items[0].id;
    list.append(...page.items.map(notificationCard));
    cursor = page.next_cursor;
    older.hidden = !cursor;
    setUnread(page.unread_count);
    show();
  }
  older.addEventListener('click', more);
  markRead.addEventListener('click', async () => {
    await api('/me/notifications/read', { method: 'POST', body: { up_to_id: newest } });
    for (const item of list.querySelectorAll('.unread')) {
      item.classList.remove('unread');
      item.querySelector('.badge')?.remove();
    }
    setUnread(0);
    show();
    notify('All marked as read.');
  });
  onLeave(
    listen(({ type, id, data }) => {
      if (type !== 'notification') return;
      newest = Math.max(newest || 0, data.id);
      list.prepend(notificationCard({ ...data, read: false, id: data.id || id }));
      show();
    }),
  );
  await more();
  fill(main, h('h1', {}, 'Notifications'), h('p', {}, markRead, ' ', h('a', { href: '/appeals' }, 'Your appeals')), list, nothing, older);
}

const STATUS = { open: 'Waiting for a moderator', granted: 'Granted', refused: 'Not granted' };

export async function appeals({ main }) {
  const page = await api('/me/appeals');
  fill(
    main,
    h('h1', {}, 'Your appeals'),
    h('p', { class: 'lead' }, 'When you think a moderator got something wrong, appeal from the notice in your notifications. A different moderator looks again.'),
    page.items.length
      ? h(
          'ol',
          { class: 'my-list appeals' },
          page.items.map((appeal) =>
            h(
              'li',
              {},
              h(
                'div',
                { class: 'row-content' },
                h('p', {}, h('strong', {}, STATUS[appeal.status]), ` · sent ${fullDate(appeal.created_at)}`),
                h('p', {}, 'You wrote: ', h('q', {}, appeal.text)),
                appeal.response ? h('p', {}, 'The answer: ', appeal.response) : null,
              ),
            ),
          ),
        )
      : h('p', { class: 'empty' }, 'You have not appealed anything.'),
    h('p', {}, h('a', { href: '/notifications' }, 'Back to notifications')),
  );
}
