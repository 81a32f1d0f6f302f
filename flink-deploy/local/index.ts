export { stackUp, stackDown, stackStatus, stackEnv, logTail, type StackStatus, type ServiceStatus } from './stack.js';
export { stackPaths, defaultStackHome, type StackPaths } from './paths.js';
export { choosesStackOptions, resolveStackOptions, type StackOptions, type StackPorts } from './options.js';
export { StackError } from './errors.js';
export { Progress } from './progress.js';
export { SERVICE_NAMES, type ServiceName } from './processes.js';
export { restartService, startService, stopService, type RestartReport, type StopSignal } from './service-control.js';
