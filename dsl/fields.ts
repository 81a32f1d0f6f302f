/** Type-level helpers that pick the fields of an event type that fit an aggregation. */

/** Fields of `E` whose (non-null) value type extends `T`. */
export type FieldsOfType<E, T> = {
  [K in keyof E & string]-?: NonNullable<E[K]> extends T ? K : never;
}[keyof E & string];

/** Fields that `sum` and `avg` accept. */
export type NumericField<E> = FieldsOfType<E, number | bigint>;

/** Fields that `min` and `max` accept. */
export type OrderableField<E> = FieldsOfType<E, number | bigint | string>;

/** Fields with a scalar value (string, number, bigint, boolean). */
export type ScalarField<E> = FieldsOfType<E, number | bigint | string | boolean>;

/** Any field of `E`. */
export type AnyField<E> = keyof E & string;

/** Flattens an intersection into one object type (nicer hovers, exact `Equal` checks). */
export type Simplify<T> = { [K in keyof T]: T[K] } & {};
