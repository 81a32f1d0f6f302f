import { exitCodeOf } from '../common/error-codes.js';
import { FeatcError } from '../common/errors.js';
import { deployCodes, type DeployCode } from './codes.js';

/**
 * A deploy-layer error a person can act on: code, what is wrong, what to do. Exit 1 for user errors,
 * 2 for the cluster; without a hint or exit code, the registry's (flink-deploy/codes.ts).
 */
export class DeployError extends FeatcError {
  declare readonly code: DeployCode;
  declare readonly hint: string;

  constructor(code: DeployCode, message: string, hint?: string, exitCode: 1 | 2 = exitCodeOf(deployCodes[code].kind), opts: { where?: string; cause?: unknown } = {}) {
    const registered = deployCodes[code].kind;
    super(code, message, { ...opts, hint: hint ?? deployCodes[code].hint, kind: exitCode === 1 ? 'user' : registered === 'user' ? 'infra' : registered });
    this.name = 'DeployError';
  }
}
