import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const CORE = new URL('../../server/core/', import.meta.url);

/** module → the core modules it imports (type-only imports included: a cycle of types is still a knot to read). */
function coreImports(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of readdirSync(CORE).filter((f) => f.endsWith('.ts'))) {
    const source = readFileSync(new URL(file, CORE), 'utf8');
    const deps = [...source.matchAll(/from\s+'\.\/([\w-]+)\.js'/g)].map((m) => m[1]!);
    graph.set(file.replace(/\.ts$/, ''), deps);
  }
  return graph;
}

function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (module: string): void => {
    const at = path.indexOf(module);
    if (at !== -1) {
      found.push([...path.slice(at), module]);
      return;
    }
    if (done.has(module)) return;
    path.push(module);
    for (const dep of graph.get(module) ?? []) visit(dep);
    path.pop();
    done.add(module);
  };
  for (const module of graph.keys()) visit(module);
  return found;
}

describe('the core modules', () => {
  it('import one another without a cycle', () => {
    const graph = coreImports();
    expect(graph.get('apply')).toContain('visits'); // the scan sees the imports
    expect(cycles(graph).map((c) => c.join(' → '))).toEqual([]);
  });
});
