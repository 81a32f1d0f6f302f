import { defineCodes } from '../common/error-codes.js';

/**
 * FEATC_E71xx: deploying, planning and running jobs, thrown as DeployErrors (deploy-error.ts). E710x
 * the target, E711x secrets and placeholders, E712x submitting statements, E713x savepoints on stop,
 * E714x state resets and --from-savepoint, E715x the new version coming up, E716x jobs on the cluster
 * and their topics, E717x interrupted deploys.
 */
export const deployCodes = defineCodes({
  FEATC_E7100: { kind: 'internal', summary: 'a deploy step failed with an unexpected error (one without a code)', hint: 'an unexpected error, likely a featc bug: report it with the command you ran' },
  FEATC_E7102: { kind: 'user', summary: 'the target names Flink but not Kafka', hint: 'pass --kafka <bootstrap>, set FEATC_KAFKA_BOOTSTRAP, or add kafkaBootstrap to the target in featc.config.ts' },
  FEATC_E7103: { kind: 'user', summary: 'only one of Flink and its SQL Gateway is named (by flags, the config target or FEATC_* variables): both must come from the same place', hint: 'pass both, e.g. --flink http://jm:8081 --gateway http://gw:8083 (or set both in the target, or both FEATC_FLINK_URL and FEATC_SQL_GATEWAY_URL)' },
  FEATC_E7104: { kind: 'infra', summary: 'no target given and the local stack is not running', hint: 'start it with `featc local up`, or pass --flink/--gateway/--kafka (or featc.config.json, or FEATC_FLINK_URL/FEATC_SQL_GATEWAY_URL/FEATC_KAFKA_BOOTSTRAP)' },
  FEATC_E7105: { kind: 'user', summary: 'a REST timeout is not a positive number of milliseconds', hint: 'e.g. --rest-timeout 60000 (the default is 30000)' },
  FEATC_E7110: { kind: 'user', summary: 'a job needs environment variables (its env() secrets) that are not set', hint: 'export them before featc deploy; secrets are read at deploy time only' },
  FEATC_E7111: { kind: 'user', summary: 'a job uses a ${featc:…} placeholder the target does not define', hint: 'set the setting in featc.config (e.g. "checkpointDir"), or upgrade featc / recompile with this version' },
  FEATC_E7120: { kind: 'infra', summary: 'the compiled job has no statements, or its statements did not start a job', hint: 'recompile the job; the last statement must be EXECUTE STATEMENT SET' },
  FEATC_E7121: { kind: 'user', summary: 'Flink rejected a statement of the job while it was deployed', hint: 'fix the definition (or report a compiler bug with the statement id)' },
  FEATC_E7130: { kind: 'infra', summary: 'the job cannot be stopped with a savepoint', hint: 'no savepoint directory? set "savepointDir" in featc.config.json or execution.checkpointing.savepoint-dir on the cluster' },
  FEATC_E7131: { kind: 'infra', summary: 'the savepoint of the job failed, or reported no location', hint: 'the job keeps running unchanged; check its checkpoints with `featc status` and the JobManager log' },
  FEATC_E7132: { kind: 'infra', summary: 'the savepoint of the job did not complete in time', hint: 'large state or a stuck checkpoint; the job may still be running: check `featc status`' },
  FEATC_E7140: { kind: 'user', summary: 'the change needs a state reset, which was not allowed; nothing was changed', hint: 'deploy with --allow-state-reset to start these jobs with empty state, refilled from Kafka; or make a compatible change' },
  FEATC_E7141: { kind: 'user', summary: '--from-savepoint is not <job>=<savepoint path>, or names a job twice', hint: 'e.g. --from-savepoint engagement=file:///tmp/featc-savepoints/savepoint-1a2b3c-4d5e6f7a8b9c (the path `featc stop --savepoint` printed), one per job' },
  FEATC_E7142: { kind: 'user', summary: '--from-savepoint names a job the definitions do not contain; nothing was changed', hint: 'name one of the jobs in these definitions' },
  FEATC_E7143: { kind: 'user', summary: '--from-savepoint names a job that is running; nothing was changed', hint: 'a running job is upgraded through its own savepoint; to restart it from an older one, `featc stop <job>` first' },
  FEATC_E7150: { kind: 'user', summary: 'the new version of the job did not come up (not RUNNING, or no first checkpoint)', hint: 'fix the definition and deploy again' },
  FEATC_E7160: { kind: 'user', summary: 'no running job of that name on the target', hint: 'see the running jobs with `featc status`' },
  FEATC_E7161: { kind: 'user', summary: 'no featc job of that name on the target, neither running nor remembered by the JobManager', hint: 'list the featc jobs with `featc status`; the JobManager forgets ended jobs after jobstore.expiration-time (default 1 h)' },
  FEATC_E7162: { kind: 'user', summary: 'source topics are missing on Kafka; nothing was changed', hint: 'create them with the partitions your producers need, or deploy with --create-source-topics [--topic-partitions <n>]' },
  FEATC_E7163: { kind: 'user', summary: '--topic-partitions is not a whole number of at least 1', hint: 'e.g. --topic-partitions 6' },
  FEATC_E7164: { kind: 'user', summary: 'a job of that name on the target belongs to another project: featc does not touch another project\'s jobs', hint: 'rename the job in your definitions, or run from the owning project (its featc.config project, or --project <name>)' },
  FEATC_E7165: { kind: 'infra', summary: 'Kafka refused to create topics the job writes; nothing was submitted', hint: 'the broker answered per topic: a topic whose name differs only in . and _ exists (they collide), the principal may not create topics, or a creation policy refused it; rename the topic or create it yourself' },
  FEATC_E7170: { kind: 'infra', summary: 'the deploy was interrupted (SIGINT/SIGTERM): the job may be half-deployed (exit 130)', hint: 'see what runs with `featc status <job>` and `featc plan`, then deploy again' },
});

export type DeployCode = keyof typeof deployCodes;

declare module '../common/error-codes.js' {
  interface FeatcCodeRegistry { deploy: typeof deployCodes }
}
