// What screening answers when a member writes: a nudge (edit, or post anyway), a refusal naming the
// rule, words that wait for a moderator, and crisis help at once.

import { h } from '../dom.js';
import { showCrisis } from './crisis.js';
import { notify } from './notice.js';

/** The place in a form where screening's answer shows; its heading is at `level`, so none is skipped. */
export function screeningBox(level = 3) {
  return h('div', { class: 'screening', hidden: true, tabindex: -1, 'data-level': level });
}

function ruleItems(details) {
  return h(
    'ul',
    { class: 'screening-rules' },
    details.map((rule) =>
      h(
        'li',
        {},
        h('strong', {}, rule.title),
        rule.summary ? h('p', {}, rule.summary) : null,
        rule.excerpts && rule.excerpts.length
          ? h('p', { class: 'excerpts' }, 'The words: ', rule.excerpts.map((words, i) => [i ? ', ' : '', h('q', {}, words)]))
          : null,
      ),
    ),
  );
}

/** Tells the author what happened to words just stored: held for a moderator, crisis help. */
export function answerScreening(written, noun) {
  const screening = written.screening;
  if (!screening) return;
  if (screening.help) showCrisis(screening.help);
  if (screening.held) {
    notify(
      screening.rules.length
        ? `Your ${noun} is waiting for a moderator (${screening.rules.map((r) => r.title).join('; ')}). Only you can see it until then.`
        : `Your ${noun} is waiting for a moderator. Only you can see it until then.`,
    );
  }
}

/**
 * Sends words through `send(postAnyway)`; `done(written)` takes what was stored. A nudge or a refusal
 * shows in `box`; other errors are the form's to show. `edit` is where the words are, for "Edit";
 * `verb` names the action on the nudge's second button ("Post anyway", "Send anyway").
 */
export async function sendScreened(box, edit, send, done, { verb = 'Post' } = {}) {
  box.hidden = true;
  box.replaceChildren();
  try {
    done(await send(false));
  } catch (error) {
    if (error.code === 'screening_nudge') {
      const anyway = h('button', { type: 'button' }, `${verb} anyway`);
      const change = h('button', { type: 'button', class: 'primary' }, 'Edit');
      change.addEventListener('click', () => {
        box.hidden = true;
        edit.focus();
      });
      anyway.addEventListener('click', async () => {
        anyway.disabled = true;
        try {
          done(await send(true));
          box.hidden = true;
        } catch (again) {
          notify(again.message);
        } finally {
          anyway.disabled = false;
        }
      });
      box.className = 'screening nudge';
      box.replaceChildren(
        h(`h${box.dataset.level || 3}`, {}, 'Before you share this'),
        h('p', {}, 'Your words may go against a house rule. Nothing has been shared yet.'),
        ruleItems(error.details),
        h('p', { class: 'actions' }, change, ' ', anyway),
      );
    } else if (error.code === 'screening_refused') {
      box.className = 'screening refused';
      box.replaceChildren(
        h(`h${box.dataset.level || 3}`, {}, 'These words can’t be shared as they are'),
        h('p', {}, 'They go against a house rule. Nothing has been shared: rewrite them, and try again.'),
        ruleItems(error.details),
      );
    } else {
      throw error;
    }
    box.hidden = false;
    box.focus();
  }
}
