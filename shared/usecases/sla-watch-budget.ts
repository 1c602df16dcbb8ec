/**
 * sla-watch's time budget: how many breaches of a page it marks at once, so that a slow DynamoDB cannot push a run
 * past its Lambda timeout (the next run, 5 minutes later, goes on from the oldest remaining entry).
 */

/** At most this many breaches of a page in flight at once: each is its own conditional transaction, independent of the others. */
export const BREACH_CONCURRENCY = 8;

/** A run's budget: its deadline and what one item has taken so far. */
export interface RunBudget {
  /** wall-clock ms (not the job's "now"): stop starting new work after this */
  deadline: number;
  /** moving average of one item's wall-clock time in this run (sets how many may be in flight near the deadline) */
  latencyMs?: number;
}

/**
 * fn over the items, up to BREACH_CONCURRENCY at once, never starting one after the deadline, and never more at
 * once than the remaining budget can finish at the latency seen so far (the first runs alone): a slow DynamoDB
 * cannot push a run past its Lambda timeout by having 8 transactions in flight. Results keep the items' order;
 * an item not started has none.
 */
export async function withinBudget<R>(
  budget: RunBudget,
  items: string[],
  fn: (item: string) => Promise<R>,
): Promise<{ results: (R | undefined)[]; outOfTime: boolean }> {
  const results = new Array<R | undefined>(items.length).fill(undefined);
  let next = 0;
  let inFlight = 0;
  let outOfTime = false;
  return new Promise((resolve, reject) => {
    const pump = () => {
      while (next < items.length && !outOfTime) {
        const now = Date.now();
        if (now > budget.deadline) {
          outOfTime = true;
          break;
        }
        const room = budget.latencyMs === undefined ? 1 : Math.floor((budget.deadline - now) / Math.max(1, budget.latencyMs));
        if (inFlight >= Math.max(1, Math.min(BREACH_CONCURRENCY, room))) break;
        const i = next++;
        inFlight++;
        const t0 = Date.now();
        fn(items[i]!).then((r) => {
          results[i] = r;
          const took = Date.now() - t0;
          budget.latencyMs = budget.latencyMs === undefined ? took : 0.8 * budget.latencyMs + 0.2 * took;
          inFlight--;
          pump();
        }, reject);
      }
      if (inFlight === 0) resolve({ results, outOfTime });
    };
    pump();
  });
}
