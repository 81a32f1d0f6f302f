import type { AnyField, FieldsOfType, ScalarField } from './fields.js';

/** A literal a predicate compares against. */
export type PredicateLiteral = string | number | boolean;

/** A filter over one source's events, as plain data. */
export type PredicateNode =
  | { readonly kind: 'compare'; readonly op: '=' | '<>' | '<' | '<=' | '>' | '>='; readonly field: string; readonly value: PredicateLiteral }
  | { readonly kind: 'in'; readonly field: string; readonly values: readonly PredicateLiteral[] }
  | { readonly kind: 'is-null'; readonly field: string; readonly negated: boolean }
  | { readonly kind: 'and' | 'or'; readonly items: readonly PredicateNode[] }
  | { readonly kind: 'not'; readonly item: PredicateNode };

type Orderable<E> = FieldsOfType<E, number | bigint | string>;
type ValueOf<E, K extends keyof E> = NonNullable<E[K]> & PredicateLiteral;

/**
 * Typed predicate builder handed to `where`. Field names and value types are checked against
 * the source's event type.
 *
 * @example
 * ```ts
 * count(clicks, { where: (w) => w.and(w.eq('country', 'DE'), w.gt('dwellMs', 500)) })
 * ```
 * prints `COUNT(*) FILTER (WHERE (`country` = 'DE' AND `dwellMs` > 500))`.
 */
export interface WhereBuilder<E> {
  eq<K extends ScalarField<E>>(field: K, value: ValueOf<E, K>): PredicateNode;
  ne<K extends ScalarField<E>>(field: K, value: ValueOf<E, K>): PredicateNode;
  gt<K extends Orderable<E>>(field: K, value: ValueOf<E, K>): PredicateNode;
  gte<K extends Orderable<E>>(field: K, value: ValueOf<E, K>): PredicateNode;
  lt<K extends Orderable<E>>(field: K, value: ValueOf<E, K>): PredicateNode;
  lte<K extends Orderable<E>>(field: K, value: ValueOf<E, K>): PredicateNode;
  in<K extends ScalarField<E>>(field: K, values: readonly ValueOf<E, K>[]): PredicateNode;
  isNull(field: AnyField<E>): PredicateNode;
  isNotNull(field: AnyField<E>): PredicateNode;
  and(...items: PredicateNode[]): PredicateNode;
  or(...items: PredicateNode[]): PredicateNode;
  not(item: PredicateNode): PredicateNode;
}

/** A `where` option: a function of the typed builder returning the predicate. */
export type WhereFn<E> = (w: WhereBuilder<E>) => PredicateNode;

function compare(op: '=' | '<>' | '<' | '<=' | '>' | '>=') {
  return (field: string, value: PredicateLiteral): PredicateNode => ({ kind: 'compare', op, field, value });
}

const builder: WhereBuilder<Record<string, PredicateLiteral>> = {
  eq: compare('='),
  ne: compare('<>'),
  gt: compare('>'),
  gte: compare('>='),
  lt: compare('<'),
  lte: compare('<='),
  in: (field, values) => ({ kind: 'in', field, values: [...values] }),
  isNull: (field) => ({ kind: 'is-null', field, negated: false }),
  isNotNull: (field) => ({ kind: 'is-null', field, negated: true }),
  and: (...items) => ({ kind: 'and', items }),
  or: (...items) => ({ kind: 'or', items }),
  not: (item) => ({ kind: 'not', item }),
};

/** Runs a `where` function against the untyped builder, giving its plain-data predicate. */
export function buildPredicate<E>(where: WhereFn<E>): PredicateNode {
  return where(builder as unknown as WhereBuilder<E>);
}
