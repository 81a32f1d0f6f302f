/**
 * A secret read from an environment variable at deploy time. Compiled SQL only ever holds the
 * placeholder, never the value.
 *
 * @example
 * ```ts
 * source({ …, properties: { 'sasl.jaas.config': env('KAFKA_JAAS') } })
 * ```
 * prints `'properties.sasl.jaas.config' = '${env:KAFKA_JAAS}'`.
 */
export interface SecretRef {
  readonly kind: 'secret';
  readonly env: string;
}

/** Reference the environment variable `name`; resolved by `featc deploy`, never at compile time. */
export function env(name: string): SecretRef {
  return { kind: 'secret', env: name };
}

/** A connector property value: plain text or a secret placeholder. */
export type PropertyValue = string | SecretRef;
