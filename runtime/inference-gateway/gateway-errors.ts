import { FeatcError } from '../../common/errors.js';
import { gatewayCodes, type GatewayCode } from './codes.js';

/**
 * Coded gateway errors. Each carries what is wrong, a hint, and the HTTP status the gateway answers
 * with, so a person reading a Flink task log or the gateway's stderr can act on it. What each code
 * means: runtime/inference-gateway/codes.ts.
 */
export const GatewayErrorCode = {
  configInvalid: 'FEATC_E5001',
  configUnreadable: 'FEATC_E5002',
  requestInvalid: 'FEATC_E5010',
  noRoute: 'FEATC_E5011',
  streamingUnsupported: 'FEATC_E5012',
  budgetRequests: 'FEATC_E5020',
  budgetTokens: 'FEATC_E5021',
  upstreamFailed: 'FEATC_E5030',
  upstreamTimeout: 'FEATC_E5031',
  circuitOpen: 'FEATC_E5032',
  cacheUnavailable: 'FEATC_E5040',
  shuttingDown: 'FEATC_E5050',
  internal: 'FEATC_E5090',
} as const satisfies Record<string, GatewayCode>;
export type GatewayErrorCodeValue = (typeof GatewayErrorCode)[keyof typeof GatewayErrorCode];

export class GatewayError extends FeatcError {
  declare readonly code: GatewayErrorCodeValue;
  declare readonly hint: string;

  constructor(
    code: GatewayErrorCodeValue,
    message: string,
    /** Default: the registry's hint. */
    hint?: string,
    readonly status = 500,
    readonly headers: Record<string, string> = {},
  ) {
    // The registry's kind: what the user can fix in config or request is theirs (exit 1), the rest infrastructure or featc's own.
    super(code, message, { hint: hint ?? gatewayCodes[code].hint, kind: gatewayCodes[code].kind });
    this.name = 'GatewayError';
  }

  /** OpenAI-style error body; `type` mirrors what OpenAI uses for the same class of failure. */
  toBody(): unknown {
    const type = this.status === 429 ? 'rate_limit_exceeded' : this.status < 500 ? 'invalid_request_error' : 'api_error';
    return { error: { message: `${this.code} ${this.message} (hint: ${this.hint})`, type, param: null, code: this.code } };
  }
}

/** An upstream answered with a non-2xx status that is passed through to the caller unchanged. */
export class UpstreamHttpError extends Error {
  constructor(
    readonly upstream: string,
    readonly status: number,
    readonly body: string,
    readonly retryAfter: string | undefined,
  ) {
    super(`upstream ${upstream} answered HTTP ${status}`);
    this.name = 'UpstreamHttpError';
  }
}
