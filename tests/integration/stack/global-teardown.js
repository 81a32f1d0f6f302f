// No top-level await: jest 29 require()s this file (see global-setup.js).
import { register } from 'tsx/esm/api';

register();
export default async function globalTeardown(...args) {
  const { default: stopStack } = await import('./stop-stack.ts');
  return stopStack(...args);
}
