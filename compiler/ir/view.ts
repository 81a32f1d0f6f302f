import type { IrExpr } from './expr.js';
import type { IrFeature } from './feature.js';

/** Where a view's rows go. */
export type IrOutput =
  | { readonly kind: 'kafka'; readonly topic: string; /** Inference steps only: written records match this. */ readonly where?: IrExpr }
  | { readonly kind: 'redis'; readonly topic: string; readonly ttlMs: number };

export interface IrView {
  readonly kind: 'feature-view';
  readonly name: string;
  readonly entity: readonly string[];
  readonly sources: readonly string[];
  readonly features: readonly IrFeature[];
  readonly outputs: readonly IrOutput[];
}

export const IrOutputNode = {
  kafka: (topic: string, where?: IrExpr): IrOutput => ({ kind: 'kafka', topic, ...(where === undefined ? {} : { where }) }),
  redis: (topic: string, ttlMs: number): IrOutput => ({ kind: 'redis', topic, ttlMs }),
};

export const IrViewNode = {
  create: (fields: Omit<IrView, 'kind'>): IrView => ({ kind: 'feature-view', ...fields }),
};
