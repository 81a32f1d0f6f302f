import type { IrType } from '../../ir/index.js';
import { ident } from './quote.js';

/** IR type → Flink SQL type. */
export function sqlType(type: IrType): string {
  switch (type.kind) {
    case 'scalar':
      switch (type.name) {
        case 'boolean': return 'BOOLEAN';
        case 'int': return 'INT';
        case 'bigint': return 'BIGINT';
        case 'float': return 'FLOAT';
        case 'double': return 'DOUBLE';
        case 'string': return 'STRING';
      }
      break;
    case 'array': return `ARRAY<${sqlType(type.element)}>`;
    case 'row': return `ROW<${type.fields.map((f) => `${ident(f.name)} ${sqlType(f.type)}`).join(', ')}>`;
  }
}
