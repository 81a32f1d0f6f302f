import type { ErrorKind, FeatcCode } from './errors.js';

/**
 * What one error code means, in the registry of its area (next to the area's error class):
 *
 *   FEATC_E7160: { kind: 'user', summary: 'the named job is not running on the target', hint: 'see the running jobs with `featc status`' }
 *
 * `summary` says what the code means in one line (the thrown message names the offending value);
 * `hint` is the default thing to do, used when a throw site gives none. docs/ERRORS.md lists every
 * registry (`npm run docs:errors`).
 */
export interface CodeEntry {
  readonly kind: ErrorKind;
  readonly summary: string;
  readonly hint: string;
}

export type CodeRegistry = Readonly<Record<FeatcCode, CodeEntry>>;

/** A registry with its literal codes kept as keys, so `keyof typeof codes` is the area's code union. */
export function defineCodes<const T extends CodeRegistry>(codes: T): T {
  return codes;
}

/**
 * Every area's registry, by area: each registry file adds itself by declaration merging, so common/
 * imports no area and {@link RegisteredCode} is still the union of all codes:
 *
 *   declare module '../common/error-codes.js' { interface FeatcCodeRegistry { deploy: typeof deployCodes } }
 *
 * The compiler's diagnostics catalogue registers itself the same way.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface FeatcCodeRegistry {}

/** Every registered code: what `new FeatcError(code, …)` accepts. */
export type RegisteredCode = { [A in keyof FeatcCodeRegistry]: keyof FeatcCodeRegistry[A] & FeatcCode }[keyof FeatcCodeRegistry];

/** The exit code of a kind (STYLE.md): 1 for the user's errors, 2 for infrastructure and featc's own. */
export function exitCodeOf(kind: ErrorKind): 1 | 2 {
  return kind === 'user' ? 1 : 2;
}
