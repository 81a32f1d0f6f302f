import { defineCodes } from '../../common/error-codes.js';

/**
 * FEATC_E9xxx: the local stack (`featc local`), thrown as StackErrors (errors.ts). E900x programs
 * and downloads, E901x ports, E902x starting services, E903x services and their logs.
 */
export const localStackCodes = defineCodes({
  FEATC_E9000: { kind: 'user', summary: 'programs the local stack needs are not installed (Java, Maven, redis-server)', hint: 'sudo apt-get install -y <the packages named> (Debian/Ubuntu; the same programs from your package manager elsewhere)' },
  FEATC_E9001: { kind: 'user', summary: 'Java is not installed (no `java` on the PATH and no JAVA_HOME)', hint: 'install a Java 17 runtime (Debian/Ubuntu: sudo apt-get install openjdk-17-jre-headless), or set JAVA_HOME' },
  FEATC_E9002: { kind: 'user', summary: 'the Java found is older than the Java 17 Flink needs', hint: 'install openjdk-17-jre-headless and put it first on the PATH or set JAVA_HOME' },
  FEATC_E9003: { kind: 'user', summary: 'Maven (mvn) is not installed', hint: 'install Maven 3.8+ (Debian/Ubuntu: sudo apt-get install maven); featc uses it once to download the Flink and Kafka jars' },
  FEATC_E9004: { kind: 'infra', summary: 'downloading the Flink and Kafka jars from Maven Central failed', hint: 'check that Maven Central is reachable (proxy settings in ~/.m2/settings.xml), then run `featc local up` again' },
  FEATC_E9005: { kind: 'infra', summary: 'Flink could not compute the JobManager or TaskManager memory settings', hint: 'check the memory options in the stack\'s conf/config.yaml (`featc local status` shows where the stack lives)' },
  FEATC_E9010: { kind: 'user', summary: 'a port of the local stack is taken by another process', hint: 'stop that process, or choose another port: featc local up --<service>-port <port>' },
  FEATC_E9020: { kind: 'infra', summary: 'a service of the local stack exited during start', hint: 'read the whole log: featc local logs <service>' },
  FEATC_E9021: { kind: 'infra', summary: 'formatting the Kafka storage failed twice', hint: 'remove the Kafka data directory named in the hint and run `featc local up` again' },
  FEATC_E9022: { kind: 'infra', summary: 'a service of the local stack did not become healthy in time', hint: 'read the whole log: featc local logs <service>' },
  FEATC_E9030: { kind: 'user', summary: 'unknown service name', hint: 'name one of the services of `featc local status`' },
  FEATC_E9031: { kind: 'user', summary: 'the service has no log yet', hint: 'start the stack first: featc local up' },
  FEATC_E9032: { kind: 'user', summary: 'the local stack has never been started here', hint: 'start it first: featc local up' },
  FEATC_E9033: { kind: 'user', summary: 'the local stack has no such service (ZooKeeper only with --ha, Redis not with --redis-url)', hint: 'check the service name' },
  FEATC_E9034: { kind: 'user', summary: 'the service is not running', hint: 'start it: featc local start <service>' },
  FEATC_E9035: { kind: 'user', summary: 'the service is already running', hint: 'restart it instead: featc local restart <service>' },
});

export type LocalStackCode = keyof typeof localStackCodes;

declare module '../../common/error-codes.js' {
  interface FeatcCodeRegistry { localStack: typeof localStackCodes }
}
