import { defineCodes } from '../../common/error-codes.js';

/** FEATC_E700x–E701x: calls to Flink's REST APIs (JobManager, SQL Gateway), thrown as FlinkRestErrors (http.ts). */
export const flinkRestCodes = defineCodes({
  FEATC_E7001: { kind: 'infra', summary: 'cannot reach Flink (the JobManager REST API or the SQL Gateway)', hint: 'is the cluster running? check `featc local status` (start it with `featc local up`), or pass --flink/--gateway with the right URL' },
  FEATC_E7002: { kind: 'infra', summary: 'a Flink REST call failed with an HTTP error status', hint: 'see the Flink logs (`featc local logs` for the local stack) and retry; on 404 or an HTML page check that --flink/--gateway is the URL of that Flink service' },
  FEATC_E7003: { kind: 'infra', summary: 'Flink did not answer within the REST timeout', hint: 'the cluster is overloaded or hung: check `featc local status` or its log; if it is only slow, raise the limit with --rest-timeout <ms> (or FEATC_REST_TIMEOUT_MS)' },
  FEATC_E7004: { kind: 'infra', summary: 'a SQL statement did not finish within its timeout', hint: 'the cluster may lack free slots; see `featc status`' },
  FEATC_E7005: { kind: 'infra', summary: 'Flink answered with a body that is not JSON, or without a field featc relies on', hint: 'featc talks to Flink 2.2 (REST v1, SQL Gateway v3): check that --flink/--gateway point at that version of Flink, not a proxy or another server' },
  FEATC_E7006: { kind: 'infra', summary: 'a job did not reach the awaited state in time', hint: 'the JobManager is slow or the job is stuck: check `featc status` and the JobManager log; `featc destroy <job>` cancels it' },
  FEATC_E7010: { kind: 'infra', summary: 'Flink rejected a SQL statement', hint: 'fix the definition (or report a compiler bug with the statement id)' },
});

export type FlinkRestCode = keyof typeof flinkRestCodes;

declare module '../../common/error-codes.js' {
  interface FeatcCodeRegistry { flinkRest: typeof flinkRestCodes }
}
