// `npm run simulate -- [flags]`: the composition root of the simulator, and the only module
// that reads process.env and argv. Ctrl-C (SIGINT) or SIGTERM stops after the write in flight
// and prints the summary; a second signal exits at once.
import { helpText, parseCli, UsageError } from './cli-options.js';
import { createLineSink } from './publisher.js';
import { progressLine, summaryText } from './report.js';
import { runSimulation, startSimulation, type RunningSimulation, type SimulationProgress } from './run-simulation.js';

async function main(): Promise<number> {
  let command;
  try {
    command = parseCli(process.argv.slice(2), process.env);
  } catch (error) {
    if (error instanceof UsageError || error instanceof RangeError) {
      process.stderr.write(`simulate: ${error.message}\n(npm run simulate -- --help lists every flag)\n`);
      return 2;
    }
    throw error;
  }
  if (command.kind === 'help') {
    process.stdout.write(helpText() + '\n');
    return 0;
  }
  const tty = process.stderr.isTTY === true;
  let progressShown = false;
  const log = (line: string) => {
    if (progressShown) process.stderr.write('\r\x1b[K');
    progressShown = false;
    process.stderr.write(`${new Date().toISOString()} ${line}\n`);
  };
  // On a terminal one line redrawn every second; otherwise a plain log line every 10 s.
  let lastPlain = 0;
  const onProgress = (progress: SimulationProgress) => {
    if (tty) {
      process.stderr.write(`\r\x1b[K${progressLine(progress)}`);
      progressShown = true;
    } else if (Date.now() - lastPlain >= 10_000) {
      lastPlain = Date.now();
      log(progressLine(progress));
    }
  };
  const options = { ...command.run, log, onProgress };
  let simulation: RunningSimulation;
  try {
    if (command.dryRun) {
      simulation = runSimulation(
        options,
        createLineSink((line) => writeStdout(line)),
      );
      // `| head` closes the pipe: stop quietly rather than crash on EPIPE.
      process.stdout.on('error', () => void simulation.stop());
    } else {
      simulation = await startSimulation({ ...options, redisUrl: command.redisUrl!, streamKey: command.streamKey, maxLen: command.maxLen });
    }
  } catch (error) {
    process.stderr.write(`simulate: ${(error as Error).message}\n`);
    return error instanceof RangeError ? 2 : 1;
  }
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals++;
    if (signals > 1) process.exit(130);
    log(`${signal}: stopping after the write in flight (again to quit at once)`);
    void simulation.stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const summary = await simulation.done;
    if (progressShown) process.stderr.write('\n');
    process.stderr.write(summaryText(summary) + '\n');
    return 0;
  } catch (error) {
    log(`failed: ${(error as Error).message}`);
    return 1;
  }
}

/** Writes a line to stdout, waiting for the pipe to drain so a large dry run keeps its memory flat. */
function writeStdout(line: string): Promise<void> | void {
  if (process.stdout.destroyed || process.stdout.write(line + '\n')) return;
  return new Promise((resolve) => {
    const done = () => {
      process.stdout.off('drain', done);
      process.stdout.off('close', done);
      resolve();
    };
    process.stdout.on('drain', done);
    process.stdout.on('close', done);
  });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`simulate: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
