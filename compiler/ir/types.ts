/** Column and feature value types in the IR. */
export type IrType =
  | { readonly kind: 'scalar'; readonly name: IrScalarName }
  | { readonly kind: 'array'; readonly element: IrType }
  | { readonly kind: 'row'; readonly fields: readonly IrField[] };

export type IrScalarName = 'boolean' | 'int' | 'bigint' | 'float' | 'double' | 'string';

export interface IrField {
  readonly name: string;
  readonly type: IrType;
  /** Set on event fields declared optional, nullable or with a default: a missing value is not malformed. */
  readonly nullable?: true;
}

export const IrTypeNode = {
  scalar: (name: IrScalarName): IrType => ({ kind: 'scalar', name }),
  array: (element: IrType): IrType => ({ kind: 'array', element }),
  row: (fields: readonly IrField[]): IrType => ({ kind: 'row', fields }),
};

export function isNumeric(type: IrType): boolean {
  return type.kind === 'scalar' && (type.name === 'int' || type.name === 'bigint' || type.name === 'float' || type.name === 'double');
}

export function sameType(a: IrType, b: IrType): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
