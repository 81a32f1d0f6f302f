import { FeatcError } from '../../common/errors.js';
import { localStackCodes, type LocalStackCode } from './codes.js';

/** An error of the local stack a user can act on: a code, what happened, and what to do (default: the registry's, local/codes.ts). */
export class StackError extends FeatcError {
  declare readonly code: LocalStackCode;
  declare readonly hint: string;

  constructor(
    code: LocalStackCode,
    message: string,
    hint?: string,
    /** 1: the user's environment (missing Java, port taken); 2: infrastructure (download or start failed). */
    exitCode: 1 | 2 = 1,
    details: string[] = [],
  ) {
    super(code, message, { hint: hint ?? localStackCodes[code].hint, kind: exitCode === 2 ? 'infra' : 'user', details });
    this.name = 'StackError';
  }
}
