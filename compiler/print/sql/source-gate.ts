import type { IrField, IrScalarName, IrSource } from '../../ir/index.js';
import { ident, str } from './quote.js';
import { regexGroup } from './regex.js';
import { PAYLOAD } from './source-json.js';

/**
 * The event time of a raw JSON source, NULL unless the whole record is well-formed: the watermark
 * generator and the rowtime both evaluate it, so a record the source dead-letters never moves time.
 *
 * One JSON_QUERY selects every top-level field at once (`$['a','b']`, plus one per nested object);
 * Jackson prints the selection canonically — keys sorted, compact, missing keys left out — so a
 * single regular expression checks every field's JSON type (and integer range) exactly as the
 * per-field checks of source-checks.ts do, and captures the event time. The cost per record is the
 * one parse the event-time read always took, plus one match over the canonical text.
 */
const P = ident(PAYLOAD);
/** Separates the canonical texts of the selections: a raw control character never occurs in JSON text. */
const SEP = '\\x01';

/** Java-regex-escaped literal. */
const literal = (text: string): string => text.replace(/[\\^$.|?*+()[\]{}]/g, (c) => `\\${c}`);
/** A key as Jackson prints it (featc refuses control characters in field names). */
const jsonKey = (name: string): string => `"${literal(name.replaceAll('\\', '\\\\').replaceAll('"', '\\"'))}"`;

/** Decimal digit strings from 0 to `max` (no leading zeros), as a regex. */
export function digitsUpTo(max: string): string {
  const n = max.length;
  if (n === 1) return `[0-${max}]`;
  const alternatives = ['[0-9]'];
  if (n > 2) alternatives.push(`[1-9][0-9]{1,${n - 2}}`);
  for (let i = 0; i < n; i += 1) {
    const low = i === 0 ? 1 : 0;
    const digit = Number(max[i]);
    if (digit > low) alternatives.push(`${max.slice(0, i)}[${low}-${digit - 1}]${i < n - 1 ? `[0-9]{${n - i - 1}}` : ''}`);
  }
  alternatives.push(max);
  return `(?:${alternatives.join('|')})`;
}

const INT_MAX = '2147483647';
const BIGINT_MAX = '9223372036854775807';
/** Integers in range, as Jackson prints them: `-0` prints as `0`, so a sign is never followed by 0. */
const integerIn = (max: string): string => `(?:${digitsUpTo(max)}|-(?!0)${digitsUpTo(String(BigInt(max) + 1n))})`;
const STRING = '"[^"\\\\]*+(?:\\\\.[^"\\\\]*+)*+"';
const NUMBER = '-?[0-9]++(?:\\.[0-9]++)?+(?:[eE][-+]?+[0-9]++)?+';
/** Array elements (source-checks.ts names an array that holds another value). */
export const ELEMENT: Record<IrScalarName, string> = {
  string: STRING, boolean: '(?:true|false)', int: '-?[0-9]++', bigint: '-?[0-9]++', float: NUMBER, double: NUMBER,
};
const SCALAR: Record<IrScalarName, string> = {
  string: STRING, boolean: '(?:true|false)', int: integerIn(INT_MAX), bigint: integerIn(BIGINT_MAX), float: NUMBER, double: NUMBER,
};
/** A nested object: its inside is checked by its own selection; a selection never holds the separator. */
const OBJECT = `\\{[^${SEP}]*\\}`;

/** ISO-8601 / `yyyy-MM-dd HH:mm:ss[.S…]` with a real calendar date, and an optional offset. */
const DATE = '(?:[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))' +
  '|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)';
const TIMESTAMP = `${DATE}[T ](?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]{1,9})?(?:Z|[+-](?:0[0-9]|1[0-4])(?::?[0-5][0-9])?)?`;

function valuePattern(field: IrField): string {
  const { type } = field;
  switch (type.kind) {
    case 'scalar': return SCALAR[type.name];
    case 'array': {
      const e = ELEMENT[type.element.kind === 'scalar' ? type.element.name : 'string'];
      return `\\[(?:${e}(?:,${e})*+)?+\\]`;
    }
    case 'row': return OBJECT;
  }
}

/**
 * The event-time value pattern, the time itself in an inner group for timestamp text. A BIGINT out
 * of range fails its TRY_CAST and reads NULL like any time past year 9999, so its digits need no
 * range pattern.
 */
function eventTimePattern(source: IrSource, field: IrField, timeGroup: () => string): string {
  if (source.eventTime.encoding === 'timestamp-text') return `"${timeGroup()}${TIMESTAMP})"`;
  if (field.type.kind === 'scalar' && field.type.name === 'bigint') return '-?[0-9]{1,19}';
  return valuePattern(field);
}

/** One selection: an object's declared keys, sorted as Jackson sorts them (UTF-16 order, like JS). */
interface Selection { readonly path: readonly string[]; readonly fields: readonly IrField[] }

function selections(fields: readonly IrField[], path: readonly string[]): Selection[] {
  return [{ path, fields }, ...fields.flatMap((f) => (f.type.kind === 'row' ? selections(f.type.fields, [...path, f.name]) : []))];
}

