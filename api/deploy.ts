/** `featc/deploy`: what `featc plan`, `deploy`, `status`, `stop` and `destroy` run, as functions. */
export {
  resolveTarget, plan, formatPlan, applyPlan, deploy, status, formatStatus, stop, destroy, DeployError,
  type Target, type TargetOptions, type Plan, type JobPlan, type PlanAction, type DeployOptions, type DeployReport, type JobDeployReport, type JobStatus,
} from '../flink-deploy/index.js';
