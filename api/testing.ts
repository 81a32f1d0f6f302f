/** `featc/testing`: what `featc test` runs, as functions (feature tests on the real engine). */
export { runFeatureTests, formatReport, junitReport, type FeatureTestRunOptions, type TestRunReport, type TestResult } from '../testing/index.js';
