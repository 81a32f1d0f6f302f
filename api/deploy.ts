/** `featc/deploy`: what `featc plan`, `deploy`, `status`, `stop` and `destroy` run, as functions. */
export {
  resolveTarget, resolveEnvironment, plan, formatPlan, applyPlan, deploy, status, formatStatus, stop, destroy, DeployError,
  type Target, type TargetOptions, type Environment, type EnvironmentOptions, type EndpointLayer, type Resolved, type Plan, type JobPlan, type PlanAction, type DeployOptions, type DeployReport, type JobDeployReport, type JobStatus,
} from '../flink-deploy/index.js';
