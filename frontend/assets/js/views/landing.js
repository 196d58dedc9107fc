// What Alongside is, the house rules and how moderation works: for everyone, signed in or not.

import { fill, h } from '../dom.js';
import { rulesList } from '../parts/rules.js';
import { currentAccount, loadRules } from '../session.js';

export async function landing({ main }) {
  const rules = await loadRules();
  const start = currentAccount()
    ? [h('a', { class: 'button primary', href: '/wall' }, 'Go to the wall')]
    : [h('a', { class: 'button primary', href: '/join' }, 'Join Alongside'), h('a', { class: 'button', href: '/sign-in' }, 'Sign in')];
  fill(main, 
    h(
      'section',
      { class: 'intro' },
      h('h1', {}, 'Alongside: you are not on your own'),
      h(
        'p',
        { class: 'lead' },
        'A peer-support wall for people living with mental health problems. Share how you are feeling, at any hour, without judgement, under a name you choose.',
      ),
      h('p', { class: 'actions' }, start),
    ),
    h(
      'section',
      { 'aria-labelledby': 'how' },
      h('h2', { id: 'how' }, 'How it works'),
      h(
        'ul',
        { class: 'points' },
        h('li', {}, 'Post on one shared wall: looking for support, saying hello, seeking suggestions, or sharing a little win.'),
        h('li', {}, 'Others reply, or press I hear you to say they have read your words and are with you.'),
        h('li', {}, '"Not heard yet" gathers the posts nobody has answered, so no one is left unheard.'),
        h('li', {}, 'Stay anonymous: a pseudonym and a drawn avatar, no email, no real name, no photo.'),
        h('li', {}, 'You are in control: hide a post, mute or block a member, without reporting anyone.'),
      ),
    ),
    h(
      'section',
      { 'aria-labelledby': 'moderation' },
      h('h2', { id: 'moderation' }, 'How moderation works'),
      h(
        'p',
        {},
        'Moderators keep the wall safe under the house rules below, which every member agrees to. They review what is posted and remove what could harm others. Every removal names the rule it broke and is explained to its author, who can ask the moderators to look again.',
      ),
      h('p', {}, 'Moderators are not always online. If you are in crisis, please use the help below: it is there day and night.'),
      h('p', {}, h('a', { class: 'button help', href: '/help' }, 'I need help now')),
    ),
    h(
      'section',
      { 'aria-labelledby': 'rules' },
      h('h2', { id: 'rules' }, 'The house rules'),
      rulesList(rules, { full: false }),
      h('p', {}, h('a', { href: '/rules' }, `Read the house rules in full (version ${rules.version})`)),
    ),
  );
}
