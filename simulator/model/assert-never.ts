/** Closes an exhaustive switch: the compiler proves this is unreachable, the throw guards bad data. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value ${JSON.stringify(value)}`);
}
