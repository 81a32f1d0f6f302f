// Jest loads global setup outside its transform; tsx loads the TypeScript implementation.
import { register } from 'tsx/esm/api';

register();
const { default: startStack } = await import('./start-stack.ts');
export default startStack;
