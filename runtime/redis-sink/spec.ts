import {
  parseContract, parseJobGraph, redisOutputSpecSchema, type FeatureSpec, type FeatureValueType, type JobGraph, type RedisOutputSpec,
} from '../../contracts/index.js';
import { ErrorCodes, FeatcRuntimeError } from './errors.js';

export { redisOutputSpecSchema, type FeatureSpec, type FeatureValueType, type RedisOutputSpec };

/** Validates one output spec (given directly, not in a graph); `where` names its origin for the error. */
export function parseRedisOutputSpec(value: unknown, where: string): RedisOutputSpec {
  return parseContract(redisOutputSpecSchema, value, where, 'redis output');
}

/**
 * The Redis outputs of a job-graph.json's content, parsed with the job-graph contract (another
 * schemaVersion is refused: FEATC_E6006). Every topic must belong to one view: the sink decodes a
 * topic's records with that view's spec.
 */
export function redisOutputsOfJobGraph(jobGraph: unknown, where: string): RedisOutputSpec[] {
  return assertDistinctTopics(parseJobGraph(jobGraph, where).outputs, where);
}

/** The whole parsed graph, for readers that need more than its outputs (views, job name). */
export { parseJobGraph, type JobGraph };

export function assertDistinctTopics(specs: RedisOutputSpec[], where: string): RedisOutputSpec[] {
  const byTopic = new Map<string, string>();
  const byView = new Map<string, string>();
  for (const s of specs) {
    const other = byTopic.get(s.topic);
    if (other !== undefined) {
      throw new FeatcRuntimeError(ErrorCodes.duplicateTopic, `topic "${s.topic}" is the output of two views ("${other}", "${s.view}")`, {
        where, hint: 'give every view with a Redis output its own feature topic', exitCode: 1,
      });
    }
    if (byView.has(s.view)) {
      throw new FeatcRuntimeError(ErrorCodes.duplicateTopic, `view "${s.view}" has two Redis outputs`, { where, exitCode: 1 });
    }
    byTopic.set(s.topic, s.view);
    byView.set(s.view, s.topic);
  }
  return specs;
}
