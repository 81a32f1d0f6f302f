/** Lexical helpers: every identifier and literal in printed SQL goes through these. */

/** `` o`brien `` → `` `o``brien` ``: a backtick inside an identifier is doubled. */
export function ident(name: string): string {
  return `\`${name.replaceAll('`', '``')}\``;
}

/** `o'brien` → `'o''brien'`: a single quote inside a literal is doubled. */
export function str(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * A number literal; safe integers print plainly, others as DOUBLE with enough digits to round-trip.
 * Integers past 2^53 use an exponent: `10000000000000000000` is out of BIGINT range for Flink.
 */
export function num(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`cannot print non-finite number ${value}`);
  if (Number.isSafeInteger(value)) return String(value);
  return `CAST(${Number.isInteger(value) ? value.toExponential() : String(value)} AS DOUBLE)`;
}

/**
 * The value of a Flink list option such as `key.fields`: Flink splits it on `;`, trims unquoted
 * items and reads `'…'` / `"…"` as quotes, so an item with quotes, `;` or edge whitespace is
 * double-quoted (a `"` inside doubled). `['userId', "o'brien"]` → `userId;"o'brien"`.
 */
export function optionList(items: readonly string[]): string {
  return items.map((item) => (/^[^\s'";](?:[^'";]*[^\s'";])?$/.test(item) ? item : `"${item.replaceAll('"', '""')}"`)).join(';');
}

/** Indents every line of printed SQL by two spaces, except line breaks inside quoted literals and identifiers. */
export function indentSql(sql: string): string {
  let quote: string | null = null;
  let out = '  ';
  for (const ch of sql) {
    if (ch === "'" || ch === '`') quote = quote === null ? ch : quote === ch ? null : quote;
    out += ch === '\n' && quote === null ? '\n  ' : ch;
  }
  return out;
}

const INTERVAL_UNITS: readonly [string, number][] = [['DAY', 86_400_000], ['HOUR', 3_600_000], ['MINUTE', 60_000], ['SECOND', 1000]];

/**
 * `300000` → `INTERVAL '5' MINUTE`; leading precision is spelt out past two digits. Flink rejects a
 * leading precision above 3 in watermarks and OVER ranges, so a count past 999 (`1000` seconds) is
 * written from days down: `INTERVAL '0 00:16:40.000' DAY TO SECOND(3)` (the compiler caps lengths at 999 days).
 */
export function interval(ms: number): string {
  for (const [unit, size] of INTERVAL_UNITS) {
    if (ms % size === 0 && ms >= size) {
      const n = String(ms / size);
      if (n.length > 3) break;
      return `INTERVAL '${n}' ${unit}${n.length > 2 ? `(${n.length})` : ''}`;
    }
  }
  const whole = String(Math.floor(ms / 1000));
  const fraction = String(ms % 1000).padStart(3, '0');
  if (whole.length <= 3) return `INTERVAL '${whole}.${fraction}' SECOND${whole.length > 2 ? `(${whole.length}, 3)` : ''}`;
  const days = String(Math.floor(ms / 86_400_000));
  const clock = [3_600_000, 60_000, 1000].map((size, i) => String(Math.floor(ms / size) % (i === 0 ? 24 : 60)).padStart(2, '0')).join(':');
  return `INTERVAL '${days} ${clock}.${fraction}' DAY${days.length > 2 ? `(${days.length})` : ''} TO SECOND(3)`;
}

const CONFIG_UNITS: readonly [string, number][] = [['d', 86_400_000], ['h', 3_600_000], ['min', 60_000], ['s', 1000], ['ms', 1]];

/** A Flink configuration duration: `'30 s'`, `'1 h'`. */
export function configDuration(ms: number): string {
  for (const [unit, size] of CONFIG_UNITS) {
    if (ms % size === 0 && ms >= size) return `${ms / size} ${unit}`;
  }
  return `${ms} ms`;
}
