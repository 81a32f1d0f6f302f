import type { OutputDef } from '../../dsl/index.js';
import { at, type DiagnosticBag } from '../diagnostics/index.js';
import { IrOutputNode, type IrOutput } from '../ir/index.js';
import { lowerDuration } from './duration.js';
import { checkTopic } from './names.js';
import { defaultFeatureTopic } from '../passes/physical-names.js';


export function lowerOutputs(view: string, outputs: readonly OutputDef[] | undefined, bag: DiagnosticBag): IrOutput[] {
  if (!outputs || outputs.length === 0) {
    bag.report('FEATC_E2401', at(view, 'outputs'), view);
    return [];
  }
  const lowered: IrOutput[] = [];
  outputs.forEach((output, index) => {
    const path = `${at(view, 'outputs')}[${index}]`;
    switch (output?.kind) {
      case 'kafka':
        if (checkTopic(output.topic, bag, at(path, 'topic'))) lowered.push(IrOutputNode.kafka(output.topic));
        return;
      case 'redis': {
        const topic = output.topic ?? defaultFeatureTopic(view);
        let ttlMs = lowerDuration(output.ttl, bag, at(path, 'ttl'), 'redis ttl');
        if (ttlMs === 0) {
          bag.report('FEATC_E2112', at(path, 'ttl'), '0s');
          ttlMs = null;
        }
        if (checkTopic(topic, bag, at(path, 'topic')) && ttlMs !== null) lowered.push(IrOutputNode.redis(topic, ttlMs));
        return;
      }
      default:
        bag.report('FEATC_E2405', path, JSON.stringify(output) ?? String(output));
    }
  });
  return lowered;
}
