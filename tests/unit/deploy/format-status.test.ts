import { formatStatus, type JobStatus } from '../../../flink-deploy/status/status.js';

const running: JobStatus = {
  name: 'engagement', jobId: 'j1', state: 'RUNNING', hash: 'h', uptimeMs: 125_000,
  lastCheckpoint: { id: 7, ageMs: 8_000, sizeBytes: 1024, durationMs: 40 }, restoredFrom: null, restarts: 0,
  recordsIn: 67_019, recordsOut: 16_858, backpressure: 'ok',
  deadLetters: [{ source: 'clicks', topic: 'featc.dlq.engagement.clicks', records: 3, complete: true }, { source: 'impressions', topic: 'featc.dlq.engagement.impressions', records: 0, complete: true }],
  lateDropsAtWindows: 0,
};

describe('formatStatus', () => {
  test('a healthy job: state, checkpoint, counters, dead letters per source with the topics that hold any', () => {
    expect(formatStatus([running]).split('\n')).toEqual([
      'engagement  RUNNING  up 2m5s  job j1',
      '  checkpoint #7, 8s ago  restarts 0  records in 67019 / out 16858  backpressure ok',
      '  dead letters clicks 3, impressions 0  (topics: featc.dlq.engagement.clicks)',
    ]);
  });

  test('records windows dropped as late get their own line', () => {
    const lines = formatStatus([{ ...running, lateDropsAtWindows: 185 }]).split('\n');
    expect(lines[3]).toBe('  late drops at windows 185 (records behind the watermark that windows left out)');
  });

  test('an ended job says it is not running and shows its last failure', () => {
    const failed: JobStatus = { ...running, state: 'FAILED', uptimeMs: 0, lateDropsAtWindows: null, deadLetters: [], lastFailure: 'java.lang.RuntimeException: boom' };
    expect(formatStatus([failed]).split('\n')).toEqual([
      'engagement  FAILED (not running)  job j1',
      '  checkpoint #7, 8s ago  restarts 0  records in 67019 / out 16858  backpressure ok',
      '  last failure: java.lang.RuntimeException: boom',
    ]);
  });

  test('no jobs', () => {
    expect(formatStatus([])).toBe('no featc jobs on the cluster');
  });
});
