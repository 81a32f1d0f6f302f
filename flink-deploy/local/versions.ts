/**
 * The versions of the local stack (and of the Flink image `featc k8s` names). The Maven poms in
 * maven/ take them as properties from here; the cache directory is keyed by them, so a bump
 * downloads afresh.
 */
export const FLINK_VERSION = '2.2.1';
/** flink-model-openai (ML_PREDICT's OpenAI provider) is not published for 2.2.1: the 2.2.0 jar runs on 2.2.1. */
export const MODEL_OPENAI_VERSION = '2.2.0';
export const KAFKA_CONNECTOR_VERSION = '5.0.0-2.2';
export const KAFKA_VERSION = '4.1.1';

export const STACK_CACHE_KEY = `flink-${FLINK_VERSION}_model-openai-${MODEL_OPENAI_VERSION}_connector-${KAFKA_CONNECTOR_VERSION}_kafka-${KAFKA_VERSION}`;
