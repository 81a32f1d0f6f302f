import { createRequire } from 'node:module';
import type * as KafkaJavascript from '@confluentinc/kafka-javascript';
import { FeatcError } from './errors.js';

/** The module `@confluentinc/kafka-javascript` exports (its CommonJS default). */
export type KafkaModule = typeof KafkaJavascript;

const INSTALL_HINT = 'install it in this project: npm install @confluentinc/kafka-javascript ' +
  '(on Debian/Ubuntu it builds librdkafka: apt-get install build-essential python3 libssl-dev zlib1g-dev libsasl2-dev libzstd-dev liblz4-dev libcurl4-openssl-dev, ' +
  'then CKJS_LINKING=dynamic npm install @confluentinc/kafka-javascript)';

let loaded: KafkaModule | undefined;

/**
 * The native Kafka client, loaded on first use so that verbs that never talk to Kafka (compile,
 * plan, deploy, …) work without it. Missing or unbuilt: FEATC_E0101 with the install command.
 */
export function kafkaClient(purpose: string): KafkaModule {
  if (loaded) return loaded;
  try {
    loaded = createRequire(import.meta.url)('@confluentinc/kafka-javascript') as KafkaModule;
    return loaded;
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' && !/bindings/i.test((err as Error).message)
      ? 'is not installed' : 'is installed but its native addon is not built';
    throw new FeatcError('FEATC_E0101', `${purpose} needs the Kafka client, and @confluentinc/kafka-javascript ${why}`, { hint: INSTALL_HINT, cause: err });
  }
}
