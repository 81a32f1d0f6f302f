export { SqlGatewayClient, type StatementResult } from './sql-gateway.js';
export { JobManagerClient, type JobOverview, type JobDetails, type JobState, type CheckpointStats } from './jobmanager.js';
export { FlinkRestError, rootCause, callJson } from './http.js';
