// Building the page. Text goes in only as text nodes: nothing here parses a string as HTML.

const SVG = 'http://www.w3.org/2000/svg';

function present(children) {
  return children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false);
}

function build(el, props, children) {
  for (const [key, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  el.append(...present(children));
  return el;
}

/** Appends to an existing element, leaving out empty children as h() does. */
export function fill(parent, ...children) {
  parent.append(...present(children));
}

/** An element; string children become text nodes. */
export function h(tag, props, ...children) {
  return build(document.createElement(tag), props, children);
}

export function svg(tag, props, ...children) {
  return build(document.createElementNS(SVG, tag), props, children);
}

/** Puts `next` where `old` is; returns `next`. */
export function swap(old, next) {
  old.replaceWith(next);
  return next;
}

let ids = 0;
export function uid(prefix) {
  ids += 1;
  return `${prefix}-${ids}`;
}

const relative = new Intl.RelativeTimeFormat('en-GB', { numeric: 'auto' });
const absolute = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const STEPS = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

function ago(iso) {
  const seconds = (Date.parse(iso) - Date.now()) / 1000;
  for (const [unit, size] of STEPS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return 'just now';
}

/** A <time> saying how long ago, with the full date for hover and assistive technology. */
export function when(iso) {
  const date = new Date(iso);
  return h('time', { datetime: iso, title: absolute.format(date) }, ago(iso));
}

export function fullDate(iso) {
  return absolute.format(new Date(iso));
}

export function plural(count, one, many) {
  return `${count} ${count === 1 ? one : many}`;
}
