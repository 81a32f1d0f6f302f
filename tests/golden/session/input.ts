import { z } from 'zod';
import { count, featureView, job, kafka, max, minutes, seconds, session, source, sum } from '../../../dsl/index.js';

const plays = source({
  name: 'plays', topic: 'media.plays', format: 'json', eventTime: 'ts', watermarkDelay: seconds(10),
  schema: z.object({ userId: z.string(), trackId: z.string(), seconds: z.number().int(), ts: z.number().int() }),
});

const listening = featureView({
  name: 'listeningSession',
  entity: ['userId'],
  sources: [plays],
  window: session(minutes(30)),
  features: { plays: count(plays), seconds_played: sum(plays, 'seconds'), longest_play: max(plays, 'seconds') },
  outputs: [kafka({ topic: 'features.listening-sessions' })],
});

export default job({ name: 'listening', views: [listening] });
