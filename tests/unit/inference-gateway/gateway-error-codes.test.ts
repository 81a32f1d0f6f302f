import { gatewayCodes } from '../../../runtime/inference-gateway/codes.js';
import { GatewayError, GatewayErrorCode } from '../../../runtime/inference-gateway/gateway-errors.js';

// A GatewayError's kind and default hint come from the gateway's registry (runtime/inference-gateway/codes.ts).
describe('gateway error codes', () => {
  it('the catch-all for a failure of the gateway itself is FEATC_E5090, featc\'s own bug, not an upstream failure', () => {
    const err = new GatewayError(GatewayErrorCode.internal, 'internal gateway error: boom', undefined, 500);
    expect([err.code, err.kind, err.exitCode, err.hint]).toEqual(['FEATC_E5090', 'internal', 2, gatewayCodes.FEATC_E5090.hint]);
    expect(err.toBody()).toEqual({ error: { message: `FEATC_E5090 internal gateway error: boom (hint: ${gatewayCodes.FEATC_E5090.hint})`, type: 'api_error', param: null, code: 'FEATC_E5090' } });
  });

  it('config and request errors are the user\'s, the rest infrastructure; a given hint wins', () => {
    expect(new GatewayError(GatewayErrorCode.requestInvalid, 'bad', 'fix the body', 400)).toMatchObject({ kind: 'user', hint: 'fix the body' });
    expect(new GatewayError(GatewayErrorCode.upstreamFailed, 'down', undefined, 502)).toMatchObject({ kind: 'infra', hint: gatewayCodes.FEATC_E5030.hint });
  });
});
