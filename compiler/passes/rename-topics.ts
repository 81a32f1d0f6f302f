import type { IrJob, IrOutput } from '../ir/index.js';
import { defaultDeadLetterTopic } from './physical-names.js';

export interface RenameIrOptions {
  /** The copy's job name (its consumer groups and transactional ids follow from it). */
  readonly name: string;
  /** The copy's name of every topic the job reads or writes. */
  readonly topic: (topic: string) => string;
}

/**
 * A copy of a validated job under another name, with every topic it reads or writes renamed:
 * sources, their dead-letter topics (a defaulted one is named from the original job first), view
 * outputs, step outputs and step dead-letter topics. `featc test` and the integration tests run
 * such copies next to the original; `assertIsolated` (testing/isolate.ts) checks the compiled copy's
 * topics, so a topic this pass does not know of is refused rather than written to.
 */
export function renameIr(job: IrJob, opts: RenameIrOptions): IrJob {
  const output = (o: IrOutput): IrOutput => ({ ...o, topic: opts.topic(o.topic) });
  return {
    ...job,
    name: opts.name,
    sources: job.sources.map((s) => ({
      ...s,
      topic: opts.topic(s.topic),
      deadLetter: { ...s.deadLetter, topic: opts.topic(s.deadLetter.topic ?? defaultDeadLetterTopic(job.name, s.name)) },
    })),
    views: job.views.map((v) => ({ ...v, outputs: v.outputs.map(output) })),
    steps: job.steps.map((st) => ({
      ...st,
      outputs: st.outputs.map(output),
      onError: { ...st.onError, deadLetterTopic: st.onError.deadLetterTopic === null ? null : opts.topic(st.onError.deadLetterTopic) },
    })),
  };
}
