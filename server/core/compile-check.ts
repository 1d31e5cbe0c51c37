// A fast yes-or-no check compiled from a zod schema, for the bulk of a checkpoint: tens of
// thousands of call records on the recovery path, where zod's parse adds a third to the time of
// the JSON parse and copies every record. The schema becomes one boolean expression, compiled
// with new Function so that every read is a plain property access: a check built of closures
// was four times slower. For the plain shapes it supports (objects, arrays, nullable, string,
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
  return new Function('value', `return ${condition(schema, 'value', 0)};`) as (value: unknown) => value is T;
}

/** A JavaScript expression that is true when the value of expression `v` fits the schema. */
function condition(schema: z.ZodType, v: string, depth: number): string {
  const def = schema.def as Def;
  if (def.checks && def.checks.length > 0) throw new Error(`compileCheck: refinements are not supported (on a ${def.type})`);
  const oneOf = (values: unknown[]) => `(${values.map((a) => `${v} === ${JSON.stringify(a)}`).join(' || ')})`;
  switch (def.type) {
    case 'string':
    case 'boolean':
      return `typeof ${v} === "${def.type}"`;
    case 'number':
      return `(typeof ${v} === "number" && Number.isFinite(${v}))`; // as z.number(): no NaN, no Infinity
    case 'enum':
      return oneOf(Object.values(def.entries!));
    case 'literal':
      return oneOf(def.values!);
    case 'nullable':
      return `(${v} === null || ${condition(def.innerType!, v, depth)})`;
    case 'array': {
      const element = `e${depth}`;
      return `(Array.isArray(${v}) && ${v}.every((${element}) => ${condition(def.element!, element, depth + 1)}))`;
    }
    case 'object': {
      const fields = Object.entries(def.shape!).map(([key, field]) => condition(field, `${v}[${JSON.stringify(key)}]`, depth));
      return `(typeof ${v} === "object" && ${v} !== null && !Array.isArray(${v})${fields.map((f) => ` && ${f}`).join('')})`;
    }
    default:
      throw new Error(`compileCheck: zod type "${def.type}" is not supported`);
  }
}
