// Form fields with labels and hints, and the API's errors shown beside the field at fault.

import { h, uid } from '../dom.js';

/** A labelled control; `hint` is read with it (aria-describedby). */
export function field(label, control, hint) {
  const id = control.id || uid('field');
  control.id = id;
  const parts = [h('label', { for: id }, label)];
  if (hint) {
    const hintId = `${id}-hint`;
    control.setAttribute('aria-describedby', hintId);
    parts.push(h('p', { class: 'hint', id: hintId }, hint));
  }
  parts.push(control);
  return h('div', { class: 'field' }, parts);
}

/** A form whose submit runs `submit(form, button)` (the button pressed); errors from it are shown.
 * Meanwhile the button waits and the words are read-only, so nothing typed is lost when the form clears. */
export function form(props, children, submit) {
  const problem = h('div', { class: 'form-error', role: 'alert', hidden: true });
  const element = h('form', { novalidate: true, ...props }, problem, children);
  element.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(element);
    const button = event.submitter || element.querySelector('button[type=submit]');
    const words = [...element.querySelectorAll('input:not([readonly]), textarea:not([readonly])')];
    if (button) button.disabled = true;
    for (const control of words) control.readOnly = true;
    element.setAttribute('aria-busy', 'true');
    try {
      await submit(element, button);
    } catch (error) {
      showError(element, error);
    } finally {
      if (button) button.disabled = false;
      for (const control of words) control.readOnly = false;
      element.removeAttribute('aria-busy');
    }
  });
  return element;
}

function clearErrors(element) {
  const problem = element.querySelector('.form-error');
  problem.hidden = true;
  problem.replaceChildren();
  for (const control of element.querySelectorAll('[aria-invalid]')) control.removeAttribute('aria-invalid');
}

function showError(element, error) {
  const problem = element.querySelector('.form-error');
  problem.replaceChildren(h('p', {}, error.message));
  if (error.code === 'rules_agreement_required') problem.append(h('p', {}, h('a', { href: '/rules' }, 'Read the house rules and agree')));
  problem.hidden = false;
  const name = error.field ? error.field.split('.').pop() : null;
  const control = name ? element.querySelector(`[name="${CSS.escape(name)}"]`) : null;
  if (control) {
    control.setAttribute('aria-invalid', 'true');
    control.focus();
  }
  if (!control) problem.scrollIntoView({ block: 'nearest' });
}

export function values(element) {
  return Object.fromEntries(new FormData(element).entries());
}

/** A button that shows a form in its place (focus on `first`); the form's Cancel puts the button back. */
export function opensInPlace(place, { open, writer, first, cancel }) {
  open.addEventListener('click', () => {
    place.replaceChildren(writer);
    first.focus();
  });
  cancel.addEventListener('click', () => {
    place.replaceChildren(open);
    open.focus();
  });
  place.append(open);
  return place;
}
