// The demo floor's queues by the names a carrier's floor uses, in both languages, so `npm start`
// shows 账务查询 rather than `billing`. They seed the configuration, as a config file's `queues`
// would: a deployment's own file wins, and an admin's first save at /admin replaces them.
import type { ServerConfig } from '../server/config.js';
import type { QueueSettings } from '../server/core/queue-settings-schema.js';
import { DEFAULT_QUEUES } from './scenarios/normal-day.js';

export const DEMO_QUEUE_NAMES: QueueSettings = {
  billing: { name: { zh: '账务查询', en: 'Billing enquiries' } },
  tech: { name: { zh: '技术支持', en: 'Technical support' } },
  mobile: { name: { zh: '手机业务', en: 'Mobile services' } },
  broadband: { name: { zh: '宽带业务', en: 'Broadband' } },
  vip: { name: { zh: '贵宾专线', en: 'VIP line' } },
};

/** The configuration with the demo's queue names, unless its file names queues of its own. */
export function withDemoQueueNames(config: ServerConfig): ServerConfig {
  if (Object.keys(config.core.queues).length > 0) return config;
  const queues = Object.fromEntries(DEFAULT_QUEUES.flatMap((id) => (DEMO_QUEUE_NAMES[id] ? [[id, DEMO_QUEUE_NAMES[id]]] : [])));
  return { ...config, core: { ...config.core, queues } };
}
