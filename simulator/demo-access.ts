// What `npm start` prints so a newcomer sees the board at once under access control: the link of
// a demo display (a TV paired by opening it) and the admin's one-time password. Both are made on
// the first start; later starts reuse the display and, while the admin has not chosen a password
// yet, print a fresh one-time password (the last one was only ever on a terminal).
import type { Access } from '../server/auth/access.js';
import { displayLink } from '../server/http/admin-routes.js';

export const DEMO_DISPLAY_NAME = 'Demo TV';
export const DEMO_ADMIN = 'admin';

export interface DemoAccess {
  displayLink: string;
  /** The admin's one-time password, or null when they already chose their own. */
  adminPassword: string | null;
}

export async function ensureDemoAccess(access: Access, baseUrl: string): Promise<DemoAccess> {
  const displays = await access.displays.list();
  const display =
    displays.find((d) => d.name === DEMO_DISPLAY_NAME && d.createdBy === 'demo') ??
    (await access.displays.create({ name: DEMO_DISPLAY_NAME, view: {}, createdBy: 'demo' }));
  const admin = await access.users.get(DEMO_ADMIN);
  let adminPassword: string | null = null;
  if (!admin) adminPassword = (await access.users.add({ name: DEMO_ADMIN, role: 'admin', teams: [] })).password;
  else if (admin.mustChangePassword) adminPassword = await access.users.resetPassword(DEMO_ADMIN);
  return { displayLink: displayLink(access.config.publicUrl ?? baseUrl, display), adminPassword };
}
