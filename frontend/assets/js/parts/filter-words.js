// Personal filter words in settings: add and remove words or phrases (up to the API's limit), and
// choose whether what they match is collapsed behind "hidden by your filter" or left out.

import { api } from '../api.js';
import { h } from '../dom.js';
import { field, form } from './forms.js';
import { notify } from './notice.js';

const MODES = [
  ['collapse', 'Collapse it', 'You see “Hidden by your filter” and can tap to read it.'],
  ['leave_out', 'Leave it out', 'You never see it.'],
];

export async function filterWords() {
  let state = await api('/me/filters');
  const list = h('ul', { class: 'my-list filter-words', 'aria-label': 'Your filter words' });
  const nothing = h('p', { class: 'empty' });
  const count = h('p', { class: 'meta' });
  const word = h('input', { name: 'words', maxlength: 100, autocomplete: 'off' });

  const save = async (words, mode) => {
    state = await api('/me/filters', { method: 'PUT', body: { words, mode } });
    draw();
  };
  function draw() {
    list.replaceChildren(
      ...state.words.map((w) => {
        const remove = h('button', { type: 'button' }, `Remove “${w}”`);
        remove.addEventListener('click', async () => {
          try {
            await save(state.words.filter((x) => x !== w), state.mode);
            notify(`“${w}” is no longer filtered.`);
            word.focus();
          } catch (error) {
            notify(error.message);
          }
        });
        return h('li', {}, h('div', { class: 'row-content' }, h('p', {}, w)), remove);
      }),
    );
    nothing.textContent = 'You have no filter words.';
    nothing.hidden = state.words.length > 0;
    count.textContent = `${state.words.length} of ${state.max_words} words`;
  }
  draw();

  const adder = form(
    { class: 'stack', 'aria-label': 'Add a filter word' },
    [field('A word or phrase to filter', word, 'Posts and replies with it, however it is spelled, are treated as you choose below.'), h('button', { type: 'submit' }, 'Add word')],
    async () => {
      const added = word.value.trim();
      if (!added) throw Object.assign(new Error('Write a word or phrase first.'), { field: 'words' });
      await save([...state.words, added], state.mode);
      word.value = '';
      notify(`“${added}” is filtered now.`);
    },
  );
  const modes = h(
    'fieldset',
    {},
    h('legend', {}, 'What happens to posts and replies with these words'),
    MODES.map(([value, label, hint]) =>
      h('label', { class: 'check' }, h('input', { type: 'radio', name: 'filter-mode', value, checked: state.mode === value }), h('span', {}, label, h('span', { class: 'hint' }, ` ${hint}`))),
    ),
  );
  modes.addEventListener('change', async (event) => {
    try {
      await save(state.words, event.target.value);
      notify(event.target.value === 'collapse' ? 'Filtered words are collapsed now.' : 'Filtered words are left out now.');
    } catch (error) {
      notify(error.message);
    }
  });
  return h(
    'section',
    { 'aria-labelledby': 'filters-heading' },
    h('h2', { id: 'filters-heading' }, 'Filter words'),
    h('p', {}, 'Words you would rather not come across. Your own words are never filtered.'),
    modes,
    count,
    nothing,
    list,
    adder,
  );
}
