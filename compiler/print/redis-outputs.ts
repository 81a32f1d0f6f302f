import type { IrView } from '../ir/index.js';
import type { RedisOutputSpec } from '../../contracts/index.js';
import { featureValueType } from './feature-types.js';

/** The Redis outputs of one lowered view: what the sink writes and the feature client reads. */
export function redisOutputSpecs(view: IrView): RedisOutputSpec[] {
  return view.outputs.flatMap((output): RedisOutputSpec[] => {
    if (output.kind !== 'redis') return [];
    return [{
      kind: 'redis', view: view.name, topic: output.topic, entityKey: [...view.entity],
      features: view.features.map((f) => ({
        name: f.name,
        type: featureValueType(f.type),
        ttlSeconds: Math.ceil((f.online.ttlMs ?? output.ttlMs) / 1000),
        ...(f.online.default === null ? {} : { default: f.online.default }),
      })),
    }];
  });
}
