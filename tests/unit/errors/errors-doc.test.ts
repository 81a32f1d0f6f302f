import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERRORS_DOC, renderErrorsDoc, ROOT } from '../../../scripts/errors-doc.js';

describe('docs/ERRORS.md', () => {
  it('is what scripts/errors-doc.ts generates from the registries', () => {
    const committed = readFileSync(join(ROOT, ERRORS_DOC), 'utf8');
    const generated = renderErrorsDoc();
    if (committed !== generated) {
      throw new Error(`${ERRORS_DOC} is out of date with the error-code registries: run \`npm run docs:errors\` and commit the result`);
    }
  });

  it('shows every diagnostic with its parameters as placeholders', () => {
    const doc = renderErrorsDoc();
    expect(doc).toContain('### FEATC_E2104');
    expect(doc).toContain('`window size must be a positive duration, got ‹got›`');
    expect(doc).not.toMatch(/‹arg\d+›/);
  });
});
