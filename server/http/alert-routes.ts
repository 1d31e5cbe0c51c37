// Alerts out, for admins: the delivery log (every node's attempts, newest first), the hooks
// without their URLs or secrets, and a test message to one hook, for setting up a robot.
import express, { type Router } from 'express';
import type { Access } from '../auth/access.js';
import type { Alerts } from '../alerts/create-alerts.js';
import { requireAction } from './access-middleware.js';

/** The most log entries one answer carries. */
const MAX_LIMIT = 500;

export function createAlertRoutes(access: Access, alerts: Pick<Alerts, 'hooks' | 'deliveries' | 'sendTest'>): Router {
  const router = express.Router();
  const administer = requireAction(access, 'administer');

  router.get('/api/v1/alerts/deliveries', administer, async (req, res) => {
    const raw = typeof req.query['limit'] === 'string' ? Number(req.query['limit']) : 100;
    if (!Number.isInteger(raw) || raw < 1) return void res.status(400).json({ error: 'limit: a whole number from 1' });
    res.set('Cache-Control', 'no-store').json({ hooks: alerts.hooks, deliveries: await alerts.deliveries(Math.min(raw, MAX_LIMIT)) });
  });

  router.post('/api/v1/alerts/test/:hookId', administer, async (req, res) => {
    const outcome = await alerts.sendTest(req.params['hookId'] as string);
    if (outcome === null) return void res.status(404).json({ error: 'no such hook' });
    res.set('Cache-Control', 'no-store').json(outcome);
  });

  return router;
}
