/** One timed step of a deploy, reported as it happens. */
export interface StepReport { job: string; step: string; ms: number; ok: boolean; detail?: string }

export type ProgressFn = (event: { job: string; step: string; phase: 'start' | 'end'; ms?: number; ok?: boolean; detail?: string }) => void;

/** Runs `fn` as a named step: reports start and end with its duration, records it in `steps`. */
export async function timed<T>(steps: StepReport[], progress: ProgressFn, job: string, step: string, fn: () => Promise<T>, detail?: (v: T) => string | undefined): Promise<T> {
  const t0 = Date.now();
  progress({ job, step, phase: 'start' });
  try {
    const value = await fn();
    const d = detail?.(value);
    const r: StepReport = { job, step, ms: Date.now() - t0, ok: true, ...(d ? { detail: d } : {}) };
    steps.push(r);
    progress({ ...r, phase: 'end' });
    return value;
  } catch (err) {
    const r: StepReport = { job, step, ms: Date.now() - t0, ok: false, detail: (err as Error).message };
    steps.push(r);
    progress({ ...r, phase: 'end' });
    throw err;
  }
}
