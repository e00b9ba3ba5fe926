// Danish time: the law's days (deadlines, the months of benefit rules, "today" in a decision) are Danish calendar
// days, whatever zone the server or the database session runs in.

export const DANISH_TIME = 'Europe/Copenhagen';

const dag = new Intl.DateTimeFormat('en-CA', { timeZone: DANISH_TIME, year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today (or the day of `now`) in Denmark as YYYY-MM-DD. */
export function danishToday(now = new Date()): string {
  return dag.format(now);
}
