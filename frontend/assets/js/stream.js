// The one live connection, /api/v1/stream: reconnects with backoff, resumes from the last event id, and
// says on the page when it is offline.

const MAX_DELAY_MS = 30000;
const OFFLINE = 'You are offline. Alongside will reconnect by itself, and catch up on what you missed.';
const listeners = new Set();
let socket = null;
let wanted = false;
let lastEventId = null;
let attempts = 0;
let retry = null;
let onRefused = () => {};

/** Receives every frame ({id, type, data}); returns a function that stops listening. */
export function listen(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function emit(frame) {
  for (const listener of [...listeners]) listener(frame);
}

function showStatus(text) {
  const status = document.getElementById('connection');
  status.textContent = text;
  status.hidden = !text;
}

function streamUrl() {
  const url = new URL('/api/v1/stream', location.href);
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  if (lastEventId !== null) url.searchParams.set('last_event_id', String(lastEventId));
  return url;
}

function receive(message) {
  const frame = JSON.parse(message.data);
  if (frame.type === 'reload') lastEventId = frame.data.newest_id;
  else if (typeof frame.id === 'number') lastEventId = frame.id;
  emit(frame);
}

function connect() {
  retry = null;
  // Without an id nothing can be replayed: the page reloads its lists once connected instead.
  const resumable = lastEventId !== null;
  const ws = new WebSocket(streamUrl());
  socket = ws;
  ws.addEventListener('open', () => {
    const reconnected = attempts > 0;
    attempts = 0;
    showStatus('');
    if (reconnected && !resumable) emit({ type: 'reload', data: {} });
  });
  ws.addEventListener('message', receive);
  ws.addEventListener('close', (event) => {
    if (socket !== ws) return;
    socket = null;
    if (!wanted) return;
    if (event.code === 1008) {
      // The session ended or was refused: whoever asked decides whether to try again.
      onRefused();
      return;
    }
    reconnectLater();
  });
}

function reconnectLater() {
  showStatus(OFFLINE);
  const delay = Math.min(MAX_DELAY_MS, 1000 * 2 ** attempts) * (0.5 + Math.random() / 2);
  attempts += 1;
  retry = setTimeout(connect, delay);
}

/** Connects for the signed-in member; `refused` runs if the server closes the socket on policy. */
export function startStream(refused) {
  onRefused = refused;
  if (wanted) return;
  wanted = true;
  connect();
}

export function retryStream() {
  if (wanted && socket === null && retry === null) reconnectLater();
}

export function stopStream() {
  wanted = false;
  clearTimeout(retry);
  retry = null;
  lastEventId = null;
  attempts = 0;
  showStatus('');
  if (socket) socket.close(1000);
  socket = null;
}

window.addEventListener('offline', () => {
  if (!wanted) return;
  showStatus(OFFLINE);
  // A socket can look open for minutes after the network has gone: close it, and resume once online.
  if (socket !== null) socket.close();
});

window.addEventListener('online', () => {
  if (!wanted || socket !== null) return;
  // Try at once rather than waiting out the backoff.
  clearTimeout(retry);
  connect();
});
