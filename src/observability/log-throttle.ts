/** Runs `fn` at most once per `intervalMs`, so an outage logs a few lines, not one per request. */
export function throttled(intervalMs: number): (fn: () => void) => void {
  let last = -Infinity;
  return (fn) => {
    const now = Date.now();
    if (now - last < intervalMs) return;
    last = now;
    fn();
  };
}
