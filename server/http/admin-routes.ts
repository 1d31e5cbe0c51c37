// Managing access: displays (leads for their teams, admins all), users, API tokens, and what was
// refused lately (admins). Secrets (one-time passwords, tokens) are in the creating answer only.
// Connected screens and refusals are every node's: a node that does not answer within the cluster
// bus's timeout is left out and the answer says `partial: true`, so a dead node cannot hang the page.
import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import type { Access } from '../auth/access.js';
import { displayNameSchema, type DisplayRecord, type DisplaySeen } from '../auth/display-store.js';
import { mayManageDisplay, TOKEN_ROLES, USER_ROLES, type Principal } from '../auth/principal.js';
import { tokenNameSchema } from '../auth/token-store.js';
import { teamsSchema, userNameSchema, UserExistsError } from '../auth/user-store.js';
import type { DisplayInfo, DisplayList, RefusalList } from '../contract/access.js';
import { displayViewSchema } from '../contract/display-view.js';
import type { AccessChange } from '../realtime/cluster-bus.js';
import type { FromEveryNode } from '../realtime/socket-access.js';
import type { Refusal } from '../auth/refusal-log.js';
import { principalOf, requireAction, refuse } from './access-middleware.js';

const json = express.json({ limit: '128kb' });

const newDisplaySchema = z.strictObject({ name: displayNameSchema, view: displayViewSchema });
const newUserSchema = z.strictObject({ name: userNameSchema, role: z.enum(USER_ROLES), teams: teamsSchema.optional() });
const newTokenSchema = z.strictObject({ name: tokenNameSchema, role: z.enum(TOKEN_ROLES) });

export interface AdminRoutesDeps {
  access: Access;
  /** Screens connected to every node, by display id. */
  connectedDisplays: () => Promise<FromEveryNode<ReadonlyMap<string, number>>>;
  /** Turns away the screens of a revoked display, a removed user or token, on every node at once. */
  accessChanged: (change: AccessChange) => void;
  /** Every node's recent refusals, newest first. */
  refusals: () => Promise<FromEveryNode<Refusal[]>>;
}

function invalid(res: Response, error: z.ZodError): void {
  const issue = error.issues[0];
  res.status(400).json({ error: `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}` });
}