const jsonPathKey = (name: string): string => `'${name.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

/** `$.a['x','y']`: a multi-key selection prints as an object even for one key (it is listed twice). */
function selectionPath(sel: Selection): string {
  const keys = sel.fields.map((f) => jsonPathKey(f.name));
  const parent = sel.path.map((s) => `[${jsonPathKey(s)}]`).join('');
  return `$${parent}[${(keys.length === 1 ? [keys[0], keys[0]] : keys).join(',')}]`;
}

/**
 * A source's gate: the canonical text of its declared fields and the one pattern that matches it
 * exactly when the record is well-formed, with a capture group per field path holding the value's
 * JSON text (exactly what `JSON_QUERY(payload, path)` prints; NULL when absent or null) and one
 * holding the event time.
 */
export interface SourceGate {
  /** SQL: the canonical text; NULL for a record over maxEventChars or not a JSON object. */
  readonly text: string;
  readonly pattern: string;
  readonly eventTimeGroup: number;
  /** The capture group of a field path's value. */
  group(path: readonly string[]): number;
}

export function sourceGate(source: IrSource): SourceGate {
  let groups = 0;
  const open = (): string => {
    groups += 1;
    return '(';
  };
  const byPath = new Map<string, number>();
  let eventTimeGroup = 0;
  const segments = selections(source.fields, []).map((sel) => {
    const sorted = [...sel.fields].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const items = sorted.map((f) => {
      const isEventTime = sel.path.length === 0 && f.name === source.eventTime.field;
      const read = open();
      byPath.set(JSON.stringify([...sel.path, f.name]), groups);
      if (isEventTime) eventTimeGroup = groups;
      const value = `${read}${isEventTime ? eventTimePattern(source, f, () => { const g = open(); eventTimeGroup = groups; return g; }) : valuePattern(f)})`;
      const required = isEventTime || f.nullable !== true;
      return required ? `,?${jsonKey(f.name)}:${value}` : `(?:,?${jsonKey(f.name)}:(?:${value}|null))?+`;
    });
    const object = `\\[\\{${items.join('')}\\}\\]`;
    // A nested object's selection is NULL (read as empty) when the object is absent; its parent's
    // selection has already said whether it may be.
    return sel.path.length === 0 ? object : `(?:${object})?`;
  });
  const texts = selections(source.fields, []).map((sel, i) => {
    const query = `JSON_QUERY(${P}, ${str(selectionPath(sel))} WITH ARRAY WRAPPER)`;
    return i === 0 ? query : `COALESCE(${query}, '')`;
  });
  const joined = texts.length === 1 ? texts[0]! : `CONCAT(${texts.join(', CHR(1), ')})`;
  return {
    text: `CASE WHEN CHAR_LENGTH(${P}) <= ${source.deadLetter.maxEventChars} THEN ${joined} END`,
    pattern: `^${segments.join(SEP)}$`,
    eventTimeGroup,
    group: (path) => {
      const g = byPath.get(JSON.stringify(path));
      if (g === undefined) throw new Error(`no gate group for ${path.join('.')}`);
      return g;
    },
  };
}

/** TIMESTAMP_LTZ(3) of a validated timestamp string: fraction cut to millis, offset or the declared zone. */
export function timestampTextToLtz(text: string, zone: string): string {
  const local = `CONCAT(SUBSTRING(${text} FROM 1 FOR 10), ' ', SUBSTRING(${text} FROM 12 FOR 8), '.', RPAD(COALESCE(${regexGroup(text, '\\.([0-9]{1,3})', 1)}, ''), 3, '0'))`;
  const offset = `COALESCE(${regexGroup(text, '(Z|[+-][0-9:]+)$', 1)}, ${str(zone)})`;
  return `TO_TIMESTAMP_LTZ(${local}, 'yyyy-MM-dd HH:mm:ss.SSS', ${offset})`;
}

/** The source's rowtime: from the gated event time, so NULL (no watermark move) for a dead-lettered record. */
export function rowtimeExpression(source: IrSource, gate: SourceGate): string {
  const value = regexGroup(gate.text, gate.pattern, gate.eventTimeGroup);
  switch (source.eventTime.encoding) {
    case 'epoch-millis': return `TO_TIMESTAMP_LTZ(TRY_CAST(${value} AS BIGINT), 3)`;
    case 'epoch-seconds': return `TO_TIMESTAMP_LTZ(TRY_CAST(${value} AS DECIMAL(38, 3)) * 1000, 3)`;
    case 'timestamp-text': return timestampTextToLtz(value, source.eventTime.zone);
  }
}

/**
 * Epoch millis of a TIMESTAMP(3) in the session time zone (job.sql pins it to UTC); a
 * TIMESTAMP_LTZ is cast to that zone first. Exact to the millisecond.
 */
export function epochMillis(timestamp: string): string {
  return `(UNIX_TIMESTAMP(DATE_FORMAT(${timestamp}, 'yyyy-MM-dd HH:mm:ss'), 'yyyy-MM-dd HH:mm:ss') * 1000 + MOD(EXTRACT(MILLISECOND FROM ${timestamp}), 1000))`;
}

/** Words for the dead-letter reason of an event time that does not read as the declared encoding. */
export function eventTimeReason(source: IrSource): string {
  const f = source.eventTime.field;
  switch (source.eventTime.encoding) {
    case 'epoch-millis': return `event time ${f} is not epoch milliseconds between years 0 and 9999`;
    case 'epoch-seconds': return `event time ${f} is not epoch seconds between years 0 and 9999`;
    case 'timestamp-text': return `event time ${f} is not a timestamp (ISO-8601 or yyyy-MM-dd HH:mm:ss[.SSS] with a valid date)`;
  }
}
