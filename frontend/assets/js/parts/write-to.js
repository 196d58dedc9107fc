// Starting a conversation: a member writing to another member from their page, and the moderator team
// writing to a member from the moderation page. Both open the conversation once the first words are in.

import { api } from '../api.js';
import { h } from '../dom.js';
import { navigate } from '../router.js';
import { field, form, opensInPlace } from './forms.js';
import { answerScreening, screeningBox, sendScreened } from './screening.js';

/** A button that opens a short form in its place; `send(body, anyway)` answers where to go next. */
function opener({ button, label, hint, send }) {
  const place = h('div', { class: 'write-to' });
  const open = h('button', { type: 'button' }, button);
  const words = h('textarea', { name: 'body', rows: 3, maxlength: 2000, required: true });
  const box = screeningBox(2);
  const cancel = h('button', { type: 'button' }, 'Cancel');
  const writer = form(
    { class: 'stack', 'aria-label': button },
    [field(label, words, hint), box, h('p', {}, h('button', { type: 'submit', class: 'primary' }, 'Send'), ' ', cancel)],
    async () => {
      const body = words.value.trim();
      if (!body) throw Object.assign(new Error('Write something first.'), { field: 'body' });
      await sendScreened(box, words, (anyway) => send(body, anyway), async ({ written, next }) => {
        answerScreening(written, 'message');
        await navigate(next);
      }, { verb: 'Send' });
    },
  );
  return opensInPlace(place, { open, writer, first: words, cancel });
}

export function writeToMember(pseudonym) {
  return opener({
    button: `Send ${pseudonym} a message`,
    label: `Your message to ${pseudonym}`,
    hint: 'Private to the two of you. The house rules apply here too.',
    send: async (body, anyway) => {
      const started = await api('/conversations', { method: 'POST', body: { pseudonym, body, post_anyway: anyway } });
      return { written: started.message, next: `/messages/${started.conversation.id}` };
    },
  });
}

export function writeFromTeam(pseudonym) {
  return opener({
    button: `Write to ${pseudonym} from the team`,
    label: `Your message to ${pseudonym}`,
    hint: 'They see it signed as the team, in their conversation with the moderators.',
    send: async (body) => {
      const written = await api(`/moderation/members/${encodeURIComponent(pseudonym)}/conversation`, { method: 'POST', body: { body } });
      return { written, next: `/moderation/inbox/${written.conversation_id}` };
    },
  });
}
