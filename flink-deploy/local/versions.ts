/** The versions of the local stack. The cache directory is keyed by them, so a bump downloads afresh. */
export const FLINK_VERSION = '2.2.0';
export const KAFKA_CONNECTOR_VERSION = '5.0.0-2.2';
export const KAFKA_VERSION = '4.1.1';

export const STACK_CACHE_KEY = `flink-${FLINK_VERSION}_connector-${KAFKA_CONNECTOR_VERSION}_kafka-${KAFKA_VERSION}`;
