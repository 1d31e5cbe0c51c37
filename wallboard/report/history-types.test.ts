import { describe, expectTypeOf, it } from 'vitest';
import type { HistoryResponse } from '../../server/history/history-contract.js';
import type { HistoryAnswer } from './history-types.js';

// The page keeps its own copy of the answer's types (the bundle may import server/contract only);
// the compiler holds the copy to the server's: every answer the server can send is one the page reads.
describe('the history answer the page reads', () => {
  it("is the server's", () => {
    expectTypeOf<HistoryResponse>().toExtend<HistoryAnswer>();
  });
});
