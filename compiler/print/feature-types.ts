import type { FeatureValueType } from '../../contracts/index.js';
import type { IrType } from '../ir/index.js';

export type { FeatureValueType };

export function featureValueType(type: IrType): FeatureValueType {
  switch (type.kind) {
    case 'scalar': return type.name;
    case 'array': return { array: featureValueType(type.element) };
    case 'row': return { row: Object.fromEntries(type.fields.map((f) => [f.name, featureValueType(f.type)])) };
  }
}
