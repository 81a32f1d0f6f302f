/** featc's deploy layer: plan (diff against what runs), deploy (savepoint upgrades, rollback), status, stop, destroy. */
export { resolveTarget, targetOf, type Target, type TargetOptions } from './target.js';
export { resolveEnvironment, type Environment, type EnvironmentFlags, type EnvironmentOptions, type EndpointLayer, type Resolved } from './environment.js';
export { DeployError } from './deploy-error.js';
export { plan, planJobs, formatPlan, planExitCode, type Plan, type PlanWithContext, type JobPlan, type PlanAction } from './plan/plan.js';
export { compatibility, type Compatibility } from './plan/compatibility.js';
export { deploy, deployJobs, applyPlan, type DeployOptions, type DeployReport, type JobDeployReport } from './apply/deploy.js';
export { parseSavepointRestore, type SavepointRestore } from './apply/from-savepoint.js';
export { stop, destroy } from './apply/lifecycle.js';
export { status, formatStatus, type JobStatus } from './status/status.js';
export { findDeployedJobs, findDeployedJob, type DeployedJob } from './identity/deployed.js';
export { deployedRedisOutputs } from './identity/deployed-outputs.js';
export { artifactOf, type DeployedArtifact } from './identity/artifact.js';
