/** `featc/compiler`: what `featc compile`, `explain` and `compile --check` run, as functions. */
export {
  compileDefinitions, compileLoaded, compileJob, tryCompileJob, writeCompiled, checkCompiled, explainJob,
  formatDiagnostics, DiagnosticsError, GRAPH_SCHEMA_VERSION, IR_VERSION,
  type CompiledDefinitions, type CompiledJob, type Diagnostic, type DiagnosticCode, type JobGraph, type RedisOutputSpec, type StaleFile,
} from '../compiler/index.js';
export { loadProjectConfig, type ProjectConfig } from '../config/load-config.js';
