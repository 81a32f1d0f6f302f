/**
 * The part of js-yaml 4 featc uses. js-yaml arrives through @confluentinc/kafka-javascript (and
 * eslint) and ships no types; this declaration keeps its use typed without @types/js-yaml.
 */
declare module 'js-yaml' {
  export interface DumpOptions {
    indent?: number;
    noArrayIndent?: boolean;
    skipInvalid?: boolean;
    flowLevel?: number;
    sortKeys?: boolean | ((a: string, b: string) => number);
    lineWidth?: number;
    noRefs?: boolean;
    noCompatMode?: boolean;
    condenseFlow?: boolean;
    quotingType?: "'" | '"';
    forceQuotes?: boolean;
  }
  export interface LoadOptions { filename?: string; json?: boolean }
  export function load(text: string, opts?: LoadOptions): unknown;
  export function loadAll(text: string, iterator?: null, opts?: LoadOptions): unknown[];
  export function dump(value: unknown, opts?: DumpOptions): string;
  const yaml: { load: typeof load; loadAll: typeof loadAll; dump: typeof dump };
  export default yaml;
}
