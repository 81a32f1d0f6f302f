import type { AnyFeatureView } from '../../dsl/index.js';
import { redisOutputsOfView } from '../../compiler/view-outputs.js';
import { ErrorCodes, FeatcRuntimeError } from '../redis-sink/errors.js';
import type { ViewInput, ViewSpecInput } from './types.js';

function isFeatureView(input: ViewInput): input is AnyFeatureView {
  return (input as { kind?: unknown }).kind === 'featureView';
}

/**
 * The runtime spec of each view the client serves. A DSL view is lowered by the compiler into the
 * same Redis output spec job-graph.json lists (entity key, value types, TTLs, defaults), so the
 * client and the sink agree on the key layout; specs are taken as they are.
 */
export function viewSpecsOf(inputs: readonly ViewInput[]): ViewSpecInput[] {
  return inputs.map((input) => {
    if (!isFeatureView(input)) return input;
    const [spec] = redisOutputsOfView(input);
    if (!spec) {
      throw new FeatcRuntimeError(ErrorCodes.noRedisOutput, `view "${input.name}" has no Redis output, so nothing serves it from Redis`, {
        where: `view ${input.name} › outputs`, hint: 'add redis({ ttl: minutes(30) }) to the view\'s outputs, or do not pass it to the client', exitCode: 1,
      });
    }
    return spec;
  });
}
