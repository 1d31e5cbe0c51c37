// The per-address count behind socket.maxConnectionsPerAddress: one address per client (an IPv4
// client on a dual-stack socket is its IPv4 address), counted until its connection closes.
import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress, createAddressCap, trustTest } from '../../server/realtime/address-cap.js';

const from = (remoteAddress: string | undefined, headers: Record<string, string> = {}) =>
  ({ socket: { remoteAddress }, connection: { remoteAddress }, headers }) as unknown as IncomingMessage;

function connection(address: string) {
  return Object.assign(new EventEmitter(), { request: from(address) });
}

describe('clientAddress', () => {
  it('is the TCP peer, an IPv4-mapped IPv6 address as its IPv4 one', () => {
    expect(clientAddress(from('::ffff:10.1.2.3'))).toBe('10.1.2.3');
    expect(clientAddress(from('10.1.2.3'))).toBe('10.1.2.3');
    expect(clientAddress(from('2001:db8::1'))).toBe('2001:db8::1');
    expect(clientAddress(from('::ffff'))).toBe('::ffff');
    expect(clientAddress(from(undefined))).toBe('unknown');
  });

  it("believes X-Forwarded-For only from a proxy `trust proxy` names, by Express's rules", () => {
    const viaProxy = from('10.0.0.9', { 'x-forwarded-for': '203.0.113.7, 10.0.0.8' });
    expect(clientAddress(viaProxy)).toBe('10.0.0.9');
    expect(clientAddress(viaProxy, trustTest(false))).toBe('10.0.0.9');
    expect(clientAddress(viaProxy, trustTest(1))).toBe('10.0.0.8');
    expect(clientAddress(viaProxy, trustTest(2))).toBe('203.0.113.7');
    expect(clientAddress(viaProxy, trustTest(true))).toBe('203.0.113.7');
    expect(clientAddress(viaProxy, trustTest('10.0.0.0/24'))).toBe('203.0.113.7');
    expect(clientAddress(viaProxy, trustTest('192.168.0.1'))).toBe('10.0.0.9');
  });
});

describe('the per-address cap', () => {
  it('allows up to the cap per address, counts both address forms as one, and frees a slot when a connection closes', () => {
    const cap = createAddressCap(2);
    const a = connection('10.0.0.1');
    cap.track(a);
    cap.track(connection('::ffff:10.0.0.1'));
    expect(cap.openFrom('10.0.0.1')).toBe(2);
    expect(cap.allows(from('10.0.0.1'))).toBe(false);
    expect(cap.allows(from('10.0.0.2'))).toBe(true);
    a.emit('close');
    a.emit('close');
    expect(cap.openFrom('10.0.0.1')).toBe(1);
    expect(cap.allows(from('::ffff:10.0.0.1'))).toBe(true);
  });
});
