/**
 * sla-watch's time budget: how many breaches of a page it marks at once, so that a slow DynamoDB cannot push a run
 * past its Lambda timeout (the next run, 5 minutes later, goes on from the oldest remaining entry).
 */

/**
 * A page's breaches are marked in transactions of up to this many cases (two items each, the case and its audit
 * record, or three for a case past both targets: at most 75, under DynamoDB's 100 items a transaction); each case
 * keeps its own condition.
 */
export const CHANGES_PER_TRANSACTION = 25;

/** At most this many of a page's transactions in flight at once (they are independent of each other). */
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
export async function withinBudget<T, R>(
  budget: RunBudget,
  items: T[],
  fn: (item: T) => Promise<R>,
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
