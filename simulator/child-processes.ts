// Starting and stopping the server processes (and HAProxy) that `npm run cluster` and the load
// test run on one machine: ready means GET /readyz answers 200; stopping is SIGTERM, then SIGKILL.
import type { ChildProcess } from 'node:child_process';

/** Resolves once `url`/readyz answers 200; rejects when `child` exits first or `timeoutMs` passes. */
export async function waitUntilReady(child: ChildProcess, url: string, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode} while starting`);
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) return;
    } catch {
      // not accepting connections yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} was not ready (GET /readyz = 200) within ${timeoutMs / 1000} s`);
}

/** SIGTERM, and SIGKILL after 5 s; resolves when the process is gone. */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  return exited.finally(() => clearTimeout(timer));
}
