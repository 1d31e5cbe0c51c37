// The alarms over REST: the same active list and today's log as the snapshot's `alarms`, an
// acknowledgement (a lead or an admin; idempotent), and the rules an admin reads and replaces.
import express, { type Router } from 'express';
import type { Access } from '../auth/access.js';
import type { AlarmEngine } from '../alarms/alarm-engine.js';
import { DEFAULT_ALARM_RULES, DEFAULT_FLOOR_ALARM_RULES, DEFAULT_KPI_RULE } from '../core/alarm-rules.js';
import type { SnapshotSource } from '../realtime/create-realtime.js';
import { principalOf, requireAction } from './access-middleware.js';

const json = express.json({ limit: '256kb' });
/** Sent with the rules: the admin's form shows each rule as it is in force and saves only what differs. */
const defaults = { rules: DEFAULT_ALARM_RULES, kpi: DEFAULT_KPI_RULE, floor: DEFAULT_FLOOR_ALARM_RULES };

export interface AlarmRoutesDeps {
  access: Access;
  engine: Pick<AlarmEngine, 'acknowledge' | 'rules' | 'saveRules'>;
  source: Pick<SnapshotSource, 'snapshot'>;
  now: () => number;
  /** Tells every other node that the rules changed. */
  rulesChanged: () => void;
}

export function createAlarmRoutes({ access, engine, source, now, rulesChanged }: AlarmRoutesDeps): Router {
  const router = express.Router();
  const read = requireAction(access, 'read-board');
  const acknowledge = requireAction(access, 'acknowledge-alarms');
  const administer = requireAction(access, 'administer');
  const nameOf = (res: express.Response) => {
    const p = principalOf(res);
    return p?.kind === 'user' ? p.name : `token:${p?.name ?? 'unknown'}`;
  };

  router.get('/api/v1/alarms', read, (_req, res) => {
    const at = now();
    const alarms = source.snapshot(at, {}).alarms ?? { active: [], log: [] };
    res.set('Cache-Control', 'no-store').json({ serverTs: at, ...alarms });
  });

  router.post('/api/v1/alarms/:id/ack', acknowledge, (req, res, next) => {
    const raw = req.params['id'];
    const id = typeof raw === 'string' ? raw : '';
    if (id.length === 0 || id.length > 128) {
      res.status(400).json({ error: 'an alarm id is 1–128 characters' });
      return;
    }
    engine.acknowledge(id, nameOf(res)).then((result) => {
      if (result.ok) res.json(result);
      else res.status(result.status).json({ ok: false, error: result.error });
    }, next);
  });

  router.get('/api/v1/alarm-rules', administer, (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ ...engine.rules(), defaults });
  });

  router.put('/api/v1/alarm-rules', administer, json, (req, res, next) => {
    engine.saveRules(req.body, nameOf(res)).then((result) => {
      if (!result.ok) {
        res.status(400).json({ error: result.error });
        return;
      }
      rulesChanged();
      res.json({ ...result.rules, defaults });
    }, next);
  });

  return router;
}
