// A number shown in the navigation (unread notifications, unread conversations, conversations waiting
// for the team): kept here, and everyone showing it is told of each change.

export function liveCount() {
  let value = 0;
  const watchers = new Set();
  return {
    get: () => value,
    set(count) {
      value = Math.max(0, count);
      for (const watcher of [...watchers]) watcher(value);
    },
    /** Called with the new number whenever it changes; returns a function that stops it. */
    watch(watcher) {
      watchers.add(watcher);
      return () => watchers.delete(watcher);
    },
  };
}
