import { eventTimeSpec, type AnySource, type JobDef } from '../dsl/index.js';
import { feedingStep, sourcesOf } from './fixtures.js';

/** Where the event time of a source the job's own steps write comes from: a fixture-fed source and a copied field. */
export interface StepFedTime {
  /** The fixture-fed source at the start of the chain (`queries` for `verdicts`). */
  readonly root: string;
  /** The event-time field, copied unchanged by every step of the chain. */
  readonly field: string;
}

/**
 * For every stepSource of the job's own steps: which fixture-fed source its records come from. A step
 * copies its input's fields, so a verdict's `ts` is its query's `ts`: the watermark a view over the
 * verdicts must reach follows from the query fixtures. Steps keep their input order (Flink's async
 * ML_PREDICT is ORDERED by default), so a query late at its source is late at the verdicts too.
 *
 * Throws when a view reads a stepSource whose records are filtered (`where` on a step or on the
 * output it reads): which records pass depends on the model's answers, so the runner could not tell
 * how far event time goes there.
 */
export function stepFedTimes(job: JobDef): Map<string, StepFedTime> {
  const out = new Map<string, StepFedTime>();
  const viewSources = new Set(job.views.flatMap((v) => v.sources.map((s) => s.name)));
  const walk = (src: AnySource, field: string): StepFedTime | string => {
    const step = feedingStep(job, src);
    const own = eventTimeSpec(src.eventTime).field;
    if (!step) return field === own ? { root: src.name, field } : `its event time ${field} is not ${src.name}'s event time ${own}`;
    const output = step.outputs.find((o) => o.topic === src.topic);
    if (step.where || output?.where) return `step ${step.name} filters what it writes to ${src.topic}`;
    if (!step.fields.includes(field)) return `step ${step.name} does not copy ${field}`;
    return walk(step.source, field);
  };
  for (const src of sourcesOf(job).values()) {
    if (!feedingStep(job, src)) continue;
    const found = walk(src, eventTimeSpec(src.eventTime).field);
    if (typeof found !== 'string') out.set(src.name, found);
    else if (viewSources.has(src.name)) {
      throw new Error(`featc test cannot drive event time to the views over ${src.name}: ${found}; test the views on a source without it`);
    }
  }
  return out;
}
