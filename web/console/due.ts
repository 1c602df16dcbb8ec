/**
 * Amber/red of a first-response due time (contract §8.1, issue 12), in the calendar's open minutes: the API gives
 * the due time and the instant from which at most 10 open minutes are left (`firstResponseDueSoonAt`), both fixed
 * instants, so the page compares clocks. No DOM here: the unit tests import it.
 */
import type { QueueItem } from '../../shared/api-answers.js';

export function dueClass(
  it: Pick<QueueItem, 'firstResponseDueAt' | 'firstResponseDueSoonAt'>,
  now = Date.now(),
): '' | 'due-soon' | 'overdue' {
  if (!it.firstResponseDueAt) return '';
  if (now >= Date.parse(it.firstResponseDueAt)) return 'overdue';
  return it.firstResponseDueSoonAt && now >= Date.parse(it.firstResponseDueSoonAt) ? 'due-soon' : '';
}
