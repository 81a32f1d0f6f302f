import type { IrAggregation } from './aggregation.js';
import type { IrExpr } from './expr.js';
import type { IrType } from './types.js';
import type { IrWindow } from './window.js';

/** Online-serving metadata of a feature. */
export interface IrOnline {
  readonly ttlMs: number | null;
  readonly default: string | number | boolean | null;
}

/**
 * A feature of a view. The union grows: inference steps (ML_PREDICT) will be another kind.
 */
export type IrFeature =
  | {
      readonly kind: 'aggregate';
      readonly name: string;
      readonly type: IrType;
      readonly window: IrWindow;
      readonly aggregation: IrAggregation;
      readonly online: IrOnline;
    }
  | {
      readonly kind: 'derived';
      readonly name: string;
      readonly type: IrType;
      readonly expr: IrExpr;
      readonly online: IrOnline;
    };

export type IrAggregateFeature = Extract<IrFeature, { kind: 'aggregate' }>;
export type IrDerivedFeature = Extract<IrFeature, { kind: 'derived' }>;

export const IrFeatureNode = {
  aggregate: (name: string, type: IrType, window: IrWindow, aggregation: IrAggregation, online: IrOnline): IrFeature =>
    ({ kind: 'aggregate', name, type, window, aggregation, online }),
  derived: (name: string, type: IrType, expr: IrExpr, online: IrOnline): IrFeature =>
    ({ kind: 'derived', name, type, expr, online }),
};
