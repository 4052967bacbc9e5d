import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeMessage, encodeMessage, ProtobufError, type MessageSpec } from '../../../runtime/tablestore/protocol/protobuf.ts';
import { GetStreamRecordResponse } from '../../../runtime/tablestore/protocol/stream-messages.ts';

const Inner = { id: { no: 1, type: 'string', rule: 'required' }, n: { no: 2, type: 'int32' } } as const satisfies MessageSpec;
const Outer = {
  name: { no: 1, type: 'string', rule: 'required' },
  big: { no: 2, type: 'int64' },
  neg: { no: 3, type: 'int32' },
  flag: { no: 4, type: 'bool' },
  data: { no: 5, type: 'bytes' },
  items: { no: 6, type: 'message', rule: 'repeated', message: Inner },
  tags: { no: 7, type: 'string', rule: 'repeated' },
  nums: { no: 8, type: 'int32', rule: 'repeated' },
} as const satisfies MessageSpec;

describe('protobuf codec', () => {
  it('round-trips scalars, nested and repeated fields', () => {
    const bytes = encodeMessage(Outer, {
      name: 'ünïcode',
      big: 1_700_000_000_123_456,
      neg: -5,
      flag: false,
      data: Buffer.from([0, 1, 2]),
      items: [{ id: 'a', n: 1 }, { id: 'b' }],
      tags: ['x', 'y'],
      nums: [3, 300, -1],
    });
    const m = decodeMessage(Outer, bytes);
    assert.equal(m.name, 'ünïcode');
    assert.equal(m.big, 1_700_000_000_123_456);
    assert.equal(m.neg, -5);
    assert.equal(m.flag, false);
    assert.deepEqual(Buffer.from(m.data!), Buffer.from([0, 1, 2]));
    assert.deepEqual(m.items, [{ id: 'a', n: 1 }, { id: 'b' }]);
    assert.deepEqual(m.tags, ['x', 'y']);
    assert.deepEqual(m.nums, [3, 300, -1]);
    assert.deepEqual(decodeMessage(Outer, encodeMessage(Outer, { name: '' })).items, []);
  });

  it('reads packed repeated scalars and skips unknown fields', () => {
    // field 8 packed [1, 2, 150], then unknown field 15 (varint) and 14 (bytes), then name.
    const bytes = Buffer.from([0x42, 0x04, 0x01, 0x02, 0x96, 0x01, 0x78, 0x07, 0x72, 0x02, 0xaa, 0xbb, 0x0a, 0x01, 0x7a]);
    const m = decodeMessage(Outer, bytes);
    assert.deepEqual(m.nums, [1, 2, 150]);
    assert.equal(m.name, 'z');
  });

  it('reports missing required fields and truncated input', () => {
    assert.throws(() => decodeMessage(Outer, Buffer.from([0x20, 0x01]), 'Outer'), (e: unknown) => e instanceof ProtobufError && /Outer\.name is required/.test(e.message));
    assert.throws(() => decodeMessage(Outer, Buffer.from([0x0a, 0x05, 0x61]), 'Outer'), /truncated/);
    assert.throws(() => encodeMessage(Outer, { name: undefined as unknown as string }), /name is required/);
  });

  it('leaves next_shard_iterator out when the shard has ended', () => {
    const ended = decodeMessage(GetStreamRecordResponse, encodeMessage(GetStreamRecordResponse, { streamRecords: [] }));
    assert.equal(ended.nextShardIterator, undefined);
    assert.equal(ended.mayMoreRecord, undefined);
    const more = decodeMessage(
      GetStreamRecordResponse,
      encodeMessage(GetStreamRecordResponse, { streamRecords: [{ actionType: 2, record: Buffer.from('r') }], nextShardIterator: 'it', mayMoreRecord: true }),
    );
    assert.equal(more.streamRecords[0]!.actionType, 2);
    assert.equal(more.nextShardIterator, 'it');
    assert.equal(more.mayMoreRecord, true);
  });
});
