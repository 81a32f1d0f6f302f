import { GRAPH_SCHEMA_VERSION } from '../../contracts/index.js';
import { IR_VERSION } from '../../compiler/index.js';

/** A job-graph.json content that follows the contract, with these Redis outputs and nothing else. */
export function graphWithOutputs(outputs: readonly unknown[], job = 'test_job'): Record<string, unknown> {
  return {
    schemaVersion: GRAPH_SCHEMA_VERSION, irVersion: IR_VERSION, job, sqlHash: 'sha256:0',
    settings: { parallelism: 1, checkpointIntervalMs: 10_000, stateTtlMs: null, timeZone: 'UTC' },
    sources: [], operators: [], sinks: [], outputs, steps: [],
  };
}
