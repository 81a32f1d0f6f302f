import { z } from 'zod';
import { count, countDistinct, featureView, firstValue, job, kafka, lastValue, minutes, seconds, source, tumbling } from '../../../dsl/index.js';

const views = source({
  name: 'pageViews', topic: 'page-views', format: 'json', eventTime: 'ts', watermarkDelay: seconds(1), startFrom: 'latest',
  schema: z.object({ userId: z.string(), path: z.string(), ts: z.number().int() }),
});

export const pageActivity = featureView({
  name: 'pageActivity',
  entity: ['userId'],
  sources: [views],
  window: tumbling(minutes(5)),
  features: {
    views_5m: count(views),
    paths_5m: countDistinct(views, 'path'),
    first_path_5m: firstValue(views, 'path'),
    last_path_5m: lastValue(views, 'path'),
  },
  outputs: [kafka({ topic: 'features.page-activity' })],
});

export const pages = job({ name: 'pages', views: [pageActivity] });
