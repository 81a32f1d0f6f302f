import type { IrField, IrType } from '../../ir/index.js';
import { ident, str } from './quote.js';
import { regexGroup } from './regex.js';
import type { SourceGate } from './source-gate.js';
import { sqlType } from './types.js';

/**
 * How a source reads its JSON events with few parses. Flink re-parses the payload on every
 * JSON_VALUE / JSON_QUERY call and does not share common sub-expressions, so a well-formed record
 * is parsed once more after its gate (source-gate.ts), into the canonical text `__canon`, and each
 * field path is read from it by the gate's capture group, wrapped as
 * `JSON_QUERY(payload, path WITH ARRAY WRAPPER)` prints it: `["abc"]`, `[12]`, `[true]`, `[{…}]`,
 * `[[…]]`, or NULL when the field is missing or JSON null (and for every field of a malformed
 * record, whose checks read the payload itself: source-checks.ts).
 * Its type, its JSON_VALUE text and its array text all follow from that small string (Jackson
 * wrote it, compactly: a string's text needs a parse only when it holds a `\` escape).
 */
export const PAYLOAD = '__payload';
/** Raw-table column holding the gate's canonical text. */
export const CANONICAL = '__canon';
const P = ident(PAYLOAD);

const SIMPLE_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `['device', 'os']` → `$.device.os`; other names in bracket notation with `\'` escapes. */
export function jsonPath(segments: readonly string[]): string {
  return '$' + segments.map((s) => (SIMPLE_KEY.test(s) ? `.${s}` : `['${s.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}']`)).join('');
}

/**
 * An optimization barrier: the value of `expr`, marked non-deterministic with `RAND(0) < 2`
 * (always true). Flink's Calc merge rules never inline a non-deterministic column into a consumer
 * that uses it more than once, so the column is computed once per row in its own Calc, and the
 * sub-plan reuse shares that Calc between the well-formed view and the dead-letter INSERT.
 */
export function once(expr: string): string {
  return `CASE WHEN RAND(0) < 2 THEN ${expr} END`;
}

/** One read of the payload: the path and the column of the fields view holding its wrapped JSON. */
export interface JsonRead { readonly path: readonly string[]; readonly column: string }

/** Every field path a source reads, nested ones included: top-level under the field's own name. */
export function jsonReads(fields: readonly IrField[]): JsonRead[] {
  const reads: JsonRead[] = [];
  const visit = (field: IrField, parent: readonly string[]): void => {
    const path = [...parent, field.name];
    reads.push({ path, column: parent.length === 0 ? field.name : `__j${reads.length}` });
    if (field.type.kind === 'row') for (const child of field.type.fields) visit(child, path);
  };
  for (const f of fields) visit(f, []);
  return reads;
}

/** The SELECT item of the fields view that reads one path of a well-formed record. */
export function readColumn(read: JsonRead, gate: SourceGate): string {
  const value = regexGroup(ident(CANONICAL), gate.pattern, gate.group(read.path));
  return `${once(`CONCAT('[', ${value}, ']')`)} AS ${ident(read.column)}`;
}

/** Expressions over one read column (`q`, the wrapped JSON text of a path). */
export class JsonText {
  constructor(private readonly q: string) {}

  /** The payload's value at `path`, parsed on each use (for the checks of a malformed record). */
  static ofPayload(path: readonly string[]): JsonText {
    return new JsonText(`JSON_QUERY(${P}, ${str(jsonPath(path))} WITH ARRAY WRAPPER)`);
  }

  static of(reads: readonly JsonRead[], path: readonly string[]): JsonText {
    const read = reads.find((r) => r.path.length === path.length && r.path.every((s, i) => s === path[i]));
    if (!read) throw new Error(`no JSON read for ${path.join('.')}`);
    return new JsonText(ident(read.column));
  }

  /** The wrapped JSON text itself. */
  get wrapped(): string {
    return this.q;
  }

  /** The value's first character: `"`, a digit or `-`, `t`/`f`, `{`, `[`; `]` when absent (missing or null). */
  get typeChar(): string {
    return `COALESCE(SUBSTRING(${this.q} FROM 2 FOR 1), ']')`;
  }

  /** The JSON text inside the wrapper: a number's digits, an array's `[…]` as JSON_QUERY prints it. */
  get inner(): string {
    return `SUBSTRING(${this.q} FROM 2 FOR CHAR_LENGTH(${this.q}) - 2)`;
  }

  /** Exactly what JSON_VALUE(payload, path) gives: a string unescaped, a scalar's text, NULL otherwise. */
  get text(): string {
    const q = this.q;
    const string = `CASE WHEN POSITION('\\' IN ${q}) = 0 THEN SUBSTRING(${q} FROM 3 FOR CHAR_LENGTH(${q}) - 4) ELSE JSON_VALUE(${q}, '$[0]') END`;
    return `CASE ${this.typeChar} WHEN '"' THEN ${string} WHEN '{' THEN NULL WHEN '[' THEN NULL WHEN ']' THEN NULL ELSE ${this.inner} END`;
  }
}

/** The SQL expression reading a field of the declared type from its read columns (NULL when absent or malformed). */
export function extract(type: IrType, path: readonly string[], reads: readonly JsonRead[]): string {
  const json = JsonText.of(reads, path);
  switch (type.kind) {
    case 'scalar':
      return type.name === 'string' ? json.text : `TRY_CAST(${json.text} AS ${sqlType(type)})`;
    case 'array': {
      const read = `CASE WHEN ${json.typeChar} = '[' THEN JSON_QUERY(${json.wrapped}, '$[0]' RETURNING ARRAY<STRING>) END`;
      return type.element.kind === 'scalar' && type.element.name === 'string' ? read : `TRY_CAST(${read} AS ${sqlType(type)})`;
    }
    case 'row': {
      const fields = type.fields.map((f) => extract(f.type, [...path, f.name], reads));
      return `CASE WHEN ${json.typeChar} = '{' THEN CAST(ROW(${fields.join(', ')}) AS ${sqlType(type)}) END`;
    }
  }
}
