// Progress of running imports, in memory so it can be asked while the import holds the database (on PGlite
// the only connection). Finished imports stay a while so a last poll sees 'færdig'.
export type ImportPhase = 'læser' | 'validerer' | 'skriver' | 'færdig';

export interface ImportProgress {
  phase: ImportPhase;
  rows: number;
  /** Expected rows, when known (CSV: from the line count). */
  total?: number;
}

export type JobState = 'running' | 'succeeded' | 'failed' | 'unchanged';

export interface TrackedImport extends ImportProgress {
  job_id: number;
  kind: string;
  file_name: string;
  state: JobState;
}

const KEEP_FINISHED = 50;
const tracked = new Map<number, TrackedImport>();

export function trackStart(job_id: number, kind: string, file_name: string): void {
  tracked.set(job_id, { job_id, kind, file_name, state: 'running', phase: 'læser', rows: 0 });
}

export function trackProgress(job_id: number, p: ImportProgress): void {
  const t = tracked.get(job_id);
  if (t) Object.assign(t, p);
}

export function trackEnd(job_id: number, state: JobState, rows: number): void {
  const t = tracked.get(job_id);
  if (!t) return;
  Object.assign(t, { state, phase: 'færdig', rows });
  const finished = [...tracked.values()].filter((x) => x.state !== 'running');
  for (const old of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) tracked.delete(old.job_id);
}

export function getTracked(job_id: number): TrackedImport | undefined {
  const t = tracked.get(job_id);
  return t && { ...t };
}

export function runningImports(): TrackedImport[] {
  return [...tracked.values()].filter((t) => t.state === 'running').map((t) => ({ ...t }));
}
