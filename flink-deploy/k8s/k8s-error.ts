import { FeatcError } from '../../common/errors.js';

/** A `featc k8s` error a person can act on: code, what is wrong, what to do. Always a user error (exit 1). */
export class K8sError extends FeatcError {
  declare readonly hint: string;

  constructor(code: `FEATC_E72${string}`, message: string, hint: string) {
    super(code, message, { hint, kind: 'user' });
    this.name = 'K8sError';
  }
}
