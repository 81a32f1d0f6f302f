import { startGateway, type Gateway, type GatewayConfigInput } from '../../runtime/inference-gateway/index.js';
import { startModelServer, type ModelServer, type ModelServerOptions } from '../../runtime/model-server/index.js';
import { startTestRedis, type TestRedis } from './redis-server.js';

/** A real Redis, one test model server and a gateway in front of it; everything stopped by `stop()`. */
export interface GatewayFixture {
  redis: TestRedis;
  model: ModelServer;
  gateway: Gateway;
  /** Gateway config used (redis + upstream filled in), to restart a gateway with the same settings. */
  config: GatewayConfigInput;
  restartGateway(): Promise<Gateway>;
  stop(): Promise<void>;
}

type UpstreamInput = GatewayConfigInput['upstreams'][string];

export interface FixtureOptions {
  /** Gateway settings besides redis and upstreams. */
  gateway?: Omit<Partial<GatewayConfigInput>, 'upstreams' | 'redis'>;
  /** Settings of the upstream `primary` (its url is the test model server's). */
  primary?: Partial<UpstreamInput>;
  model?: ModelServerOptions;
  /** Start a Redis of its own even when FEATC_REDIS_URL names a shared one (a test that stops Redis). */
  ownRedis?: boolean;
}

export async function startGatewayFixture(opts: FixtureOptions = {}): Promise<GatewayFixture> {
  const redis = await startTestRedis({ own: opts.ownRedis === true });
  let model: ModelServer;
  let gateway: Gateway;
  try {
    model = await startModelServer(opts.model ?? {});
  } catch (err) {
    await redis.stop();
    throw err;
  }
  const config: GatewayConfigInput = {
    port: 0,
    redis: { url: redis.url, keyPrefix: redis.keyPrefix },
    upstreams: { primary: { retry: { attempts: 0 }, ...opts.primary, url: model.baseUrl } },
    ...opts.gateway,
  };
  try {
    gateway = await startGateway(config);
  } catch (err) {
    await model.close();
    await redis.stop();
    throw err;
  }
  const fixture: GatewayFixture = {
    redis,
    model,
    config,
    gateway,
    async restartGateway() {
      await fixture.gateway.close();
      fixture.gateway = await startGateway(config);
      return fixture.gateway;
    },
    async stop() {
      await fixture.gateway.close();
      await model.close();
      await redis.stop();
    },
  };
  return fixture;
}
