// HAProxy from the system's package with the repo's deploy/haproxy.cfg, its addresses given
// through the environment as an operator would give them (WB_BIND, WB_NODE1..3).
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';

/** Starts HAProxy in the foreground (-db) in front of the three `nodes` ("host:port"), listening on `bind`. */
export function spawnHaproxy(bind: string, nodes: readonly string[], stdio: StdioOptions, cwd = process.cwd()): ChildProcess {
  if (nodes.length !== 3) throw new Error(`deploy/haproxy.cfg names three nodes, not ${nodes.length}`);
  return spawn('haproxy', ['-W', '-db', '-f', 'deploy/haproxy.cfg'], {
    cwd,
    env: { ...process.env, WB_BIND: bind, ...Object.fromEntries(nodes.map((node, i) => [`WB_NODE${i + 1}`, node])) },
    stdio,
  });
}
