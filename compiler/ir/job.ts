import type { IrInferenceStep } from './inference.js';
import type { IrSource } from './source.js';
import type { IrView } from './view.js';

/** Version of the serialised IR; bump when its shape changes. */
export const IR_VERSION = 2;

export interface IrJob {
  readonly kind: 'job';
  readonly irVersion: typeof IR_VERSION;
  readonly name: string;
  readonly parallelism: number;
  readonly stateTtlMs: number | null;
  readonly checkpointIntervalMs: number;
  /** Sorted by name; each declared once however many views read it. */
  readonly sources: readonly IrSource[];
  readonly views: readonly IrView[];
  /** Inference steps, in declaration order. */
  readonly steps: readonly IrInferenceStep[];
}

export const IrJobNode = {
  create: (fields: Omit<IrJob, 'kind' | 'irVersion'>): IrJob => ({ kind: 'job', irVersion: IR_VERSION, ...fields }),
};
