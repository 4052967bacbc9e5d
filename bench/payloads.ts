import type { ChangeRecord, ShardInfo } from '../runtime/core/change.ts';
import type { ColumnDef } from '../runtime/core/row.ts';
import type { RecordBatch, StreamDescription, StreamSource } from '../runtime/export/source.ts';
import { encodeRow, type PlainBufferCell, type PlainBufferRow } from '../runtime/tablestore/plainbuffer/index.ts';
import { decodeMessage, encodeMessage } from '../runtime/tablestore/protocol/protobuf.ts';
import { GetStreamRecordResponse } from '../runtime/tablestore/protocol/stream-messages.ts';
import { actionToWire, decodeStreamRecord, type CellReading } from '../runtime/tablestore/stream-records.ts';
import { seededRandom } from '../runtime/util/random.ts';

// GetStreamRecord response bodies as the service (and the emulator) sends them: PlainBuffer rows
// with sequence info, in the protobuf envelope, 1,000 records a batch. The mix follows the local
// workload (runtime/local/workload.ts): puts of six typed cells, partial updates with a deleted
// cell, deletes. Deterministic: the same seed gives the same bytes.

export const PRIMARY_KEY: ColumnDef[] = [{ name: 'shop_id', type: 'string' }, { name: 'order_id', type: 'int64' }];
/** Every column the payloads write, key first (what single_version_and_update_only exports). */
export const PAYLOAD_COLUMNS = ['shop_id', 'order_id', 'status', 'amount', 'qty', 'note', 'paid', 'blob'] as const;
export const SHARD = 'bench-shard-0000';
export const BATCH = 1000;

const NOTES = ['plain', 'comma, inside', 'quote " inside', 'line\nbreak', '中文 ünïcödé 🚀', 'a somewhat longer free-text note about the order'];

/** Batch `index` of a shard whose records are spread evenly over [startMs, startMs + spanMs). */
/** `keys` distinct primary keys (default 50,000) are written in turn: record n changes key n % keys. */
export function encodeBatch(index: number, options: { startMs: number; spanMs: number; total: number; seed?: number; keys?: number }): Buffer {
  const random = seededRandom((options.seed ?? 7) + index * 7919);
  const records: Array<{ actionType: number; record: Buffer }> = [];
  for (let i = 0; i < BATCH; i++) {
    const n = index * BATCH + i;
    const tsMs = options.startMs + Math.floor((n * options.spanMs) / options.total);
    const roll = random();
    const action = roll < 0.1 ? 'DELETE' : roll < 0.4 ? 'UPDATE' : 'PUT';
    const key = n % (options.keys ?? 50_000);
    const cells: PlainBufferCell[] =
      action === 'DELETE' ? []
      : action === 'UPDATE' ? [
        { name: 'status', op: 'PUT', value: random() < 0.5 ? 'paid' : 'shipped', timestamp: tsMs },
        { name: 'note', op: 'PUT', value: NOTES[n % NOTES.length]!, timestamp: tsMs },
        { name: 'blob', op: 'DELETE_ALL_VERSIONS' },
      ]
      : [
        { name: 'status', op: 'PUT', value: 'new', timestamp: tsMs },
        { name: 'amount', op: 'PUT', value: Math.round(random() * 100_000) / 100, timestamp: tsMs },
        { name: 'qty', op: 'PUT', value: BigInt(Math.floor(random() * 1000)), timestamp: tsMs },
        { name: 'note', op: 'PUT', value: NOTES[n % NOTES.length]!, timestamp: tsMs },
        { name: 'paid', op: 'PUT', value: random() < 0.5, timestamp: tsMs },
        { name: 'blob', op: 'PUT', value: Buffer.from([0xff, 0x00, 0xc3, 0x28, n & 0xff]), timestamp: tsMs },
      ];
    const row: PlainBufferRow = {
      primaryKey: [{ name: 'shop_id', value: `shop-${String(key % 97).padStart(3, '0')}` }, { name: 'order_id', value: BigInt(key) }],
      cells, deleteMarker: action === 'DELETE',
      sequence: { epoch: 1, timestampMicros: tsMs * 1000 + (n % 1000), rowIndex: 0 },
    };
    records.push({ actionType: actionToWire(action), record: encodeRow(row) });
  }
  return encodeMessage(GetStreamRecordResponse, { streamRecords: records, nextShardIterator: 'next', mayMoreRecord: true });
}

/** What the project's Stream client does with a response body: the envelope, then each PlainBuffer record. */
export function decodeBatch(payload: Uint8Array, shardId = SHARD, cells: CellReading = 'decoded'): ChangeRecord[] {
  const res = decodeMessage(GetStreamRecordResponse, payload, 'GetStreamRecordResponse');
  const out: ChangeRecord[] = [];
  for (const r of res.streamRecords) out.push(decodeStreamRecord(r.actionType, r.record, shardId, cells));
  return out;
}

/**
 * One shard serving `batches` payloads in order, decoded on each read as the Stream client decodes
 * them, then ending. `payload(i)` may build batches on the fly (the memory run) or return kept ones.
 */
export class PayloadSource implements StreamSource {
  readonly shards: ShardInfo[] = [{ shardId: SHARD }];
  bytesRead = 0;

  /**
   * `createdMs`: when the stream was enabled (a new job starts no earlier); the payloads' first commit, as a rule.
   * `cells`: as the Stream client reads them for the job (cellReadingFor).
   */
  constructor(private readonly batches: number, private readonly payload: (i: number) => Buffer, private readonly createdMs?: number, private readonly cells: CellReading = 'decoded') {}

  async describe(): Promise<StreamDescription> {
    const created = this.createdMs === undefined ? {} : { createdMicros: this.createdMs * 1000 };
    return { streamId: 'bench-stream', expirationHours: 168, ...created, shards: this.shards, primaryKey: PRIMARY_KEY };
  }

  async iterator(): Promise<string> {
    return '0';
  }

  async read(shardId: string, iterator: string): Promise<RecordBatch> {
    const i = Number(iterator);
    const bytes = this.payload(i);
    this.bytesRead += bytes.length;
    const records = decodeBatch(bytes, shardId, this.cells);
    return i + 1 < this.batches ? { records, next: String(i + 1), mayMore: true } : { records };
  }
}
