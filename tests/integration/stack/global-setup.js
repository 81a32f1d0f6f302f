// Jest loads global setup outside its transform; tsx loads the TypeScript implementation.
// No top-level await: jest 29 require()s this file, and Node cannot require an ESM graph that has one.
import { register } from 'tsx/esm/api';

register();
export default async function globalSetup(...args) {
  const { default: startStack } = await import('./start-stack.ts');
  return startStack(...args);
}
