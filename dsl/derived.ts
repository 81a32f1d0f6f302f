/** Derived features: expressions over other features of the same view, by name. */

/** A derived expression as plain data. Feature references are names within the same view. */
export type DerivedNode =
  | { readonly kind: 'feature'; readonly name: string }
  | { readonly kind: 'literal'; readonly value: number | string | boolean }
  | { readonly kind: 'ratio'; readonly left: DerivedNode; readonly right: DerivedNode }
  | { readonly kind: 'arith'; readonly op: '+' | '-' | '*'; readonly left: DerivedNode; readonly right: DerivedNode }
  | { readonly kind: 'compare'; readonly op: '=' | '<>' | '<' | '<=' | '>' | '>='; readonly left: DerivedNode; readonly right: DerivedNode }
  | { readonly kind: 'coalesce'; readonly items: readonly DerivedNode[] };

/** A derived expression referencing the features `R`, producing a `T`. */
export interface DerivedExpr<R extends string = string, T = unknown> {
  readonly kind: 'derived';
  readonly node: DerivedNode;
  /** Phantom: the referenced feature names, checked against the view. */
  readonly __refs?: R;
  /** Phantom: the value type. */
  readonly __value?: T;
}

/** A feature name, a number literal, or a nested expression. */
export type Operand = string | number | DerivedExpr;
type RefsOf<A> = A extends string ? A : A extends DerivedExpr<infer R> ? R : never;

function operand(value: Operand): DerivedNode {
  if (typeof value === 'string') return { kind: 'feature', name: value };
  if (typeof value === 'number') return { kind: 'literal', value };
  return value.node;
}

function expr<R extends string, T>(node: DerivedNode): DerivedExpr<R, T> {
  return { kind: 'derived', node };
}

/**
 * `a / b` as DOUBLE, NULL when `b` is 0 or NULL (safe division).
 * @example `derived: { ctr: ratio('clicks', 'impressions') }` → `CAST(`clicks` AS DOUBLE) / NULLIF(`impressions`, 0)`
 */
export function ratio<A extends Operand, B extends Operand>(a: A, b: B): DerivedExpr<RefsOf<A> | RefsOf<B>, number> {
  return expr({ kind: 'ratio', left: operand(a), right: operand(b) });
}

/** `a + b`. @example `add('clicks', 'likes')` → `(`clicks` + `likes`)` */
export function add<A extends Operand, B extends Operand>(a: A, b: B): DerivedExpr<RefsOf<A> | RefsOf<B>, number> {
  return expr({ kind: 'arith', op: '+', left: operand(a), right: operand(b) });
}

/** `a - b`. @example `sub('views', 'bounces')` → `(`views` - `bounces`)` */
export function sub<A extends Operand, B extends Operand>(a: A, b: B): DerivedExpr<RefsOf<A> | RefsOf<B>, number> {
  return expr({ kind: 'arith', op: '-', left: operand(a), right: operand(b) });
}

/** `a * b`. @example `mul('ctr', 100)` → `(<ctr> * 100)` */
export function mul<A extends Operand, B extends Operand>(a: A, b: B): DerivedExpr<RefsOf<A> | RefsOf<B>, number> {
  return expr({ kind: 'arith', op: '*', left: operand(a), right: operand(b) });
}

type CompareOp = '=' | '<>' | '<' | '<=' | '>' | '>=';
function comparison(op: CompareOp) {
  return <A extends Operand, B extends Operand>(a: A, b: B): DerivedExpr<RefsOf<A> | RefsOf<B>, boolean> =>
    expr({ kind: 'compare', op, left: operand(a), right: operand(b) });
}

/** `a > b` as BOOLEAN. @example `gt('clicks', 10)` → `(`clicks` > 10)` */
export const gt = comparison('>');
/** `a >= b` as BOOLEAN. */
export const gte = comparison('>=');
/** `a < b` as BOOLEAN. */
export const lt = comparison('<');
/** `a <= b` as BOOLEAN. */
export const lte = comparison('<=');
/** `a = b` as BOOLEAN. */
export const eq = comparison('=');
/** `a <> b` as BOOLEAN. */
export const ne = comparison('<>');

/**
 * The feature's value, or `fallback` when it is NULL.
 * @example `coalesce('ctr', 0)` → `COALESCE(<ctr>, 0)`
 */
export function coalesce<A extends Operand, L extends number | string | boolean>(
  a: A, fallback: L,
): DerivedExpr<RefsOf<A>, L extends number ? number : L extends string ? string : boolean> {
  return expr({ kind: 'coalesce', items: [operand(a), { kind: 'literal', value: fallback }] });
}
