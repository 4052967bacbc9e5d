import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type OSS from 'ali-oss';
import { crc64 } from '../../../emulators/oss/crc64.ts';
import { headersOf, ossCode, useOssEmulator } from './helpers.ts';

type AppendResult = Awaited<ReturnType<OSS['append']>> & { nextAppendPosition: string };

describe('OSS emulator: AppendObject through ali-oss', () => {
  const env = useOssEmulator();

  it('appends at the current length, reporting the next position and the CRC-64 of the whole object', async () => {
    const first = (await env.oss.append('ap/log.txt', Buffer.from('12345'), { position: '0' })) as AppendResult;
    assert.equal(first.nextAppendPosition, '5');
    assert.equal(headersOf(first)['x-oss-hash-crc64ecma'], crc64(Buffer.from('12345')).toString());
    const second = (await env.oss.append('ap/log.txt', Buffer.from('6789'), { position: first.nextAppendPosition })) as AppendResult;
    assert.equal(second.nextAppendPosition, '9');
    assert.equal(headersOf(second)['x-oss-hash-crc64ecma'], BigInt('0x995DC9BBDF1939FA').toString());

    const got = await env.oss.get('ap/log.txt');
    assert.equal(String(got.content), '123456789');
    assert.equal(headersOf(got)['x-oss-object-type'], 'Appendable');
    assert.equal(headersOf(got)['x-oss-next-append-position'], '9');
  });

  it('refuses a position other than the length with 409 PositionNotEqualToLength and keeps the object', async () => {
    await env.oss.append('ap/pos.txt', Buffer.from('abc'), { position: '0' });
    const err = await env.oss.append('ap/pos.txt', Buffer.from('zzz'), { position: '1' }).then(
      () => assert.fail('append at a stale position must fail'),
      (e: unknown) => e as { code: string; status: number },
    );
    assert.equal(err.code, 'PositionNotEqualToLength');
    assert.equal(err.status, 409);
    await assert.rejects(env.oss.append('ap/new.txt', Buffer.from('x'), { position: '5' }), ossCode('PositionNotEqualToLength', 409));
    const kept = await env.oss.get('ap/pos.txt');
    assert.equal(String(kept.content), 'abc');
    assert.equal(headersOf(kept)['x-oss-next-append-position'], '3');
  });

  it('refuses appends to normal objects (ObjectNotAppendable) and keeps metadata from the first append', async () => {
    await env.oss.put('ap/normal.txt', Buffer.from('n'));
    await assert.rejects(env.oss.append('ap/normal.txt', Buffer.from('x'), { position: '1' }), ossCode('ObjectNotAppendable', 409));
    await env.oss.append('ap/meta.txt', Buffer.from('a'), { position: '0', meta: { stage: 'one' } as unknown as OSS.UserMeta });
    await env.oss.append('ap/meta.txt', Buffer.from('b'), { position: '1', meta: { stage: 'two' } as unknown as OSS.UserMeta });
    assert.deepEqual((await env.oss.head('ap/meta.txt')).meta, { stage: 'one' });
    await env.oss.put('ap/meta.txt', Buffer.from('replaced'));
    assert.equal(headersOf(await env.oss.head('ap/meta.txt'))['x-oss-object-type'], 'Normal');
  });
});
