import type { CompiledJob } from '../../compiler/index.js';
import { envNames, fillPlaceholders } from '../../contracts/index.js';
import { K8sError } from './k8s-error.js';

/**
 * The SQL script the JobManager runs (Flink's SqlDriver, `--scriptUri`): the compiled statements in
 * order, `;`-terminated, with `${featc:…}` placeholders filled from the flags. `${env:NAME}` stays:
 * secrets are filled in inside the pod (see RENDER_SQL_SCRIPT), never written to a manifest.
 */
export function jobScript(job: CompiledJob, values: { kafkaBootstrap: string; checkpointDir: string }): string {
  const featc: Record<string, string> = { 'kafka.bootstrap': values.kafkaBootstrap, 'checkpoint.dir': values.checkpointDir };
  const resolved = job.statements.map((s) => fillPlaceholders(s, {
    featc,
    unknown: (whole) => {
      throw new K8sError('FEATC_E7204', `job ${job.name} uses ${whole}, which featc k8s does not know`, 'upgrade featc, or recompile with this version');
    },
  }));
  return `${resolved.join(';\n\n')};\n`;
}

/** The `${env:NAME}` names a job needs at run time, sorted. */
export function jobSecretNames(job: CompiledJob): string[] {
  return envNames(job.statements);
}

/** The parallelism the DSL gave the job, as its graph records it. */
export function jobParallelism(job: CompiledJob): number {
  return job.graph.settings.parallelism;
}

/**
 * Run by the JobManager pod's init container (`sh -c SCRIPT render-sql <in> <out>`, POSIX sh and
 * awk, both in the Flink image): copies the script, replacing each `${env:NAME}` with the value of
 * NAME (from the Secret) with single quotes doubled, as `featc deploy` does. A NAME that is not set
 * stops the pod with a message naming it. Values are never re-scanned, so a secret containing
 * `${env:…}` stays literal.
 */
export const RENDER_SQL_SCRIPT = `set -eu
awk '
{
  line = $0; out = ""
  while (match(line, /[$][{]env:[A-Za-z_][A-Za-z0-9_]*[}]/)) {
    name = substr(line, RSTART + 6, RLENGTH - 7)
    if (!(name in ENVIRON)) { printf "featc: the job needs %s, which is not in the Secret\\n", name > "/dev/stderr"; exit 1 }
    value = ENVIRON[name]
    gsub(/\\047/, "\\047\\047", value)
    out = out substr(line, 1, RSTART - 1) value
    line = substr(line, RSTART + RLENGTH)
  }
  print out line
}' "$1" > "$2"
`;
