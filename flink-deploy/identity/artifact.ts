import { gunzipSync, gzipSync } from 'node:zlib';
import type { CompiledJob } from '../../compiler/index.js';
import { exprText } from '../plan/describe.js';
import { ARTIFACT_VERSION, deployedArtifactSchema, type DeployedArtifact, type OperatorFingerprint } from '../../contracts/index.js';

export type { DeployedArtifact, OperatorFingerprint };

export const PARAM_JOB = 'featc.job';
export const PARAM_HASH = 'featc.hash';
export const PARAM_ARTIFACT = 'featc.artifact';

/** The record of `job` as `project` deploys it (null: no project set). */
export function artifactOf(job: CompiledJob, project: string | null = null): DeployedArtifact {
  return {
    v: ARTIFACT_VERSION,
    job: job.name,
    project,
    hash: job.hash,
    statements: [...job.statements],
    graph: job.graph,
    operators: job.plan.aggregates.map(({ operator: op }) => ({
      id: op.id, view: op.view, kind: op.kind, window: op.window, key: [...op.key], sources: [...op.sources],
      aggregates: op.aggregates.map((a) => ({ name: a.name, aggregation: a.aggregation })), derived: op.derived.map((d) => d.name),
    })),
    steps: job.plan.steps.map(({ step: st }) => ({
      name: st.name, source: st.source, where: st.where ? exprText(st.where) : null, fields: st.fields.map((f) => f.name), model: st.model.name, task: st.model.task,
    })),
  };
}

export function encodeArtifact(a: DeployedArtifact): string {
  return gzipSync(Buffer.from(JSON.stringify(a))).toString('base64url');
}

/** The record of a job featc submitted, or undefined when it is not one this version reads. */
export function decodeArtifact(text: string): DeployedArtifact | undefined {
  try {
    const parsed = deployedArtifactSchema.safeParse(JSON.parse(gunzipSync(Buffer.from(text, 'base64url')).toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The `pipeline.global-job-parameters` map value: `k:"v",…` (values quoted: hashes contain ':'). */
export function identityParameters(artifact: DeployedArtifact): string {
  const params: [string, string][] = [[PARAM_JOB, artifact.job], [PARAM_HASH, artifact.hash], [PARAM_ARTIFACT, encodeArtifact(artifact)]];
  return params.map(([k, v]) => `${k}:"${v}"`).join(',');
}
