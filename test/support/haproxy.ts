// A real HAProxy (Debian's package) on loopback, with the repo's deploy/haproxy.cfg and the
// addresses given through its environment, as an operator would run it.
import { spawnHaproxy } from '../../simulator/haproxy.js';
import { freePort } from '../../server/redis/private-redis.js';
import { waitFor } from './redis.js';

export interface RunningHaproxy {
  url: string;
  port: number;
  output(): string;
  stop(): Promise<void>;
}

export async function startHaproxy(nodes: readonly [string, string, string]): Promise<RunningHaproxy> {
  const port = await freePort();
  let out = '';
  const child = spawnHaproxy(`127.0.0.1:${port}`, nodes, ['ignore', 'pipe', 'pipe']);
  child.stdout!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  child.stderr!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`haproxy exited with ${child.exitCode}: ${out}`);
      return (await fetch(`${url}/readyz`)).status === 200;
    },
    'haproxy to route to a ready node',
    15_000,
  );
  return {
    url,
    port,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
