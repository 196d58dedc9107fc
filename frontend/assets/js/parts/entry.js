// What posts and replies share: who wrote it and when, I hear you, the author's edit and delete, and the
// menu of what a reader can do about it.

import { api } from '../api.js';
import { h, plural, uid, when } from '../dom.js';
import { avatar } from './avatar.js';
import { form, values } from './forms.js';
import { notify } from './notice.js';
import { answerScreening, screeningBox, sendScreened } from './screening.js';

export function byline(item) {
  return h(
    'p',
    { class: 'byline' },
    avatar(item.author.avatar),
    h('a', { class: 'author', href: `/members/${encodeURIComponent(item.author.pseudonym)}` }, item.author.pseudonym),
    ' ',
    when(item.created_at),
    item.edited_at ? h('span', { class: 'edited' }, ' (edited)') : null,
    item.state === 'pending' ? h('span', { class: 'badge' }, 'Waiting for a moderator') : null,
  );
}

/** Words that match the reader's filter stay collapsed until they choose to read them. */
export function filterCollapse(item, words) {
  if (!item.filtered) return words;
  const why = item.filter_word ? `Hidden by your filter (“${item.filter_word}”)` : 'Hidden by your filter';
  return h('details', { class: 'filtered' }, h('summary', {}, why, h('span', { class: 'hint' }, ' · tap to show')), words);
}

function heardText(count) {
  return count === 0 ? 'Not heard yet' : `Heard by ${plural(count, 'member', 'members')}`;
}

/** The author sees the count and who heard them; other members press I hear you. */
export function hearing(item, path) {
  const count = h('span', { class: 'heard-count' }, heardText(item.heard_count));
  if (item.mine) {
    const listId = uid('hearers');
    const list = h('ul', { class: 'hearers', id: listId, hidden: true });
    const who = h(
      'button',
      { type: 'button', class: 'link-button', 'aria-expanded': 'false', 'aria-controls': listId, hidden: item.heard_count === 0 },
      'Who heard you',
    );
    who.addEventListener('click', async () => {
      const open = who.getAttribute('aria-expanded') === 'true';
      if (!open) {
        const hearers = await api(`${path}/hearers`);
        list.replaceChildren(...hearers.items.map((m) => h('li', {}, avatar(m.avatar), m.pseudonym)));
      }
      who.setAttribute('aria-expanded', String(!open));
      list.hidden = open;
    });
    return {
      el: h('div', { class: 'hearing' }, count, who, list),
      setCount(value) {
        count.textContent = heardText(value);
        who.hidden = value === 0;
      },
    };
  }
  const button = h('button', { type: 'button', class: 'hear', 'aria-pressed': String(item.heard_by_me), hidden: item.state !== 'published' }, 'I hear you');
  button.addEventListener('click', async () => {
    const heard = button.getAttribute('aria-pressed') === 'true';
    try {
      const result = await api(`${path}/hear`, { method: heard ? 'DELETE' : 'PUT' });
      button.setAttribute('aria-pressed', String(result.heard_by_me));
      count.textContent = heardText(result.heard_count);
    } catch (error) {
      notify(error.message);
    }
  });
  return {
    el: h('div', { class: 'hearing' }, button, count),
    setCount(value) {
      count.textContent = heardText(value);
    },
  };
}

/** Edit and delete, for the author: `edit()` opens the editor; once deleted at `path`, `gone()`. */
export function ownActions(noun, path, { edit, gone }) {
  const confirmBox = h('div', { class: 'confirm', hidden: true });
  const editButton = h('button', { type: 'button', class: 'link-button', onclick: edit }, 'Edit');
  const deleteButton = h('button', { type: 'button', class: 'link-button' }, 'Delete');
  deleteButton.addEventListener('click', () => {
    const keep = h('button', { type: 'button' }, 'Keep it');
    const sure = h('button', { type: 'button', class: 'danger' }, `Delete ${noun}`);
    keep.addEventListener('click', () => {
      confirmBox.hidden = true;
      deleteButton.focus();
    });
    sure.addEventListener('click', async () => {
      try {
        await api(path, { method: 'DELETE' });
        gone();
      } catch (error) {
        notify(error.message);
      }
    });
    confirmBox.replaceChildren(h('p', {}, `Delete this ${noun}? Your words are gone for good.`), sure, ' ', keep);
    confirmBox.hidden = false;
    keep.focus();
  });
  return h('div', { class: 'own-actions' }, editButton, deleteButton, confirmBox);
}

/** A disclosure menu of buttons: [{ label, run }]. */
export function menu(label, items) {
  const summary = h('summary', {}, 'More', h('span', { class: 'visually-hidden' }, ` for ${label}`));
  const details = h('details', { class: 'menu' }, summary);
  const close = () => {
    details.open = false;
    summary.focus();
  };
  details.append(
    h(
      'ul',
      { class: 'menu-items' },
      items.map(({ label: text, run }) =>
        h('li', {}, h('button', { type: 'button', onclick: async () => { details.open = false; await run(); } }, text)),
      ),
    ),
  );
  details.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && details.open) close();
  });
  return details;
}

/**
 * Replaces `content` with an editor of `fields`; `save(values, postAnyway)` stores them and answers the
 * stored words; Cancel puts `words()` back. Screening's nudges and refusals show in the editor.
 */
export function openEditor(content, { label, fields, words, save, noun, level = 3 }) {
  const cancel = h('button', { type: 'button', onclick: () => content.replaceChildren(words()) }, 'Cancel');
  const box = screeningBox(level);
  const editor = form(
    { class: 'stack editor', 'aria-label': label },
    [fields, box, h('p', {}, h('button', { type: 'submit', class: 'primary' }, 'Save'), ' ', cancel)],
    async (element) => {
      const actions = content.parentNode.querySelector('.own-actions button');
      const changes = values(element);
      await sendScreened(box, element.querySelector('textarea'), (anyway) => save(changes, anyway), (written) => {
        answerScreening(written, noun);
        actions.focus();
      });
    },
  );
  content.replaceChildren(editor);
  editor.querySelector('textarea').focus();
}
