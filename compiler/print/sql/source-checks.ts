import type { IrField, IrScalarName } from '../../ir/index.js';
import { ident, str } from './quote.js';
import { ELEMENT } from './source-gate.js';
import { JsonText, PAYLOAD } from './source-json.js';
import { sqlType } from './types.js';

/**
 * What is wrong with a malformed record of a raw JSON source, read from its payload (evaluated only
 * for a record the gate refused, so each check may parse it again): each field's JSON type is the
 * first character of its wrapped JSON text (`["a"]` → `"`, `[1]` → `1`, `{`, `[`, `t`/`f`;
 * missing or null → `]`).
 */
const P = ident(PAYLOAD);

const ABSENT = `']'`;
const NUMBER_START = ['-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'].map((c) => `'${c}'`).join(', ');
const START: Record<IrScalarName, string> = {
  string: `'"'`, boolean: `'t', 'f'`, int: NUMBER_START, bigint: NUMBER_START, float: NUMBER_START, double: NUMBER_START,
};
const TYPE_WORD: Record<IrScalarName, string> = {
  string: 'a string', boolean: 'a boolean', int: 'an integer', bigint: 'an integer', float: 'a number', double: 'a number',
};

export interface Check { readonly when: string; readonly reason: string }

/** Ordered checks of one field (and its nested fields); the first that holds names the defect. */
function fieldChecks(field: IrField, parent: readonly string[], guard: string | null, required: boolean): Check[] {
  const path = [...parent, field.name];
  const name = path.join('.');
  const json = JsonText.ofPayload(path);
  const tc = json.typeChar;
  const and = (cond: string): string => (guard === null ? cond : `${guard} AND ${cond}`);
  const checks: Check[] = [];
  if (required) checks.push({ when: and(`${tc} IN (${ABSENT})`), reason: `missing required field ${name}` });
  const { type } = field;
  switch (type.kind) {
    case 'scalar':
      checks.push({ when: and(`${tc} NOT IN (${ABSENT}, ${START[type.name]})`), reason: `field ${name} is not ${TYPE_WORD[type.name]}` });
      if (type.name === 'int' || type.name === 'bigint') {
        // Past the two checks above the value is a JSON number, its text the wrapper's inside as
        // Jackson prints it: an integer's digits, else a decimal with `.` and/or `E` (BigDecimal),
        // so `-?[0-9]+` is exactly "no `.`, no `E`" (the POSITIONs are far cheaper than a REGEXP).
        const text = json.inner;
        checks.push({
          when: and(`${tc} NOT IN (${ABSENT}) AND (TRY_CAST(${text} AS ${sqlType(type)}) IS NULL OR POSITION('.' IN ${text}) > 0 OR POSITION('E' IN ${text}) > 0)`),
          reason: `field ${name} is not an integer in range of ${sqlType(type)}`,
        });
      }
      break;
    case 'array': {
      const element = type.element.kind === 'scalar' ? type.element.name : 'string';
      const pattern = `^\\[(${ELEMENT[element]}(,${ELEMENT[element]})*)?\\]$`;
      checks.push({ when: and(`${tc} NOT IN (${ABSENT}, '[')`), reason: `field ${name} is not an array` });
      checks.push({ when: and(`${tc} = '[' AND NOT REGEXP(${json.inner}, ${str(pattern)})`), reason: `field ${name} is not an array of ${element} values` });
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

/**
 * Every check of a source's events, cheapest and most fundamental first. A top-level field read
 * that is not NULL proves the payload a JSON object (a path into anything else reads NULL), so
 * the object test parses the payload again only when the event-time field read is NULL.
 */
export function sourceChecks(fields: readonly IrField[], eventTimeField: string, maxEventChars: number): Check[] {
  const eventTime = fields.some((f) => f.name === eventTimeField) ? JsonText.ofPayload([eventTimeField]).wrapped : null;
  return [
    { when: `${P} IS NULL`, reason: 'empty record (null value)' },
    { when: `CHAR_LENGTH(${P}) > ${maxEventChars}`, reason: `larger than maxEventChars (${maxEventChars})` },
    { when: `${eventTime === null ? '' : `${eventTime} IS NULL AND `}NOT (${P} IS JSON OBJECT)`, reason: 'not a JSON object' },
    ...fields.flatMap((f) => fieldChecks(f, [], null, f.name === eventTimeField || f.nullable !== true)),
  ];
}

/**
 * `CASE WHEN … THEN 'reason' … END`: NULL for a well-formed record, which is exactly a record with
 * a rowtime (source-gate.ts); the checks only name what is wrong, and a record no check names has
 * an event time that does not read.
 */
export function errorExpression(rowtime: string, checks: readonly Check[], eventTimeReason: string, indent = '    '): string {
  const whens = [`WHEN ${rowtime} IS NOT NULL THEN CAST(NULL AS STRING)`, ...checks.map((c) => `WHEN ${c.when} THEN CAST(${str(c.reason)} AS STRING)`)];
  return `CASE\n${indent}${whens.join(`\n${indent}`)}\n${indent}ELSE CAST(${str(eventTimeReason)} AS STRING)\n${indent.slice(2)}END`;
}
