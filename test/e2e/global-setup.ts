// Builds the wallboard once before the tests, so the end-to-end suite runs against the same
// dist/wallboard/ the server serves in production.
import { build } from 'vite';

export default async function setup(): Promise<void> {
  await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
}
