/** The one source of "now". Handlers use the system clock; jobs use the event's `time`; tests fix it. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };
export const fixedClock = (at: Date | string): Clock => {
  const d = new Date(at);
  return { now: () => new Date(d) };
};
