import { defineCodes } from '../../common/error-codes.js';
import type { catalogue } from './catalogue.js';

/**
 * The compiler's codes besides its diagnostics: every diagnostic (E1xxx, E2xxx) is in the catalogue
 * (catalogue.ts), which renders its message from the offending values.
 */
export const compilerCodes = defineCodes({
  FEATC_E1000: { kind: 'internal', summary: 'a definition was rejected without a diagnostic saying why', hint: 'a featc bug: report it with the definition (FEATC_DEBUG=1 shows where it was rejected)' },
});

export type CompilerCode = keyof typeof compilerCodes;

declare module '../../common/error-codes.js' {
  interface FeatcCodeRegistry { compiler: typeof compilerCodes; diagnostics: typeof catalogue }
}
