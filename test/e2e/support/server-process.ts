// The real server as a child process on a fixed port, so a test can kill it and start it again
// on the same origin the page is connected to.
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../../../server/redis/private-redis.js';
import { waitFor } from '../../support/redis.js';
import { TEST_ADMIN_TOKEN } from '../../support/server.js';

export interface ServerProcess {
  url: string;
  port: number;
  /** The last 20 kB of the server's output, for failure messages. */
  output(): string;
  /** Kills the server (SIGKILL by default; SIGKILL anyway after 5 s) and waits for it to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port and waits until it is ready. */
  restart(): Promise<void>;
}

export async function startServerProcess(redisUrl: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let out = '';
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();

  const launch = async () => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: process.cwd(),
      env: { ...process.env, LOG_FORMAT: 'json', PORT: String(port), HOST: '127.0.0.1', REDIS_URL: redisUrl, WALLBOARD_ADMIN_TOKEN: TEST_ADMIN_TOKEN, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (d: Buffer) => (out = (out + d.toString()).slice(-20_000));
    proc.stdout.on('data', keep);
    proc.stderr.on('data', keep);
    exited = new Promise((resolve) => proc.once('exit', () => resolve()));
    child = proc;
    await waitFor(
      async () => {
        if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode}: ${out}`);
        return (await fetch(`${url}/readyz`)).status === 200;
      },
      'the server to be ready',
      30_000,
    );
  };

  const stop = async (signal: NodeJS.Signals = 'SIGKILL') => {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    proc.kill(signal);
    const escalate = setTimeout(() => proc.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(escalate);
  };

  await launch();
  return { url, port, output: () => out, stop, restart: launch };
}
