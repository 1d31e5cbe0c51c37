// A fast yes-or-no check compiled from a zod schema, for the bulk of a checkpoint: tens of
// thousands of call records on the recovery path, where zod's parse adds a third to the time of
// the JSON parse and copies every record. The schema becomes the body of one function, compiled
// with new Function: straight-line tests and plain loops, every read a plain property access (a
// check built of closures was four times slower). For the plain shapes it supports (objects, arrays, nullable, string,
// number, boolean, enum, literal) it accepts exactly what the schema accepts, and the value is
// used as is (unknown keys are kept, not stripped). Any other construct throws when compiling,
// so the schema cannot grow something the check would wave through. Only the schema's own keys
// and values, JSON-quoted, go into the generated code; nothing from the data does.
import type { z } from 'zod';

interface Def {
  type: string;
  checks?: unknown[];
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  entries?: Record<string, string | number>;
  values?: unknown[];
}

/** A type guard that agrees with `schema.safeParse(value).success`; ask zod for the reason when it says no. */
export function compileCheck<T>(schema: z.ZodType<T>): (value: unknown) => value is T {
  const body: string[] = [];
  emit(schema, 'value', body, { next: 0 });
  return new Function('value', [...body, 'return true;'].join('\n')) as (value: unknown) => value is T;
}

/** Appends statements that return false unless the value of expression `v` fits the schema. */
function emit(schema: z.ZodType, v: string, out: string[], names: { next: number }): void {
  const def = schema.def as Def;
  if (def.checks && def.checks.length > 0) throw new Error(`compileCheck: refinements are not supported (on a ${def.type})`);
  const noneOf = (values: unknown[]) => values.map((a) => `${v} !== ${JSON.stringify(a)}`).join(' && ');
  switch (def.type) {
    case 'string':
    case 'boolean':
      out.push(`if (typeof ${v} !== "${def.type}") return false;`);
      return;
    case 'number': // as z.number(): no NaN, no Infinity
      out.push(`if (typeof ${v} !== "number" || !Number.isFinite(${v})) return false;`);
      return;
    case 'enum':
      out.push(`if (${noneOf(Object.values(def.entries!))}) return false;`);
      return;
    case 'literal':
      out.push(`if (${noneOf(def.values!)}) return false;`);
      return;
    case 'nullable':
      out.push(`if (${v} !== null) {`);
      emit(def.innerType!, v, out, names);
      out.push('}');
      return;
    case 'array': {
      const n = names.next++;
      out.push(`const a${n} = ${v};`, `if (!Array.isArray(a${n})) return false;`, `for (let i${n} = 0; i${n} < a${n}.length; i${n}++) {`);
      emit(def.element!, `a${n}[i${n}]`, out, names);
      out.push('}');
      return;
    }
    case 'object': {
      const n = names.next++;
      out.push(`const o${n} = ${v};`, `if (typeof o${n} !== "object" || o${n} === null || Array.isArray(o${n})) return false;`);
      for (const [key, field] of Object.entries(def.shape!)) emit(field, `o${n}[${JSON.stringify(key)}]`, out, names);
      return;
    }
    default:
      throw new Error(`compileCheck: zod type "${def.type}" is not supported`);
  }
}
