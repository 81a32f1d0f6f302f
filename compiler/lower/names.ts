import type { DiagnosticBag } from '../diagnostics/index.js';
import { DEFINITION_NAME, isKafkaTopic, LOOKS_LIKE_PLACEHOLDER } from '../../contracts/index.js';

/** Job, view and source names end up in table names, transactional ids and topics: identifiers only. */
export function checkIdentifier(name: unknown, bag: DiagnosticBag, path: string, what: string): name is string {
  if (typeof name === 'string' && DEFINITION_NAME.test(name)) return true;
  bag.report('FEATC_E1101', path, what, typeof name === 'string' ? name : String(name));
  return false;
}

export function checkTopic(topic: unknown, bag: DiagnosticBag, path: string): topic is string {
  if (typeof topic === 'string' && isKafkaTopic(topic)) return true;
  bag.report('FEATC_E1201', path, typeof topic === 'string' ? topic : String(topic));
  return false;
}

/** Untyped input (plain JavaScript, a circular import's `undefined`) can hand over anything: objects only pass. */
export function checkObject(value: unknown, bag: DiagnosticBag, path: string, what: string, expected: string): value is object {
  if (typeof value === 'object' && value !== null) return true;
  bag.report('FEATC_E1005', path, what, expected, JSON.stringify(value) ?? String(value));
  return false;
}


/** Names and strings printed into SQL must not contain a placeholder (FEATC_E1107). */
export function checkNoPlaceholder(text: string, bag: DiagnosticBag, path: string, what: string): boolean {
  // `featc deploy` resolves placeholders anywhere in a statement, so user text that looks like one would be replaced.
  if (!LOOKS_LIKE_PLACEHOLDER.test(text)) return true;
  bag.report('FEATC_E1107', path, what, text);
  return false;
}

const WINDOW_COLUMNS = new Set(['window_start', 'window_end', 'window_time']);

/**
 * Feature names are quoted everywhere, so anything printable goes; `__` and the window columns are
 * reserved, and a feature cannot share its name with an entity key (both are columns of the view's records).
 */
export function checkFeatureName(name: string, bag: DiagnosticBag, path: string, entity: readonly string[] = []): boolean {
  const why =
    name === '' ? 'is empty'
    : name.trim() === '' ? 'is only whitespace, which Flink does not accept as a column name'
    : name.startsWith('__') ? 'starts with __, which featc reserves'
    : WINDOW_COLUMNS.has(name) ? 'clashes with a window column, which featc reserves'
    : entity.includes(name) ? 'is also an entity key of the view'
    : hasControlCharacters(name) ? 'holds control characters'
    : name.length > 128 ? 'is longer than 128 characters'
    : null;
  if (why === null) return checkNoPlaceholder(name, bag, path, 'feature name');
  bag.report('FEATC_E1104', path, name, why);
  return false;
}

/** True when `text` holds a C0 control character or DEL. */
export function hasControlCharacters(text: string): boolean {
  return [...text].some((ch) => {
    const code = ch.charCodeAt(0);
    return code < 0x20 || code === 0x7f;
  });
}
