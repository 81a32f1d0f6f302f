import type { Draw } from './draw.js';

/** SQL keywords Flink reserves: valid featc identifiers that must always be quoted. */
export const SQL_KEYWORDS = [
  'SELECT', 'FROM', 'ORDER', 'GROUP', 'BY', 'WHERE', 'TABLE', 'VIEW', 'WINDOW', 'OVER', 'AS', 'AND', 'NULL',
  'select', 'from', 'order', 'table', 'values', 'user', 'time', 'timestamp', 'interval', 'partition', 'range',
];

/** Names that break naive SQL printing: quotes, backticks, comments, placeholders, whitespace, unicode. */
export const HOSTILE_NAMES = [
  "o'brien", "it's", '"quoted"', 'x`; DROP TABLE y; --', '`', '``', "'", "''", '"', 'a b', ' lead', 'trail ',
  '--comment', '/* c */', ';', 'a;b', '\\', 'back\\slash', '$', '${x}', '${env', '{{x}}', '?', ':p', '@v', '#h', '%', '<b>',
  'größe', '点击_1m', 'клики', 'مرحبا', 'שלום', '🚀', '👩‍👩‍👧', 'e\u0301', '\u00a0nbsp', 'zero\u200bwidth', 'ﬁ',
  'window', 'rowtime', 'w', 'constructor', 'toString', 'hasOwnProperty', '__proto__x', '_', 'A', 'a', 'Ab', 'aB', '1', '0x1F', '1e5', 'TRUE', 'true', 'null',
];

/** Text `featc deploy` would resolve (FEATC_E1107 when it appears in a name or string). */
export const PLACEHOLDER_TEXTS = ['${env:FEATC_FUZZ_SECRET}', '${featc:kafka.bootstrap}', 'a ${env:HOME} b', '${featc:'];
const PLACEHOLDER = /\$\{(?:env|featc):/;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Job, view and source names: identifiers only, keywords and long ones included. */
export function identifierName(d: Draw, prefix: string): string {
  const roll = d.int(0, 9);
  if (roll < 4) return `${prefix}${d.int(0, 9)}`;
  if (roll < 7) return d.pick(SQL_KEYWORDS);
  if (roll < 8) return `${prefix}_${'x'.repeat(d.int(1, 100 - prefix.length - 1))}`;
  const text = d.text(12).replace(/[^A-Za-z0-9_]/g, '');
  return IDENTIFIER.test(text) ? text : `${prefix}_${text}`;
}

/** A name featc quotes everywhere (feature, field, entity key): anything printable, at most `maxLength`. */
export function quotedName(d: Draw, maxLength: number): string {
  const roll = d.int(0, 9);
  const name = roll < 4 ? d.pick(HOSTILE_NAMES)
    : roll < 5 ? d.pick(SQL_KEYWORDS)
    : roll < 6 ? `${d.pick(HOSTILE_NAMES)}${d.pick(SQL_KEYWORDS)}`
    : roll < 7 ? 'n'.repeat(d.int(Math.min(100, maxLength), maxLength))
    : roll < 8 ? `f${d.int(0, 20)}`
    : d.text(16);
  return isQuotableName(name) && name.length <= maxLength ? name : `f_${[...name].filter((c) => c >= ' ' && c !== '\u007f').join('')}`.slice(0, maxLength);
}

/** What featc accepts for a quoted name: non-empty, no `__` prefix, no control characters. */
export function isQuotableName(name: string): boolean {
  return name.trim() !== '' && !name.startsWith('__') && ![...name].some((c) => c < ' ' || c === '\u007f') && !PLACEHOLDER.test(name);
}

/** A string literal: quotes, comment markers, unicode, newlines (literals may hold them). */
export function literalText(d: Draw): string {
  const roll = d.int(0, 5);
  const text = roll < 3 ? d.pick([...HOSTILE_NAMES, '', "'; DROP TABLE x; --", 'line\nbreak', 'tab\there', 'ends with \\']) : d.text(20);
  return PLACEHOLDER.test(text) ? text.replaceAll('${', '$ {') : text;
}

/** Distinct values from a generator, retrying a few times before falling back to numbered names. */
export function distinct(d: Draw, count: number, make: () => string, taken: ReadonlySet<string> = new Set(), fallback = 'n'): string[] {
  const out: string[] = [];
  const used = new Set(taken);
  for (let i = 0; i < count; i++) {
    let name = make();
    for (let tries = 0; used.has(name) && tries < 3; tries++) name = make();
    while (used.has(name)) name = `${fallback}${d.int(0, 1_000_000)}`;
    used.add(name);
    out.push(name);
  }
  return out;
}
