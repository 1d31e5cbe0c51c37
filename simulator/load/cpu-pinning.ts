// Keeps the server and the load harness off each other's cores (Linux's taskset, from util-linux):
// the bench's own process, and so everything it starts after (Redis, the screen workers, the
// producer), on every core but the first; the nodes (and HAProxy) on the first alone. On a
// machine of two cores the harness otherwise takes the node's core in turns, and the latency it
// measures is its own as much as the server's.
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';

/** The cores the server gets and those the harness gets, as taskset lists. */
export function pinningPlan(cores: number): { server: string; harness: string } {
  if (cores < 2) throw new Error(`--pin needs at least 2 cores, this machine has ${cores}`);
  return { server: '0', harness: cores === 2 ? '1' : `1-${cores - 1}` };
}

/** Sets the affinity of every thread of `pid` (threads made later take their maker's). */
function pin(pid: number, list: string): void {
  execFileSync('taskset', ['--all-tasks', '--cpu-list', '--pid', list, String(pid)], { stdio: 'ignore' });
}

/** Moves this process to the harness's cores; call before starting anything. Returns the plan. */
export function pinHarness(): { server: string; harness: string } {
  const plan = pinningPlan(cpus().length);
  pin(process.pid, plan.harness);
  return plan;
}

/** Moves the server's processes to the server's core. */
export function pinServer(pids: readonly number[], plan: { server: string }): void {
  for (const pid of pids) pin(pid, plan.server);
}
