import { z } from 'zod';
import type { IrAggregation } from '../compiler/ir/index.js';
import { jobGraphSchema, windowSchema } from './job-graph.js';

/**
 * What featc records on the cluster with every job it submits, so plan and rollback need no local
 * state: the statements (placeholders unresolved, so no secrets), the graph and each operator's
 * state fingerprint. It travels gzipped in `pipeline.global-job-parameters`, which the JobManager
 * serves back at `GET /jobs/{id}/config`. A record of another version decodes to nothing (plan then
 * treats the job's state as not known to be compatible).
 */
export const ARTIFACT_VERSION = 1;

/** An aggregation as the compiler's IR spells it; compared as JSON, printed by plan. */
const aggregationSchema = z.custom<IrAggregation>((v) => typeof v === 'object' && v !== null && typeof (v as { kind?: unknown }).kind === 'string', 'an aggregation');

/** Everything an operator's state depends on: its window, key, inputs and accumulators. */
export const operatorFingerprintSchema = z.object({
  id: z.string().min(1),
  view: z.string().min(1),
  kind: z.string(),
  window: windowSchema,
  key: z.array(z.string()),
  sources: z.array(z.string()),
  aggregates: z.array(z.object({ name: z.string(), aggregation: aggregationSchema })),
  derived: z.array(z.string()),
});

/** What decides whether an inference step's operators (and so its state) survive an upgrade. */
export const stepFingerprintSchema = z.object({
  name: z.string().min(1),
  source: z.string(),
  /** The step's input filter as plan prints it; null without one. */
  where: z.string().nullable(),
  fields: z.array(z.string()),
  model: z.string(),
  task: z.string(),
});

export const deployedArtifactSchema = z.object({
  v: z.literal(ARTIFACT_VERSION),
  job: z.string().min(1),
  /** The project that deployed the job (featc.config `project` or --project); null: none was set. Records written before projects existed have none. */
  project: z.string().nullable().default(null),
  hash: z.string().min(1),
  statements: z.array(z.string()),
  graph: jobGraphSchema,
  operators: z.array(operatorFingerprintSchema),
  /** Records written before steps were fingerprinted have none. */
  steps: z.array(stepFingerprintSchema).default([]),
});

export type DeployedArtifact = z.infer<typeof deployedArtifactSchema>;
export type OperatorFingerprint = z.infer<typeof operatorFingerprintSchema>;
export type StepFingerprint = z.infer<typeof stepFingerprintSchema>;
