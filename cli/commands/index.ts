import type { Command } from 'commander';
import { registerLocal } from './local.js';
import { registerCompile } from './compile.js';
import { registerInit } from './init.js';
import { registerExplain } from './explain.js';
import { registerSink } from './sink.js';
import { registerGet } from './get.js';
import { registerGateway } from './gateway.js';
import { registerModelServer } from './model-server.js';
import { registerDeployment } from './deploy.js';
import { registerTest } from './test.js';
import { registerK8s } from './k8s.js';

/** Every verb of the CLI; each lives in its own file and calls a programmatic API. */
export function registerCommands(program: Command): void {
  registerGateway(program);
  registerModelServer(program);
  registerLocal(program);
  registerInit(program);
  registerCompile(program);
  registerExplain(program);
  registerSink(program);
  registerGet(program);
  registerDeployment(program);
  registerTest(program);
  registerK8s(program);
}
