// A command-line entry point run as a user runs it: a child process with flags and an
// environment, its output kept, killable at any instant.
import { spawn } from 'node:child_process';

export interface CliProcess {
  exit: Promise<number | null>;
  stdout(): string;
  stderr(): string;
  kill(signal: NodeJS.Signals): void;
}

/** Runs `script` (e.g. "server/ingest/cli.ts") under tsx; `env` is laid over this process's (undefined removes a variable). */
export function runCli(script: string, args: readonly string[], env: Record<string, string | undefined>): CliProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: process.cwd(),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return {
    exit: new Promise((resolve) => child.once('exit', (code) => resolve(code))),
    stdout: () => out,
    stderr: () => err,
    kill: (signal) => child.kill(signal),
  };
}
