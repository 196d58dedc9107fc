// Client-side pages: one path per screen, rendered into <main>, with focus moved to the new heading.

import { currentAccount, hasRole } from './session.js';

let routes = [];
let fallbacks = {};
let rendering = 0;
let leaving = [];
let shown = false;

/**
 * Each route: { path: RegExp, view(context), access: 'anyone' | 'member' | 'guest' | 'moderator' | 'admin' }.
 * A view fills context.main and may register cleanups with context.onLeave; `notFound(context)` and
 * `failed(context, error)` fill it when no route matches or a view could not load.
 */
export function setRoutes(table, { notFound, failed }) {
  routes = table;
  fallbacks = { notFound, failed };
}

export function navigate(path, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  return render();
}

function find(pathname) {
  for (const route of routes) {
    const match = route.path.exec(pathname);
    if (match) return { route, params: match.slice(1).map((part) => (part === undefined ? undefined : decodeURIComponent(part))) };
  }
  return null;
}

function redirectFor(route) {
  const account = currentAccount();
  if (route.access !== 'anyone' && route.access !== 'guest' && !account) {
    return `/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`;
  }
  if (route.access === 'guest' && account) return '/wall';
  return null;
}

export async function render() {
  rendering += 1;
  const ticket = rendering;
  for (const cleanup of leaving) cleanup();
  leaving = [];
  const found = find(location.pathname);
  const redirect = found && redirectFor(found.route);
  if (redirect) return navigate(redirect, { replace: true });

  const main = document.getElementById('main');
  const page = document.createElement('div');
  const context = {
    main: page,
    params: found ? found.params : [],
    query: new URLSearchParams(location.search),
    onLeave: (cleanup) => leaving.push(cleanup),
    isCurrent: () => ticket === rendering,
  };
  // A screen for a role the member does not hold is, for them, a page that is not there.
  const access = found ? found.route.access : null;
  const allowed = found !== null && (!['moderator', 'admin'].includes(access) || hasRole(access));
  try {
    await (allowed ? found.route.view : fallbacks.notFound)(context);
  } catch (error) {
    page.replaceChildren();
    fallbacks.failed(context, error);
  }
  if (ticket !== rendering) return undefined;
  main.replaceChildren(...page.childNodes);
  const heading = main.querySelector('h1');
  document.title = heading ? `${heading.textContent} · Alongside` : 'Alongside';
  document.dispatchEvent(new CustomEvent('alongside:page', { detail: location.pathname }));
  window.scrollTo(0, 0);
  // On arrival the page starts at the top, skip link first; after a move the new heading takes focus.
  if (heading && shown) {
    heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: true });
  }
  shown = true;
  return undefined;
}

function isOwnPageLink(link, event) {
  return (
    link &&
    link.origin === location.origin &&
    !link.pathname.startsWith('/api/') &&
    !link.pathname.startsWith('/assets/') &&
    !link.hasAttribute('download') &&
    !link.target &&
    event.button === 0 &&
    !(event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
  );
}

export function startRouter() {
  document.addEventListener('click', (event) => {
    const link = event.target.closest('a[href]');
    if (!isOwnPageLink(link, event)) return;
    if (link.hash && link.pathname === location.pathname) return; // an anchor on this page
    event.preventDefault();
    navigate(link.pathname + link.search);
  });
  window.addEventListener('popstate', render);
  return render();
}
