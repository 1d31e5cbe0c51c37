// Where a .cpuprofile (node --cpu-prof) spent its time: self time summed per function, the top N
// printed with their share of the samples, and the same per file. Usage:
//   npx tsx test/bench/profile-top.ts <file.cpuprofile> [N] [--from FUNCTION]
// --from counts only the samples from the first one whose stack holds FUNCTION on (e.g. readGroup:
// the catch-up itself, without the process's start, whose module loading is a large part of a short run).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { positionals, values } = parseArgs({ allowPositionals: true, options: { from: { type: 'string' } } });
const [file, topArg] = positionals;
if (!file) throw new Error('usage: profile-top.ts <file.cpuprofile> [N] [--from FUNCTION]');
const top = Number(topArg ?? 30);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parentOf = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);

/** Whether the sample's stack holds a frame of `name`. */
function inStack(id: number, name: string): boolean {
  for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) if (byId.get(at)!.callFrame.functionName === name) return true;
  return false;
}

const selfByFunction = new Map<string, number>();
const selfByFile = new Map<string, number>();
let total = 0;
let counting = values.from === undefined;
for (let i = 0; i < profile.samples.length; i++) {
  counting ||= inStack(profile.samples[i]!, values.from!);
  if (!counting) continue;
  const node = byId.get(profile.samples[i]!)!;
  const us = profile.timeDeltas[i] ?? 0;
  total += us;
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url.replace(/^file:\/\/.*?\/(node_modules|server|test|simulator)\//, '$1/');
  const name = `${functionName || '(anonymous)'}  ${where}${url ? `:${lineNumber + 1}` : ''}`;
  selfByFunction.set(name, (selfByFunction.get(name) ?? 0) + us);
  const fileKey = where.replace(/^node_modules\/([^/]+)\/.*$/, 'node_modules/$1') || functionName;
  selfByFile.set(fileKey, (selfByFile.get(fileKey) ?? 0) + us);
}

function print(title: string, map: Map<string, number>, n: number): void {
  console.log(`${title} (of ${(total / 1e6).toFixed(2)} s sampled)`);
  for (const [name, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n)) {
    console.log(`${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)} %  ${name}`);
  }
}

print('self time by function', selfByFunction, top);
console.log();
print('self time by file', selfByFile, 15);
