import type { z } from 'zod';
import type { DiagnosticBag } from '../diagnostics/index.js';
import { at } from '../diagnostics/index.js';
import { checkNoPlaceholder, hasControlCharacters } from './names.js';
import { IrTypeNode, type IrField, type IrType } from '../ir/index.js';

interface ZodLike {
  readonly def: { readonly type: string; readonly [key: string]: unknown };
  readonly format?: string | null;
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'readonly', 'prefault', 'nonoptional', 'catch']);
const ALLOWS_MISSING = new Set(['optional', 'nullable', 'default', 'prefault', 'catch']);

/** Whether an event may omit the field (or hold null) without being malformed. */
function allowsMissing(schema: ZodLike): boolean {
  const { def } = schema;
  if (ALLOWS_MISSING.has(def.type)) return true;
  if (def.type === 'nonoptional') return false;
  return WRAPPERS.has(def.type) ? allowsMissing(def['innerType'] as ZodLike) : false;
}

/** zod schema → IR type through zod 4's public `def`; unsupported types report FEATC_E1202. */
export function lowerZodType(schema: ZodLike, bag: DiagnosticBag, path: string): IrType | null {
  const { def } = schema;
  if (WRAPPERS.has(def.type)) return lowerZodType(def['innerType'] as ZodLike, bag, path);
  switch (def.type) {
    case 'string': case 'enum': return IrTypeNode.scalar('string');
    case 'boolean': return IrTypeNode.scalar('boolean');
    case 'bigint': return IrTypeNode.scalar('bigint');
    case 'number':
      if (schema.format === 'int32' || schema.format === 'uint32') return IrTypeNode.scalar('int');
      if (schema.format === 'safeint') return IrTypeNode.scalar('bigint');
      return IrTypeNode.scalar('double');
    case 'literal': {
      const values = def['values'] as unknown[];
      const kinds = new Set(values.map((v) => typeof v));
      if (kinds.size === 1 && kinds.has('string')) return IrTypeNode.scalar('string');
      if (kinds.size === 1 && kinds.has('boolean')) return IrTypeNode.scalar('boolean');
      if (kinds.size === 1 && kinds.has('number')) {
        return IrTypeNode.scalar(values.every((v) => Number.isInteger(v)) ? 'bigint' : 'double');
      }
      break;
    }
    case 'array': {
      const element = lowerZodType(def['element'] as ZodLike, bag, `${path}[]`);
      return element && IrTypeNode.array(element);
    }
    case 'object': {
      const fields = lowerZodShape(def['shape'] as Record<string, ZodLike>, bag, path);
      return fields && IrTypeNode.row(fields);
    }
  }
  bag.report('FEATC_E1202', path, def.type);
  return null;
}

/** The fields of a zod object shape, in declaration order. */
export function lowerZodShape(shape: Record<string, ZodLike>, bag: DiagnosticBag, path: string): IrField[] | null {
  const fields: IrField[] = [];
  let ok = true;
  for (const [name, schema] of Object.entries(shape)) {
    const fieldPath = at(path, name);
    if (name.startsWith('__')) {
      bag.report('FEATC_E1106', fieldPath, name, 'starts with __, which featc reserves');
      ok = false;
      continue;
    }
    if (name.trim() === '' || hasControlCharacters(name)) {
      bag.report('FEATC_E1106', fieldPath, name, 'is blank (Flink needs a non-whitespace character) or holds control characters');
      ok = false;
      continue;
    }
    if (name.length > 128) {
      // Flink identifiers hold at most 256 characters; featc prefixes field names (`<source>__<field>`).
      bag.report('FEATC_E1106', fieldPath, name, 'is longer than 128 characters');
      ok = false;
      continue;
    }
    if (!checkNoPlaceholder(name, bag, fieldPath, 'schema field')) { ok = false; continue; }
    const type = lowerZodType(schema, bag, fieldPath);
    if (type) fields.push(allowsMissing(schema) ? { name, type, nullable: true } : { name, type });
    else ok = false;
  }
  return ok ? fields : null;
}

/** zod 4 schemas carry `_zod`; zod 3's carry only `_def` (a project on zod 3 would otherwise crash the compiler). */
export function isZod4Schema(schema: unknown, bag: DiagnosticBag, path: string): boolean {
  const zod3 = typeof schema === 'object' && schema !== null && '_def' in schema && !('_zod' in schema);
  if (zod3) bag.report('FEATC_E1006', path, 'zod 3 (it has no zod 4 `_zod` internals)');
  return !zod3;
}

/** Lowers a source's `z.object(...)` schema. */
export function lowerEventSchema(schema: z.ZodObject<z.ZodRawShape>, bag: DiagnosticBag, path: string): IrField[] | null {
  if (!isZod4Schema(schema, bag, path)) return null;
  const shape = schema.shape as unknown as Record<string, ZodLike>;
  const clashes = Object.keys(shape).filter((name) => WINDOW_COLUMNS.has(name));
  for (const name of clashes) bag.report('FEATC_E1106', at(path, name), name, 'clashes with a window column, which featc reserves');
  const fields = lowerZodShape(shape, bag, path);
  const nestedArrays = fields ? arraysOfStructures(fields, path) : [];
  for (const where of nestedArrays) bag.report('FEATC_E1208', where);
  return clashes.length > 0 || nestedArrays.length > 0 ? null : fields;
}

/** Paths of arrays whose elements are objects or arrays: featc cannot check such events field by field. */
function arraysOfStructures(fields: readonly IrField[], path: string): string[] {
  return fields.flatMap((f) => {
    const fieldPath = at(path, f.name);
    if (f.type.kind === 'row') return arraysOfStructures(f.type.fields, fieldPath);
    if (f.type.kind === 'array' && f.type.element.kind !== 'scalar') return [fieldPath];
    return [];
  });
}

/** Columns window table functions add to their input. */
const WINDOW_COLUMNS = new Set(['window_start', 'window_end', 'window_time']);
