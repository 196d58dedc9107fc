// The drawn avatars: a shape on a coloured disc, named "shape-colour" by the API.

import { svg } from '../dom.js';

const SHAPES = {
  leaf: ['path', { d: 'M6 18c0-7 5-12 12-12 0 7-5 12-12 12zm0 0l6-6' }],
  moon: ['path', { d: 'M14 5a7 7 0 1 0 5 11.5A6 6 0 0 1 14 5z' }],
  star: ['path', { d: 'M12 4l2.4 5 5.6.6-4.2 3.8 1.2 5.6-5-2.9-5 2.9 1.2-5.6L4 9.6 9.6 9z' }],
  wave: ['path', { d: 'M4 14c2.5-3 4.5-3 7 0s4.5 3 7 0l2-1v6H4z' }],
  cloud: ['path', { d: 'M8 17a4 4 0 0 1 0-8 5 5 0 0 1 9.5 1.5A3.3 3.3 0 0 1 17 17z' }],
  sun: ['circle', { cx: 12, cy: 12, r: 5 }],
  mountain: ['path', { d: 'M4 18l5.5-9 3 5 2.5-3.5L20 18z' }],
  flower: ['path', { d: 'M12 5a3 3 0 0 1 3 3 3 3 0 1 1 0 8 3 3 0 1 1-6 0 3 3 0 1 1 0-8 3 3 0 0 1 3-3z' }],
  feather: ['path', { d: 'M18 5c-7 0-11 5-11 11l-2 3m2-3c5 0 10-3 11-11' }],
  shell: ['path', { d: 'M12 5a7 7 0 0 1 7 7v2H5v-2a7 7 0 0 1 7-7zm-4 9 4-9 4 9' }],
};

export function avatarParts(name) {
  const [shape, colour] = String(name).split('-');
  return { shape: SHAPES[shape] ? shape : 'sun', colour };
}

/** A decorative avatar: the pseudonym beside it is what names the member. */
export function avatar(name, { size = 'small' } = {}) {
  const { shape, colour } = avatarParts(name);
  const [tag, attributes] = SHAPES[shape];
  return svg(
    'svg',
    { class: `avatar avatar--${size} avatar--${colour}`, viewBox: '0 0 24 24', 'aria-hidden': 'true', focusable: 'false' },
    svg('circle', { class: 'avatar-disc', cx: 12, cy: 12, r: 12 }),
    svg(tag, { class: 'avatar-shape', ...attributes }),
  );
}
