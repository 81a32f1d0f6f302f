import type { IrType } from '../ir/index.js';

/** The feature value types of CONTRACTS.md (`RedisOutputSpec.features[].type`). */
export type FeatureValueType =
  | 'boolean' | 'int' | 'bigint' | 'float' | 'double' | 'string' | 'timestamp'
  | { array: FeatureValueType }
  | { row: Record<string, FeatureValueType> };

export function featureValueType(type: IrType): FeatureValueType {
  switch (type.kind) {
    case 'scalar': return type.name;
    case 'array': return { array: featureValueType(type.element) };
    case 'row': return { row: Object.fromEntries(type.fields.map((f) => [f.name, featureValueType(f.type)])) };
  }
}
