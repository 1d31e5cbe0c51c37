// An alarm's id, made from what identifies it (its rule, its scope and the time it was raised), so
// every node that decides to raise the same alarm names it the same, and a raise written twice
// (two lease holders in a failover's overlap) is recognised as one alarm.
import { MAX_ID } from './event-fast-decode.js';
import type { AlarmRule } from '../contract/vocabulary.js';

/** 32-bit FNV-1a of a string, as 8 hex digits: stands in for a scope too long to spell out. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** "<rule>:<scope>:<raisedTs>" (the scope hashed when the whole would pass the contract's 128 characters). */
export function alarmIdOf(rule: AlarmRule, scope: string, raisedTs: number): string {
  const plain = `${rule}:${scope}:${raisedTs}`;
  return plain.length <= MAX_ID ? plain : `${rule}:#${fnv1a(scope)}:${raisedTs}`;
}