/** Where a display link points: the configured public URL, else the address this request came to. */
function baseUrl(access: Access, req: Request): string {
  return (access.config.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`).replace(/\/+$/, '');
}

export function displayLink(base: string, display: DisplayRecord): string {
  return `${base}/pair/${display.linkSecret}`;
}

export function createAdminRoutes({ access, connectedDisplays, accessChanged, refusals }: AdminRoutesDeps): Router {
  const router = express.Router();
  const manage = requireAction(access, 'manage-displays');
  const administer = requireAction(access, 'administer');
  const principal = (res: Response) => principalOf(res) as Principal;
  const describe = (req: Request, d: DisplayRecord & { seen?: DisplaySeen | null }, connected: ReadonlyMap<string, number>): DisplayInfo => ({
    id: d.id,
    name: d.name,
    view: d.view,
    link: displayLink(baseUrl(access, req), d),
    createdBy: d.createdBy,
    createdTs: d.createdTs,
    lastSeenTs: d.seen?.ts ?? null,
    lastAddress: d.seen?.address ?? null,
    connected: connected.get(d.id) ?? 0,
  });
  /** The display if it exists and this principal may manage it; else the answer is sent. */
  async function managed(req: Request, res: Response): Promise<DisplayRecord | null> {
    const display = await access.displays.get(req.params['id'] as string);
    if (!display || !mayManageDisplay(principal(res), display.view)) {
      // The same answer for another team's display as for none: a lead learns nothing of it.
      res.status(404).json({ error: 'no such display' });
      return null;
    }
    return display;
  }

  router.get('/api/v1/displays', manage, async (req, res) => {
    const [all, connected] = await Promise.all([access.displays.list(), connectedDisplays()]);
    const displays = all.filter((d) => mayManageDisplay(principal(res), d.view)).map((d) => describe(req, d, connected.value));
    res.set('Cache-Control', 'no-store').json({ displays, partial: connected.partial } satisfies DisplayList);
  });

  router.post('/api/v1/displays', manage, json, async (req, res) => {
    const parsed = newDisplaySchema.safeParse(req.body);
    if (!parsed.success) return invalid(res, parsed.error);
    const who = principal(res);
    if (!mayManageDisplay(who, parsed.data.view)) {
      refuse(access, req, res, 403, 'forbidden', 'a lead creates displays of their own teams only (set view.team)', who.kind === 'user' ? who.name : null);
      return;
    }
    const display = await access.displays.create({ ...parsed.data, createdBy: who.kind === 'user' ? who.name : `token:${who.kind === 'token' ? who.name : ''}` });
    res.status(201).json(describe(req, display, new Map()));
  });

  router.post('/api/v1/displays/:id/link', manage, async (req, res) => {
    const display = await managed(req, res);
    if (!display) return;
    const renewed = await access.displays.regenerate(display.id);
    if (!renewed) return void res.status(404).json({ error: 'no such display' });
    res.json(describe(req, renewed, (await connectedDisplays()).value));
  });

  router.delete('/api/v1/displays/:id', manage, async (req, res) => {
    const display = await managed(req, res);
    if (!display) return;
    await access.displays.remove(display.id);
    accessChanged({ kind: 'display', id: display.id });
    res.status(204).end();
  });

  router.get('/api/v1/users', administer, async (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ users: await access.users.list() });
  });

  router.post('/api/v1/users', administer, json, async (req, res) => {
    const parsed = newUserSchema.safeParse(req.body);
    if (!parsed.success) return invalid(res, parsed.error);
    try {
      const created = await access.users.add({ ...parsed.data, teams: parsed.data.teams ?? [] });
      res.status(201).set('Cache-Control', 'no-store').json(created);
    } catch (error) {
      if (error instanceof UserExistsError) res.status(409).json({ error: error.message });
      else throw error;
    }
  });

  router.post('/api/v1/users/:name/password', administer, async (req, res) => {
    const password = await access.users.resetPassword(req.params['name'] as string);
    if (password === null) return void res.status(404).json({ error: 'no such user' });
    res.set('Cache-Control', 'no-store').json({ password });
  });

  router.delete('/api/v1/users/:name', administer, async (req, res) => {
    const who = principal(res);
    if (who.kind === 'user' && who.name === req.params['name']) return void res.status(400).json({ error: 'an admin cannot delete themselves' });
    if (!(await access.users.remove(req.params['name'] as string))) return void res.status(404).json({ error: 'no such user' });
    accessChanged({ kind: 'user', name: req.params['name'] as string });
    res.status(204).end();
  });

  router.get('/api/v1/tokens', administer, async (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ tokens: await access.tokens.list() });
  });

  router.post('/api/v1/tokens', administer, json, async (req, res) => {
    const parsed = newTokenSchema.safeParse(req.body);
    if (!parsed.success) return invalid(res, parsed.error);
    res
      .status(201)
      .set('Cache-Control', 'no-store')
      .json(await access.tokens.create(parsed.data));
  });

  router.delete('/api/v1/tokens/:id', administer, async (req, res) => {
    if (!(await access.tokens.remove(req.params['id'] as string))) return void res.status(404).json({ error: 'no such token' });
    accessChanged({ kind: 'token', id: req.params['id'] as string });
    res.status(204).end();
  });

  router.get('/api/v1/refusals', administer, async (_req, res) => {
    const gathered = await refusals();
    res.set('Cache-Control', 'no-store').json({ refusals: gathered.value, partial: gathered.partial } satisfies RefusalList);
  });

  return router;
}
