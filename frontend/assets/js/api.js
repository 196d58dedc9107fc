// The API under /api/v1: JSON in and out, the session cookie sent by the browser, and the CSRF
// token (the readable cookie's value) in X-CSRF-Token on every write.

export class ApiError extends Error {
  constructor(status, body) {
    super(body.message || 'Something went wrong.');
    this.status = status;
    this.code = body.code;
    this.field = body.field;
    this.details = body.details || [];
  }
}

let whenSignedOut = () => {};

/** Called when the API answers 401: the session has ended. */
export function onSignedOut(handler) {
  whenSignedOut = handler;
}

function csrfToken() {
  for (const part of document.cookie.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === 'alongside_csrf' || name === '__Host-alongside_csrf') return value.join('=');
  }
  return '';
}

export async function api(path, { method = 'GET', body, query } = {}) {
  const url = new URL(`/api/v1${path}`, location.origin);
  for (const [key, value] of Object.entries(query || {})) {
    if (value !== null && value !== undefined && value !== '') url.searchParams.set(key, value);
  }
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken();
  let response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, {
      code: 'offline',
      message: "Alongside can't be reached just now. Check your connection and try again.",
    });
  }
  if (response.status === 204) return null;
  const data = await response.json().catch(() => ({}));
  if (response.ok) return data;
  if (response.status === 401) whenSignedOut();
  throw new ApiError(response.status, data.code ? data : { message: `Something went wrong (${response.status}).` });
}
