// GET and PUT /api/v1/queue-settings, admins only: each queue's display names and thresholds.
// A PUT replaces the whole record (the config file's `queues` until the first save), validated
// by the same schema as the config file; it reaches every node, and every screen, through the
// event stream (queue-settings-store.ts), so the answer says which version this node applies.
import express, { type Router } from 'express';
import { z } from 'zod';
import type { Access } from '../auth/access.js';
import { queueSettingsSchema, type AppliedQueueSettings, type QueueSettings } from '../core/queue-settings-schema.js';
import type { QueueSettingsReply } from '../contract/queue-settings.js';
import type { QueueThresholds } from '../contract/snapshot.js';
import type { QueueSettingsStore } from '../redis/queue-settings-store.js';
import { requireAction } from './access-middleware.js';

const json = express.json({ limit: '512kb' });
const putSchema = z.strictObject({ queues: queueSettingsSchema });

export type { QueueSettingsReply } from '../contract/queue-settings.js';

export interface QueueSettingsRoutesDeps {
  access: Access;
  store: QueueSettingsStore;
  /** The config file's `queues`. */
  configQueues: QueueSettings;
  /** The floor-wide figures a queue falls back to. */
  defaults: QueueThresholds;
  /** The record this node's replica applies now. */
  applied: () => AppliedQueueSettings | null;
}

export function createQueueSettingsRoutes({ access, store, configQueues, defaults, applied }: QueueSettingsRoutesDeps): Router {
  const router = express.Router();
  const administer = requireAction(access, 'administer');
  const reply = (saved: AppliedQueueSettings | null): QueueSettingsReply => ({
    queues: saved?.queues ?? configQueues,
    version: saved?.version ?? 0,
    source: saved ? 'admin' : 'config',
    appliedVersion: applied()?.version ?? 0,
    defaults,
  });

  router.get('/api/v1/queue-settings', administer, async (_req, res) => {
    res.set('Cache-Control', 'no-store').json(reply(await store.get()));
  });

  router.put('/api/v1/queue-settings', administer, json, async (req, res) => {
    const parsed = putSchema.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      res.status(400).json({ error: `${issue.path.join('.') || 'body'}: ${issue.message}` });
      return;
    }
    const saved = await store.save(parsed.data.queues);
    res.set('Cache-Control', 'no-store').json(reply(saved));
  });

  return router;
}
