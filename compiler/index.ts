/** featc's compiler: definitions → validated IR → physical plan (fused operators, named relations and sinks) → Flink SQL, job graph, Mermaid. */
export { compileJob, tryCompileJob, compileIr, compiledFiles, lowerValidJob, statementsFor, type CompiledJob } from './compile.js';
export { renameIr, type RenameIrOptions } from './passes/rename-topics.js';
export type { PrintOptions } from './print/sql/job-sql.js';
export { compileDefinitions, compileLoaded, type CompiledDefinitions } from './compile-definitions.js';
export { loadDefinitions, jobsOfModule, displayPath, type LoadedDefinitions, type LoadedFile } from './load.js';
export { formatDiagnostics, DiagnosticsError, type Diagnostic, type DiagnosticCode, catalogue } from './diagnostics/index.js';
export type { JobGraph, RedisOutputSpec, StateEntry } from './print/graph.js';
export type { FeatureValueType } from './print/feature-types.js';
export { GRAPH_SCHEMA_VERSION } from './print/graph.js';
export { graphTopics, type GraphTopics } from './print/graph-topics.js';
export { defaultDeadLetterTopic, defaultFeatureTopic } from './passes/physical-names.js';
export { LATE_REASON } from './print/sql/source-ddl.js';
export { IR_VERSION, type IrJob } from './ir/index.js';
export type { FusedOperator } from './passes/fuse.js';
export type { AggregateNode, InferenceNode, KafkaSinkNode, PhysicalPlan, SourceNode } from './passes/physical-plan.js';
export { writeCompiled, checkCompiled, type StaleFile } from './output-files.js';
export { explainJob } from './explain.js';
export { redisOutputsOfView } from './view-outputs.js';
