import { FeatcError } from '../../common/errors.js';
import { k8sCodes, type K8sCode } from './codes.js';

/** A `featc k8s` error a person can act on: code, what is wrong, what to do. Always a user error (exit 1); without a hint, the registry's (k8s/codes.ts). */
export class K8sError extends FeatcError {
  declare readonly code: K8sCode;
  declare readonly hint: string;

  constructor(code: K8sCode, message: string, hint?: string) {
    super(code, message, { hint: hint ?? k8sCodes[code].hint, kind: 'user' });
    this.name = 'K8sError';
  }
}
