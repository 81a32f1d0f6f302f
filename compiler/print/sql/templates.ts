import Handlebars from 'handlebars';

/**
 * File-level scaffolding only. Every value passed in is already printed and quoted by the
 * printer; templates never build identifiers or expressions.
 */
const hb = Handlebars.create();
const compile = <T>(source: string): ((context: T) => string) => hb.compile<T>(source, { strict: true, noEscape: true });

export const createTable = compile<{ table: string; columns: string[]; options: string[] }>(
  'CREATE TEMPORARY TABLE {{table}} (\n' +
  '{{#each columns}}  {{this}}{{#unless @last}},{{/unless}}\n{{/each}}' +
  ') WITH (\n' +
  '{{#each options}}  {{this}}{{#unless @last}},{{/unless}}\n{{/each}}' +
  ')',
);

export const createView = compile<{ view: string; query: string }>('CREATE TEMPORARY VIEW {{view}} AS\n{{query}}');

export const statementSet = compile<{ inserts: string[] }>(
  'EXECUTE STATEMENT SET\nBEGIN\n{{#each inserts}}{{this}};\n{{/each}}END',
);

export const jobFile = compile<{ header: string[]; statements: string[] }>(
  '{{#each header}}-- {{this}}\n{{/each}}' +
  '{{#each statements}}\n{{this}};\n{{/each}}',
);
