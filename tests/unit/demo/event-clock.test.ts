import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoStartTs, saveDemoEventTime } from '../../../examples/demo/event-clock.js';

describe('the demo event clock', () => {
  const dir = mkdtempSync(join(tmpdir(), 'featc-demo-clock-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const now = Date.UTC(2026, 0, 1, 12, 0, 30);

  test('first run: the current minute', () => {
    expect(demoStartTs(dir, now)).toBe(Date.UTC(2026, 0, 1, 12, 0));
  });

  test('after a run that pushed event time ahead: the minute after where it stopped, so no event is late for the running jobs', () => {
    saveDemoEventTime(dir, Date.UTC(2026, 0, 1, 12, 14, 59));
    expect(demoStartTs(dir, now)).toBe(Date.UTC(2026, 0, 1, 12, 15));
    expect(demoStartTs(dir, Date.UTC(2026, 0, 1, 13, 0, 5))).toBe(Date.UTC(2026, 0, 1, 13, 0));
  });
});
