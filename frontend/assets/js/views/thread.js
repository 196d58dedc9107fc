// One post with its replies, kept up to date live; new replies join the end of the list.

import { api } from '../api.js';
import { fill, h } from '../dom.js';
import { Entries } from '../parts/entries.js';
import { postCard } from '../parts/post.js';
import { replyCard, replyComposer } from '../parts/reply.js';
import { asSeen } from '../session.js';
import { listen } from '../stream.js';

export async function thread({ main, params, onLeave }) {
  const postId = Number(params[0]);
  const entries = new Entries();
  const list = h('ol', { class: 'replies', 'aria-label': 'Replies' });
  const older = h('button', { type: 'button', class: 'older', hidden: true }, 'Show more replies');
  const goneNote = h('p', { class: 'callout', hidden: true }, 'This post is no longer on the wall.');
  let cursor = null;
  const postKey = `post:${postId}`;
  const replyKey = (id) => `reply:${id}`;

  function addReply(reply) {
    if (entries.has(replyKey(reply.id))) return;
    const card = replyCard(reply, { entries, gone: () => entries.drop(replyKey(reply.id)) });
    list.append(entries.add(replyKey(reply.id), card).el);
  }

  const composer = replyComposer(postId, (reply) => {
    if (!entries.has(replyKey(reply.id))) entries.get(postKey)?.addReplies(1);
    addReply(reply);
  });

  function postGone() {
    entries.drop(postKey);
    for (const key of [...entries.cards.keys()]) entries.drop(key);
    goneNote.hidden = false;
    composer.hidden = true;
  }

  const receive = ({ type, data }) => {
    const post = entries.get(postKey);
    if (type === 'post.edited' && data.post.id === postId) post?.update(data.post);
    else if (type === 'post.heard' && data.post_id === postId) post?.setHeard(data.heard_count);
    else if (['post.deleted', 'post.removed', 'post.held'].includes(type) && data.post_id === postId) postGone();
    else if (type === 'reply.published' && data.reply.post_id === postId) {
      if (!entries.has(replyKey(data.reply.id))) post?.addReplies(1);
      addReply(asSeen(data.reply));
    } else if (type === 'reply.edited' && data.reply.post_id === postId) entries.get(replyKey(data.reply.id))?.update(data.reply);
    else if (type === 'reply.heard' && data.post_id === postId) entries.get(replyKey(data.reply_id))?.setHeard(data.heard_count);
    else if (['reply.deleted', 'reply.removed', 'reply.held'].includes(type) && data.post_id === postId && entries.has(replyKey(data.reply_id))) {
      entries.drop(replyKey(data.reply_id));
      post?.addReplies(-1);
    }
  };

  const stop = listen(receive);
  onLeave(stop);
  const found = await api(`/posts/${postId}`);
  const card = postCard(found.post, { entries, key: postKey, inThread: true, gone: postGone });
  entries.add(postKey, card);
  const addPage = (page) => {
    page.items.forEach(addReply);
    cursor = page.next_cursor;
    older.hidden = !cursor;
  };
  addPage(found.replies);
  older.addEventListener('click', async () => addPage(await api(`/posts/${postId}/replies`, { query: { cursor } })));
  fill(main, 
    h('p', {}, h('a', { href: '/wall' }, 'Back to the wall')),
    h('h1', {}, `${found.post.author.pseudonym}'s post`),
    card.el,
    goneNote,
    h('h2', {}, 'Replies'),
    list,
    older,
    composer,
  );
}
