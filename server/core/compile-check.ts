// A fast validator compiled from a zod schema, for the bulk of a checkpoint: tens of thousands
// of call records on the recovery path, where zod's own parse adds about a third to the time of
// the JSON parse. For the plain shapes it supports (objects, arrays, nullable, string, number,
// boolean, enum, literal) it accepts exactly what the schema accepts, and it copies nothing: the
// value checked is used as is (unknown keys are kept, not stripped). Any other construct (a
// transform, a refinement, a default, an optional field) throws when compiling, so the schema
// cannot drift into something the check does not understand.
import type { z } from 'zod';

/** Where a value does not fit, and what was expected there. */
export interface CheckIssue {
  path: (string | number)[];
  expected: string;
  got: unknown;
}

/** Returns null when the value fits the schema. */
export type Check = (value: unknown) => CheckIssue | null;

interface Def {
  type: string;
  checks?: unknown[];
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  entries?: Record<string, string | number>;
  values?: unknown[];
}

const issue = (expected: string, got: unknown): CheckIssue => ({ path: [], expected, got });

export function compileCheck(schema: z.ZodType): Check {
  const def = schema.def as Def;
  if (def.checks && def.checks.length > 0) throw new Error(`compileCheck: refinements are not supported (${def.type})`);
  switch (def.type) {
    case 'string':
      return (v) => (typeof v === 'string' ? null : issue('a string', v));
    case 'number':
      return (v) => (typeof v === 'number' && Number.isFinite(v) ? null : issue('a number', v));
    case 'boolean':
      return (v) => (typeof v === 'boolean' ? null : issue('true or false', v));
    case 'enum': {
      const allowed = new Set(Object.values(def.entries!));
      const expected = `one of ${[...allowed].map((a) => JSON.stringify(a)).join(', ')}`;
      return (v) => (allowed.has(v as string) ? null : issue(expected, v));
    }
    case 'literal': {
      const allowed = new Set(def.values!);
      const expected = [...allowed].map((a) => JSON.stringify(a)).join(' or ');
      return (v) => (allowed.has(v) ? null : issue(expected, v));
    }
    case 'nullable': {
      const inner = compileCheck(def.innerType!);
      return (v) => {
        if (v === null) return null;
        const found = inner(v);
        if (found && found.path.length === 0) found.expected += ' or null';
        return found;
      };
    }
    case 'array': {
      const element = compileCheck(def.element!);
      return (v) => {
        if (!Array.isArray(v)) return issue('an array', v);
        for (let i = 0; i < v.length; i++) {
          const found = element(v[i]);
          if (found) {
            found.path.unshift(i);
            return found;
          }
        }
        return null;
      };
    }
    case 'object': {
      const keys = Object.keys(def.shape!);
      const checks = keys.map((k) => compileCheck(def.shape![k]!));
      return (v) => {
        if (typeof v !== 'object' || v === null || Array.isArray(v)) return issue('an object', v);
        const record = v as Record<string, unknown>;
        for (let i = 0; i < keys.length; i++) {
          const found = checks[i]!(record[keys[i]!]);
          if (found) {
            found.path.unshift(keys[i]!);
            return found;
          }
        }
        return null;
      };
    }
    default:
      throw new Error(`compileCheck: zod type "${def.type}" is not supported`);
  }
}
