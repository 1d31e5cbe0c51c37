// GET /api/v1/history (JSON) and its CSV (Accept: text/csv, or /api/v1/history.csv): the stored
// day records of a range, cut into periods, with the rates recomputed from their parts
// (docs/history.md). Leads and admins only. A bad parameter is a 400 with the reason.
import express, { type Router } from 'express';
import type { Access } from '../auth/access.js';
import type { CoreConfig } from '../core/core-config.js';
import type { QueueName } from '../core/queue-settings-schema.js';
import { historyCsv, historyCsvFileName } from '../history/history-csv.js';
import { parseHistoryRequest } from '../history/history-request.js';
import { historyResponse } from '../history/history-response.js';
import type { HistoryStore } from '../redis/history-store.js';
import { requireAction } from './access-middleware.js';

export interface HistoryRoutesDeps {
  access: Access;
  store: Pick<HistoryStore, 'read'>;
  /** The core's configuration: time zone, targets, thresholds. */
  config: CoreConfig;
  /** The queue names in force now (the queue settings this node applies). */
  queueNames: () => Record<string, QueueName>;
}

export function createHistoryRoutes({ access, store, config, queueNames }: HistoryRoutesDeps): Router {
  const router = express.Router();
  const readHistory = requireAction(access, 'read-history');

  const serve = (csvPath: boolean): express.RequestHandler => {
    return async (req, res) => {
      const parsed = parseHistoryRequest(req.query);
      if (!parsed.ok) {
        res.status(400).json({ error: parsed.reason });
        return;
      }
      const { request } = parsed;
      const body = historyResponse(request, await store.read(request.dates), { config, queueNames: queueNames() });
      res.set('Cache-Control', 'no-store').vary('Accept');
      if (csvPath || req.accepts(['application/json', 'text/csv']) === 'text/csv') {
        // The name is made of two checked dates: quoted as docs/history.md has it, nothing to escape.
        res
          .type('text/csv; charset=utf-8')
          .set('Content-Disposition', `attachment; filename="${historyCsvFileName(request.from, request.to)}"`)
          .send(historyCsv(body, request.lang));
        return;
      }
      res.json(body);
    };
  };

  router.get('/api/v1/history', readHistory, serve(false));
  router.get('/api/v1/history.csv', readHistory, serve(true));
  return router;
}
