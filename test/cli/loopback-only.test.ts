import dgram from 'node:dgram';
import { describe, expect, it } from 'vitest';
import { attempts } from '../helpers/loopback-only.js';

describe('the test setup keeps tests on loopback', () => {
  it('refuses a UDP send to an address outside loopback', () => {
    const socket = dgram.createSocket('udp4');
    try {
      expect(() => socket.send(Buffer.from([0]), 53, '192.0.2.1')).toThrow(/loopback only/);
    } finally {
      attempts.splice(0); // this test made the attempt on purpose
      socket.close();
    }
  });
});
