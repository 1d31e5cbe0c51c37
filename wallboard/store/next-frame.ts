// The wallboard's notification scheduler in the browser: once per animation frame, so a burst of
// deltas renders once. Kept out of the store so the store runs in Node too (integration tests).

/** Runs `fn` on the next animation frame, or after 16 ms in a hidden tab, where frames stop. */
export function nextFrame(fn: () => void): void {
  if (!document.hidden) requestAnimationFrame(() => fn());
  else setTimeout(fn, 16);
}
