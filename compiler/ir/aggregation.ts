import type { IrExpr } from './expr.js';

/** One aggregate over one source's events; `where` is already resolved to source fields. */
export type IrAggregation =
  | { readonly kind: 'count'; readonly source: string; readonly where: IrExpr | null }
  | {
      readonly kind: 'sum' | 'avg' | 'min' | 'max' | 'count-distinct' | 'approx-count-distinct' | 'first-value' | 'last-value';
      readonly source: string;
      readonly field: string;
      readonly where: IrExpr | null;
    }
  | { readonly kind: 'last-n'; readonly source: string; readonly field: string; readonly n: number; readonly where: IrExpr | null };

export type IrFieldAggregationKind = Exclude<IrAggregation['kind'], 'count' | 'last-n'>;

export const IrAggregationNode = {
  count: (source: string, where: IrExpr | null): IrAggregation => ({ kind: 'count', source, where }),
  ofField: (kind: IrFieldAggregationKind, source: string, field: string, where: IrExpr | null): IrAggregation =>
    ({ kind, source, field, where }),
  lastN: (source: string, field: string, n: number, where: IrExpr | null): IrAggregation =>
    ({ kind: 'last-n', source, field, n, where }),
};
