import { jest } from '@jest/globals';

// Integration tests wait on real Flink jobs and Kafka transactions.
jest.setTimeout(300_000);
