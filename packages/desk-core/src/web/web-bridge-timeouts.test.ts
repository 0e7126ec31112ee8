import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_TOKEN_HEADER } from '@balance-desk/contract/web-bridge';
import { BODY_TIMEOUT_MS, HEADERS_TIMEOUT_MS, startWebBridge, type WebBridge } from './web-bridge';
import { startDesk, type DeskFixture } from '../test-support/desk-fixture';

let fx: DeskFixture;
let bridge: WebBridge;
beforeAll(async () => {
  fx = await startDesk();
  bridge = await startWebBridge({ desk: fx.desk, timeouts: { headersMs: 400, bodyMs: 400 } });
});
afterAll(async () => {
  await bridge.close();
  await fx.close();
});

/** Writes `parts` on a real socket and then stalls; resolves with everything the server sent once it closes the connection. */
function stallAfter(parts: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(bridge.port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => resolve(received));
    socket.on('connect', () => {
      for (const part of parts) socket.write(part);
    });
  });
}

describe('web bridge: a client that trickles its request is cut off', () => {
  it('the default limits are a few seconds', () => {
    expect(HEADERS_TIMEOUT_MS).toBeLessThanOrEqual(10_000);
    expect(BODY_TIMEOUT_MS).toBeLessThanOrEqual(10_000);
  });

  it('an authenticated request whose body never finishes gets 408 and the connection is closed', async () => {
    const head =
      `POST /ipc/app%3Astatus HTTP/1.1\r\nhost: 127.0.0.1:${bridge.port}\r\ncontent-type: application/json\r\n` +
      `${BRIDGE_TOKEN_HEADER}: ${bridge.token}\r\ncontent-length: 200\r\n\r\n`;
    const answer = await stallAfter([head, '{"a":']);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer).toContain('request body not received within 400 ms');
  });

  it('headers that never finish get 408 and the connection is closed', async () => {
    const answer = await stallAfter([
      `POST /ipc/app%3Astatus HTTP/1.1\r\nhost: 127.0.0.1:${bridge.port}\r\n`,
    ]);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('a normal request still works', async () => {
    const body = '{}';
    const answer = await stallAfter([
      `POST /ipc/app%3Astatus HTTP/1.1\r\nhost: 127.0.0.1:${bridge.port}\r\ncontent-type: application/json\r\n` +
        `${BRIDGE_TOKEN_HEADER}: ${bridge.token}\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`,
    ]);
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
  });
});
