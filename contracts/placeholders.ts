/**
 * The deploy-time placeholders of job.sql, the one place that spells them. The compiler prints
 * them; whoever submits the SQL fills them: `featc deploy` (flink-deploy/apply/resolve.ts), `featc k8s`
 * (the `${featc:…}` ones in the manifest, the `${env:…}` ones inside the pod: job-script.ts's awk
 * program is the one copy that cannot import this), `featc test`, the golden planner check and the
 * benchmarks.
 *
 * - `${featc:<key>}`: a value of the deploy target (`kafka.bootstrap`, `checkpoint.dir`).
 * - `${env:<NAME>}`: a secret, read from the environment at deploy time; never in a file.
 */
export type FeatcKey = 'kafka.bootstrap' | 'checkpoint.dir';

export function featcPlaceholder(key: FeatcKey): string {
  return `\${featc:${key}}`;
}

export function envPlaceholder(name: string): string {
  return `\${env:${name}}`;
}

export const KAFKA_BOOTSTRAP = featcPlaceholder('kafka.bootstrap');

const ENV = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g;
const FEATC = /\$\{featc:([a-z.]+)\}/g;
/** Text that would be taken for a placeholder: kept out of names and strings (FEATC_E1107). */
export const LOOKS_LIKE_PLACEHOLDER = /\$\{(?:env|featc):/;

/** The `${env:NAME}` names the statements need, sorted. */
export function envNames(statements: readonly string[]): string[] {
  return [...new Set(statements.flatMap((s) => [...s.matchAll(ENV)].map((m) => m[1] ?? '')))].sort();
}

/** A value as the content of a SQL string literal (every placeholder sits inside one). */
const sqlStringContent = (value: string): string => value.replaceAll("'", "''");

/**
 * Fills placeholders: each `${env:NAME}` with `env(NAME)` (left as is when `env` is not given) and
 * each `${featc:key}` with `featc[key]`; `unknown` is called for a featc key without a value and
 * must throw (the caller's coded error).
 */
export function fillPlaceholders(statement: string, values: {
  env?: (name: string) => string;
  featc: Partial<Record<string, string>>;
  unknown: (placeholder: string, key: string) => never;
}): string {
  const withEnv = values.env ? statement.replace(ENV, (_, name: string) => sqlStringContent((values.env as (n: string) => string)(name))) : statement;
  return withEnv.replace(FEATC, (whole, key: string) => {
    const value = values.featc[key];
    return value === undefined ? values.unknown(whole, key) : sqlStringContent(value);
  });
}
