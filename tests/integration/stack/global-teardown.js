import { register } from 'tsx/esm/api';

register();
const { default: stopStack } = await import('./stop-stack.ts');
export default stopStack;
