// A hotline floor for the end-to-end tests: a private Redis, the real server as a child process
// reading it, and the deterministic floor scenario already applied. A test that stops the
// server or Redis takes a floor of its own, so no other test sees what it broke.
import type { Snapshot } from '../../../server/contract/snapshot.js';
import type { EventInput } from '../../../server/core/events.js';
import { startTestRedis, waitFor, type TestRedis } from '../../support/redis.js';
import { floorScenario } from '../../support/floor-scenario.js';
import { publish } from './publish.js';
import { startServerProcess, type ServerProcess } from './server-process.js';
import { ADMIN_AUTH } from '../../support/server.js';

export interface Floor {
  redis: TestRedis;
  server: ServerProcess;
  /** The server's REST snapshot (200 or the test fails). */
  rest(query?: string): Promise<Snapshot>;
  /** Appends events to the floor's stream, as a producer would. */
  publish(events: readonly EventInput[]): Promise<void>;
  /** Stops the server and removes its Redis. */
  dispose(): Promise<void>;
}

export interface FloorOptions {
  /** Applies the deterministic floor scenario before the floor is handed over. @default true */
  scenario?: boolean;
  /** Environment for the server process, over the test's own. @default {} */
  env?: Record<string, string>;
}

export async function startFloor(options: FloorOptions = {}): Promise<Floor> {
  const redis = await startTestRedis();
  let server: ServerProcess;
  try {
    server = await startServerProcess(redis.url, options.env);
  } catch (error) {
    await redis.dispose();
    throw error;
  }
  const floor: Floor = {
    redis,
    server,
    rest: async (query = '') => {
      const res = await fetch(`${server.url}/api/v1/snapshot${query}`, { headers: ADMIN_AUTH });
      if (res.status !== 200) throw new Error(`snapshot answered ${res.status}`);
      return (await res.json()) as Snapshot;
    },
    publish: (events) => publish(redis.url, events),
    dispose: async () => {
      await server.stop('SIGTERM');
      await redis.dispose();
    },
  };
  if (options.scenario === false) return floor;
  try {
    await floor.publish(floorScenario({ now: Date.now() }).events);
    await waitFor(async () => (await floor.rest()).ingest.applied > 0 && (await fetch(`${server.url}/readyz`)).ok, 'the scenario to be applied');
  } catch (error) {
    await floor.dispose();
    throw error;
  }
  return floor;
}
