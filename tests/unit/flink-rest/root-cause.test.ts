import { rootCause } from '../../../flink-deploy/rest/http.js';

describe("Flink's REST errors trimmed to the cause", () => {
  it('takes the innermost Caused by of a gateway error', () => {
    const body = JSON.stringify({
      errors: [
        'org.apache.flink.runtime.rest.handler.RestHandlerException: Failed to fetchResults.\n\tat org.apache.flink...\n' +
          'Caused by: org.apache.flink.table.api.SqlParserException: SQL parse failed.\n\tat ...\n' +
          "Caused by: org.apache.flink.sql.parser.impl.ParseException: Encountered \"FORM\" at line 1, column 10.\n\tat ...",
      ],
    });
    expect(rootCause(body)).toBe('Encountered "FORM" at line 1, column 10.');
  });

  it('falls back to the first line of a plain error', () => {
    expect(rootCause(JSON.stringify({ errors: ['Job not found.'] }))).toBe('Job not found.');
    expect(rootCause('Bad Gateway')).toBe('Bad Gateway');
  });

  it('gives the title of an HTML error page, says when the body is empty, never returns nothing', () => {
    expect(rootCause('<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head><body>…</body></html>')).toBe('HTML page "503 Service Unavailable"');
    expect(rootCause('<html><body><h1>Bad   Gateway</h1><p>upstream</p></body></html>')).toBe('HTML page "Bad Gateway"');
    expect(rootCause('')).toBe('(empty body)');
    expect(rootCause(JSON.stringify({ errors: [] }))).toBe('(no message)');
  });
});
