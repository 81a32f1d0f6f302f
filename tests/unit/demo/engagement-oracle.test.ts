import type { GeneratedEvent } from '../../../examples/generator/events.js';
import { engagementOracle } from '../../integration/demo/engagement-oracle.js';

// The oracle the engagement integration test compares `featc get` with, checked on events worked out by hand.
const T0 = Date.UTC(2024, 0, 1);
const at = (m: number, s = 0): number => T0 + m * 60_000 + s * 1000;
const ev = (topic: 'clicks' | 'impressions', userId: string, ts: number): GeneratedEvent => ({ topic, key: userId, value: { userId, docId: 'd', ts } });

describe('engagementOracle', () => {
  test('latest closed windows per user from the watermark each view sees', () => {
    const o = engagementOracle([
      ev('impressions', 'u1', at(0, 10)), ev('clicks', 'u1', at(0, 20)), ev('impressions', 'u1', at(3, 0)),
      ev('clicks', 'u1', at(4, 59)), ev('impressions', 'u2', at(6, 0)),
      // Watermarks: clicks 4:59 - 2 s = 4:57 (5-minute window [0, 5) still open); impressions 12:00 - 2 s = 11:58.
      ev('clicks', 'u2', at(4, 59)), ev('impressions', 'u3', at(12, 0)),
    ]);
    expect(o.watermarks).toEqual({ clicks: at(4, 57), impressions: at(11, 58) });
    expect([...o.clickRate]).toEqual([]);
    // userCtr sees min(4:57, 11:58) = 4:57: the latest fired window ends at 4:00 ([-6:00, 4:00)).
    expect(o.ctr.get('u1')).toEqual({ asOfMs: at(4), clicks_10m: 1, impressions_10m: 2, ctr_10m: 0.5 });
    expect(o.ctr.has('u2')).toBe(false);
    expect(o.users).toEqual(['u1', 'u2', 'u3']);
  });

  test('a window ending exactly one millisecond after the watermark has fired; a click without impressions has no ratio', () => {
    const o = engagementOracle([ev('clicks', 'u1', at(1, 0)), ev('clicks', 'u9', at(5, 2) + 1), ev('impressions', 'u9', at(20))]);
    // Newest click 5:02.001, so the clicks watermark is 5:00.001: windows ending at 5:00 (fire at 4:59.999) have fired.
    expect(o.clickRate.get('u1')).toEqual({ asOfMs: at(5), click_rate_5m: 1 });
    expect(o.ctr.get('u1')).toEqual({ asOfMs: at(5), clicks_10m: 1, impressions_10m: 0, ctr_10m: null });
  });
});
