import Kafka from '@confluentinc/kafka-javascript';
const k = new Kafka.KafkaJS.Kafka({ kafkaJS: { brokers: ['127.0.0.1:9092'], logLevel: Kafka.KafkaJS.logLevel.NOTHING } });
const a = k.admin(); await a.connect(); const t = await a.listTopics(); await a.disconnect();
console.log(t.length, t.filter((x) => x.includes('featc_test') || x.startsWith('featc-test')).slice(0, 20));
