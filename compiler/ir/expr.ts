/** Scalar expressions: `where` predicates over source fields and derived-feature formulas over features. */
export type IrLiteralValue = string | number | boolean;
export type IrCompareOp = '=' | '<>' | '<' | '<=' | '>' | '>=';

export type IrExpr =
  | { readonly kind: 'field'; readonly source: string; readonly field: string }
  | { readonly kind: 'feature'; readonly name: string }
  | { readonly kind: 'literal'; readonly value: IrLiteralValue }
  | { readonly kind: 'compare'; readonly op: IrCompareOp; readonly left: IrExpr; readonly right: IrExpr }
  | { readonly kind: 'in'; readonly item: IrExpr; readonly values: readonly IrLiteralValue[] }
  | { readonly kind: 'is-null'; readonly item: IrExpr; readonly negated: boolean }
  | { readonly kind: 'and' | 'or'; readonly items: readonly IrExpr[] }
  | { readonly kind: 'not'; readonly item: IrExpr }
  | { readonly kind: 'arith'; readonly op: '+' | '-' | '*'; readonly left: IrExpr; readonly right: IrExpr }
  | { readonly kind: 'safe-divide'; readonly left: IrExpr; readonly right: IrExpr }
  | { readonly kind: 'coalesce'; readonly items: readonly IrExpr[] };

export const IrExprNode = {
  field: (source: string, field: string): IrExpr => ({ kind: 'field', source, field }),
  feature: (name: string): IrExpr => ({ kind: 'feature', name }),
  literal: (value: IrLiteralValue): IrExpr => ({ kind: 'literal', value }),
  compare: (op: IrCompareOp, left: IrExpr, right: IrExpr): IrExpr => ({ kind: 'compare', op, left, right }),
  in: (item: IrExpr, values: readonly IrLiteralValue[]): IrExpr => ({ kind: 'in', item, values }),
  isNull: (item: IrExpr, negated: boolean): IrExpr => ({ kind: 'is-null', item, negated }),
  and: (items: readonly IrExpr[]): IrExpr => ({ kind: 'and', items }),
  or: (items: readonly IrExpr[]): IrExpr => ({ kind: 'or', items }),
  not: (item: IrExpr): IrExpr => ({ kind: 'not', item }),
  arith: (op: '+' | '-' | '*', left: IrExpr, right: IrExpr): IrExpr => ({ kind: 'arith', op, left, right }),
  safeDivide: (left: IrExpr, right: IrExpr): IrExpr => ({ kind: 'safe-divide', left, right }),
  coalesce: (items: readonly IrExpr[]): IrExpr => ({ kind: 'coalesce', items }),
};

/** Names of the features an expression references, in first-use order. */
export function referencedFeatures(expr: IrExpr): string[] {
  const out: string[] = [];
  const visit = (e: IrExpr): void => {
    switch (e.kind) {
      case 'feature': if (!out.includes(e.name)) out.push(e.name); return;
      case 'field': case 'literal': return;
      case 'compare': case 'arith': case 'safe-divide': visit(e.left); visit(e.right); return;
      case 'in': case 'is-null': case 'not': visit(e.item); return;
      case 'and': case 'or': case 'coalesce': e.items.forEach(visit); return;
      default: assertNever(e);
    }
  };
  visit(expr);
  return out;
}

/** Source fields an expression references. */
export function referencedFields(expr: IrExpr): { source: string; field: string }[] {
  const out: { source: string; field: string }[] = [];
  const visit = (e: IrExpr): void => {
    switch (e.kind) {
      case 'field': out.push({ source: e.source, field: e.field }); return;
      case 'feature': case 'literal': return;
      case 'compare': case 'arith': case 'safe-divide': visit(e.left); visit(e.right); return;
      case 'in': case 'is-null': case 'not': visit(e.item); return;
      case 'and': case 'or': case 'coalesce': e.items.forEach(visit); return;
      default: assertNever(e);
    }
  };
  visit(expr);
  return out;
}

export function assertNever(value: never): never {
  throw new Error(`unexpected IR node ${JSON.stringify(value)}`);
}
