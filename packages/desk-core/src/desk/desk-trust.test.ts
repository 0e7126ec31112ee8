import { afterEach, describe, expect, it } from 'vitest';
import { dispatchIpc } from './dispatch';
import { managerToken, startDesk, type DeskFixture } from '../test-support/desk-fixture';

const fixtures: DeskFixture[] = [];
afterEach(async () => {
  await Promise.all(fixtures.splice(0).map((fx) => fx.close()));
});
async function desk(): Promise<DeskFixture> {
  const fx = await startDesk();
  fixtures.push(fx);
  return fx;
}

describe('first-run pin:set is check-and-write in one step', () => {
  it('two first-run calls at once: exactly one wins, the other gets already-set, and the winner is the PIN', async () => {
    const fx = await desk();
    const [a, b] = await Promise.all([
      dispatchIpc(fx.desk, 'pin:set', { newPin: '482913' }),
      dispatchIpc(fx.desk, 'pin:set', { newPin: '975310' }),
    ]);
    const values = [a, b].map((reply) => (reply.ok ? reply.value : reply.error));
    expect(values).toEqual(expect.arrayContaining([{ kind: 'ok' }, { kind: 'already-set' }]));
    const winner = (values[0] as { kind?: string } | undefined)?.kind === 'ok' ? '482913' : '975310';
    const loser = winner === '482913' ? '975310' : '482913';
    expect(await fx.desk.call('pin:verify', { pin: loser })).toMatchObject({
      kind: 'wrong-pin',
    });
    expect(await fx.desk.call('pin:verify', { pin: winner })).toMatchObject({ kind: 'ok' });
  });

  it('a later call without a manager session is still unauthorized; with one it changes the PIN', async () => {
    const fx = await desk();
    const token = await managerToken(fx.desk, '482913');
    expect(await fx.desk.call('pin:set', { newPin: '975310' })).toEqual({
      kind: 'unauthorized',
    });
    expect(await fx.desk.call('pin:set', { newPin: '975310', managerToken: token })).toEqual({ kind: 'ok' });
  });
});

describe('IPC payloads: prototype keys at any depth are unknown fields', () => {
  it.each([
    [
      '__proto__ in a settings patch',
      'settings:update',
      '{"managerToken":"%T","patch":{"__proto__":{"kiosk":false}}}',
    ],
    [
      '__proto__ in the scanner of a patch',
      'settings:update',
      '{"managerToken":"%T","patch":{"scanner":{"__proto__":{"minLength":1}}}}',
    ],
    [
      'constructor in the scanner of a patch',
      'settings:update',
      '{"managerToken":"%T","patch":{"scanner":{"constructor":{"prototype":{}}}}}',
    ],
    ['prototype in a draft', 'connection:test', '{"managerToken":"%T","draft":{"prototype":{"appKey":"x"}}}'],
  ] as const)('%s → invalid-request, nothing changed', async (_name, channel, body) => {
    const fx = await desk();
    const token = await managerToken(fx.desk);
    const before = await fx.desk.call('settings:get', {});
    const reply = await dispatchIpc(fx.desk, channel, JSON.parse(body.replace('%T', token)));
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(JSON.stringify(reply)).toContain('"code":"unknown-field"');
    expect(await fx.desk.call('settings:get', {})).toEqual(before);
  });
});
