import { FeatcError } from '../../common/errors.js';

/** An error of the local stack a user can act on: a code, what happened, and what to do. */
export class StackError extends FeatcError {
  declare readonly hint: string;

  constructor(
    code: string,
    message: string,
    hint: string,
    /** 1: the user's environment (missing Java, port taken); 2: infrastructure (download or start failed). */
    exitCode: 1 | 2 = 1,
    details: string[] = [],
  ) {
    super(code as `FEATC_${string}`, message, { hint, kind: exitCode === 2 ? 'infra' : 'user', details });
    this.name = 'StackError';
  }
}
