import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SequenceInfo } from '../../../runtime/core/change.ts';
import { columnSuffix, compareSequence, formatSequenceInfo, parseSequenceInfo, zeroPad } from '../../../runtime/core/sequence.ts';
import { forSeeds } from './random.ts';

describe('sequence info', () => {
  it('formats as %010d_%020d_%010d_%s', () => {
    const seq = { epoch: 1, timestampMicros: 1_700_000_000_123_456, rowIndex: 7 };
    assert.equal(formatSequenceInfo(seq, 'shard-a'), '0000000001_00001700000000123456_0000000007_shard-a');
    assert.equal(formatSequenceInfo(seq, 'shard-a') + columnSuffix(12), '0000000001_00001700000000123456_0000000007_shard-a:0000000012');
    assert.equal(columnSuffix(255), ':0000000255');
    assert.equal(columnSuffix(300), ':0000000300');
  });

  it('pads like Java %0Nd, a minus sign taking a place', () => {
    assert.equal(zeroPad(0, 10), '0000000000');
    assert.equal(zeroPad(-5, 10), '-000000005');
    assert.equal(zeroPad(12_345_678_901, 10), '12345678901');
    assert.throws(() => zeroPad(1.5, 10), /whole number/);
  });

  it('parses back what it formats (seeded)', () => {
    forSeeds(200, (r) => {
      const seq: SequenceInfo = { epoch: r.int(0, 2 ** 31 - 1), timestampMicros: r.int(0, 2 ** 52), rowIndex: r.int(0, 2 ** 31 - 1) };
      const shardId = r.pick(['a', 'shard_1', 'f8c1-22:ab', '0123456789abcdef']);
      const withColumn = r.bool();
      const column = r.int(0, 100_000);
      const text = formatSequenceInfo(seq, shardId) + (withColumn ? columnSuffix(column) : '');
      const parsed = parseSequenceInfo(text);
      assert.deepEqual(parsed.sequence, seq);
      assert.equal(parsed.shardId, shardId);
      assert.equal(parsed.columnIndex, withColumn ? column : undefined);
    });
    assert.throws(() => parseSequenceInfo('1_2_shard'), /not a sequence info/);
  });

  it('orders by epoch, then time, then row index, as the padded strings sort (seeded)', () => {
    forSeeds(50, (r) => {
      const seqs = Array.from({ length: 40 }, (): SequenceInfo => ({
        epoch: r.int(0, 3),
        timestampMicros: 1_700_000_000_000_000 + r.int(0, 5),
        rowIndex: r.int(0, 3),
      }));
      const byCompare = [...seqs].sort(compareSequence).map((s) => formatSequenceInfo(s, 'x'));
      const byText = seqs.map((s) => formatSequenceInfo(s, 'x')).sort();
      assert.deepEqual(byCompare, byText);
    });
    const a = { epoch: 2, timestampMicros: 1, rowIndex: 0 };
    const b = { epoch: 1, timestampMicros: 9, rowIndex: 9 };
    assert.ok(compareSequence(a, b) > 0, 'a later epoch wins over time');
  });
});
