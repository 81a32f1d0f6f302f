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

/** What {@link constantValue} looks through besides number literals and arithmetic. */
export interface ConstantScope {
  /** A derived feature's formula, to follow feature references (cycles give null). */
  feature?: (name: string) => IrExpr | undefined;
  /** `coalesce(c, …)` is `c` when its first item is a constant. */
  coalesce?: boolean;
}

/**
 * The number an expression always has and whether SQL types it DOUBLE, or null: arithmetic over
 * number literals (and what `scope` allows), finite, integers within the safe range. The one
 * constant evaluator: lowering asks it whether a divisor is always 0, printing folds with it.
 */
export function constantValue(expr: IrExpr, scope: ConstantScope = {}, seen: ReadonlySet<string> = new Set()): { value: number; double: boolean } | null {
  const of = (e: IrExpr): { value: number; double: boolean } | null => constantValue(e, scope, seen);
  switch (expr.kind) {
    case 'literal': return typeof expr.value === 'number' && Number.isFinite(expr.value) ? { value: expr.value, double: !Number.isInteger(expr.value) } : null;
    case 'feature': {
      const inner = scope.feature?.(expr.name);
      return inner && !seen.has(expr.name) ? constantValue(inner, scope, new Set([...seen, expr.name])) : null;
    }
    case 'arith': case 'safe-divide': {
      const [l, r] = [of(expr.left), of(expr.right)];
      if (!l || !r || (expr.kind === 'safe-divide' && r.value === 0)) return null;
      const value = expr.kind === 'safe-divide' ? l.value / r.value : expr.op === '+' ? l.value + r.value : expr.op === '-' ? l.value - r.value : l.value * r.value;
      const double = expr.kind === 'safe-divide' || l.double || r.double;
      return Number.isFinite(value) && (double || Number.isSafeInteger(value)) ? { value, double } : null;
    }
    case 'coalesce': return scope.coalesce && expr.items[0] ? of(expr.items[0]) : null;
    default: return null;
  }
}

export function assertNever(value: never): never {
  throw new Error(`unexpected IR node ${JSON.stringify(value)}`);
}
