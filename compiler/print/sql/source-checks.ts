import type { IrField, IrScalarName, IrType } from '../../ir/index.js';
import { ident, str } from './quote.js';
import { sqlType } from './types.js';

/**
 * Typed columns and the malformed-record check of a raw JSON source. Each JSON field is read
 * from the payload text with JSON_VALUE / JSON_QUERY; its JSON type is the first character of
 * the field wrapped in an array (`["a"]` → `"`, `[1]` → `1`, `{`, `[`, `t`/`f`; missing or null → `]`).
 */
export const PAYLOAD = '__payload';
const P = ident(PAYLOAD);

const SIMPLE_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `['device', 'os']` → `$.device.os`; other names in bracket notation with `\'` escapes. */
export function jsonPath(segments: readonly string[]): string {
  return '$' + segments.map((s) => (SIMPLE_KEY.test(s) ? `.${s}` : `['${s.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}']`)).join('');
}

const value = (path: readonly string[]): string => `JSON_VALUE(${P}, ${str(jsonPath(path))})`;
const query = (path: readonly string[]): string => `JSON_QUERY(${P}, ${str(jsonPath(path))})`;
// JSON_QUERY gives NULL for a missing field and for a JSON null: both read as ']' (absent).
const typeChar = (path: readonly string[]): string => `COALESCE(SUBSTRING(JSON_QUERY(${P}, ${str(jsonPath(path))} WITH ARRAY WRAPPER) FROM 2 FOR 1), ']')`;

const ABSENT = `']'`;
const NUMBER_START = ['-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'].map((c) => `'${c}'`).join(', ');
const START: Record<IrScalarName, string> = {
  string: `'"'`, boolean: `'t', 'f'`, int: NUMBER_START, bigint: NUMBER_START, float: NUMBER_START, double: NUMBER_START,
};
const INTEGER = '-?[0-9]+';
const NUMBER = '-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?';
const ELEMENT: Record<IrScalarName, string> = {
  string: '"([^"\\\\]|\\\\.)*"', boolean: '(true|false)', int: INTEGER, bigint: INTEGER, float: NUMBER, double: NUMBER,
};
const TYPE_WORD: Record<IrScalarName, string> = {
  string: 'a string', boolean: 'a boolean', int: 'an integer', bigint: 'an integer', float: 'a number', double: 'a number',
};

/** The SQL expression reading a field of the declared type (NULL when absent or malformed). */
export function extract(type: IrType, path: readonly string[]): string {
  switch (type.kind) {
    case 'scalar':
      return type.name === 'string' ? value(path) : `TRY_CAST(${value(path)} AS ${sqlType(type)})`;
    case 'array': {
      const strings = `JSON_QUERY(${P}, ${str(jsonPath(path))} RETURNING ARRAY<STRING>)`;
      return type.element.kind === 'scalar' && type.element.name === 'string' ? strings : `TRY_CAST(${strings} AS ${sqlType(type)})`;
    }
    case 'row': {
      const fields = type.fields.map((f) => extract(f.type, [...path, f.name]));
      return `CASE WHEN ${typeChar(path)} = '{' THEN CAST(ROW(${fields.join(', ')}) AS ${sqlType(type)}) END`;
    }
  }
}

export interface Check { readonly when: string; readonly reason: string }

/** Ordered checks of one field (and its nested fields); the first that holds names the defect. */
function fieldChecks(field: IrField, parent: readonly string[], guard: string | null, required: boolean): Check[] {
  const path = [...parent, field.name];
  const name = path.join('.');
  const tc = typeChar(path);
  const and = (cond: string): string => (guard === null ? cond : `${guard} AND ${cond}`);
  const checks: Check[] = [];
  if (required) checks.push({ when: and(`${tc} IN (${ABSENT})`), reason: `missing required field ${name}` });
  const { type } = field;
  switch (type.kind) {
    case 'scalar':
      checks.push({ when: and(`${tc} NOT IN (${ABSENT}, ${START[type.name]})`), reason: `field ${name} is not ${TYPE_WORD[type.name]}` });
      if (type.name === 'int' || type.name === 'bigint') {
        checks.push({
          when: and(`${tc} NOT IN (${ABSENT}) AND (NOT REGEXP(${value(path)}, '^${INTEGER}$') OR ${extract(type, path)} IS NULL)`),
          reason: `field ${name} is not an integer in range of ${sqlType(type)}`,
        });
      }
      break;
    case 'array': {
      const element = type.element.kind === 'scalar' ? type.element.name : 'string';
      const pattern = `^\\[(${ELEMENT[element]}(,${ELEMENT[element]})*)?\\]$`;
      checks.push({ when: and(`${tc} NOT IN (${ABSENT}, '[')`), reason: `field ${name} is not an array` });
      checks.push({ when: and(`${tc} = '[' AND NOT REGEXP(${query(path)}, ${str(pattern)})`), reason: `field ${name} is not an array of ${element} values` });
      break;
    }
    case 'row': {
      checks.push({ when: and(`${tc} NOT IN (${ABSENT}, '{')`), reason: `field ${name} is not an object` });
      const inner = and(`${tc} = '{'`);
      for (const child of type.fields) checks.push(...fieldChecks(child, path, inner, child.nullable !== true));
      break;
    }
  }
  return checks;
}

/** Every check of a source's events, cheapest and most fundamental first. */
export function sourceChecks(fields: readonly IrField[], eventTimeField: string, maxEventChars: number): Check[] {
  return [
    { when: `${P} IS NULL`, reason: 'empty record (null value)' },
    { when: `CHAR_LENGTH(${P}) > ${maxEventChars}`, reason: `larger than maxEventChars (${maxEventChars})` },
    { when: `NOT (${P} IS JSON OBJECT)`, reason: 'not a JSON object' },
    ...fields.flatMap((f) => fieldChecks(f, [], null, f.name === eventTimeField || f.nullable !== true)),
  ];
}

/** `CASE WHEN … THEN 'reason' … END`: NULL for a well-formed record. */
export function errorExpression(checks: readonly Check[]): string {
  return `CASE\n    ${checks.map((c) => `WHEN ${c.when} THEN CAST(${str(c.reason)} AS STRING)`).join('\n    ')}\n  END`;
}
