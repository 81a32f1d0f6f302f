import { FeatcError } from '../common/errors.js';

/** A deploy-layer error a person can act on: code, what is wrong, what to do. Exit 1 for user errors, 2 for the cluster. */
export class DeployError extends FeatcError {
  declare readonly hint: string;

  constructor(code: `FEATC_E7${string}`, message: string, hint: string, exitCode: 1 | 2 = 1, opts: { where?: string; cause?: unknown } = {}) {
    super(code, message, { ...opts, hint, kind: exitCode === 2 ? 'infra' : 'user' });
    this.name = 'DeployError';
  }
}
