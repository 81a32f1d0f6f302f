/**
 * Every `--json` document featc prints, success or failure, on stdout: one object
 * `{ "schemaVersion": 1, "ok": …, … }` (docs/JSON.md lists each verb's fields). A change that removes
 * or retypes a field bumps the version; adding a field does not.
 */
export const JSON_SCHEMA_VERSION = 1;

export function printJson(body: { ok: boolean } & Record<string, unknown>): void {
  console.log(JSON.stringify({ schemaVersion: JSON_SCHEMA_VERSION, ...body }, null, 2));
}

/** The failure document: the error's code, message, hint and where, when it has them. */
export function printJsonError(error: { code: string; message: string; hint?: string | undefined; where?: string | undefined }): void {
  const { code, message, hint, where } = error;
  printJson({ ok: false, error: { code, message, ...(hint ? { hint } : {}), ...(where ? { where } : {}) } });
}
