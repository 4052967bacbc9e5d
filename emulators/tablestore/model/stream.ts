// The change log of one enabled stream: shards over the partition-hash space, records per shard
// in commit order, opaque iterators, split/merge lineage, trimming and expiration.

import { invalid, otsError, trimmed } from '../errors.ts';

const HASH_SPACE = 2 ** 32;

export interface StoredRecord {
  actionType: number;
  /** The encoded PlainBuffer row (header, row, sequence-info extension). */
  bytes: Buffer;
  timestampMicros: number;
  /** Milliseconds (emulator clock) from which GetStreamRecord may return it. */
  visibleAt: number;
}

export interface ShardState {
  id: string;
  parentId?: string;
  parentSiblingId?: string;
  /** Partition-hash range [lo, hi). */
  lo: number;
  hi: number;
  open: boolean;
  records: StoredRecord[];
  /** Absolute position of records[0]; grows as records are trimmed. */
  firstIndex: number;
  /** Commit time of the newest trimmed record, -1 if none was trimmed. */
  trimmedThroughMicros: number;
}

export interface StreamSnapshot {
  streamId: string;
  tableName: string;
  creationTimeMicros: number;
  expirationHours: number;
  nextShardNo: number;
  shards: ShardState[];
}

export interface ReadResult {
  records: StoredRecord[];
  nextIterator?: string;
  mayMoreRecord: boolean;
}

export class StreamLog {
  private constructor(private readonly state: StreamSnapshot) {}

  static create(opts: { tableName: string; creationTimeMicros: number; expirationHours: number; shardCount: number }): StreamLog {
    const log = new StreamLog({
      streamId: `${opts.tableName}_${opts.creationTimeMicros}`,
      tableName: opts.tableName,
      creationTimeMicros: opts.creationTimeMicros,
      expirationHours: opts.expirationHours,
      nextShardNo: 0,
      shards: [],
    });
    const step = Math.floor(HASH_SPACE / opts.shardCount);
    for (let i = 0; i < opts.shardCount; i++) {
      log.addShard(i * step, i === opts.shardCount - 1 ? HASH_SPACE : (i + 1) * step);
    }
    return log;
  }

  static restore(snapshot: StreamSnapshot): StreamLog {
    return new StreamLog(snapshot);
  }

  snapshot(): StreamSnapshot {
    return this.state;
  }

  get streamId(): string {
    return this.state.streamId;
  }
  get tableName(): string {
    return this.state.tableName;
  }
  get creationTimeMicros(): number {
    return this.state.creationTimeMicros;
  }
  get expirationHours(): number {
    return this.state.expirationHours;
  }
  set expirationHours(hours: number) {
    this.state.expirationHours = hours;
  }
  get shards(): readonly ShardState[] {
    return this.state.shards;
  }

  private addShard(lo: number, hi: number, parentId?: string, parentSiblingId?: string): ShardState {
    const id = `${this.state.streamId.slice(-6)}-shard-${String(this.state.nextShardNo++).padStart(4, '0')}`;
    const shard: ShardState = { id, lo, hi, open: true, records: [], firstIndex: 0, trimmedThroughMicros: -1 };
    if (parentId) shard.parentId = parentId;
    if (parentSiblingId) shard.parentSiblingId = parentSiblingId;
    this.state.shards.push(shard);
    return shard;
  }

  shard(id: string): ShardState | undefined {
    return this.state.shards.find((s) => s.id === id);
  }

  /** The open shard that takes writes for a partition hash. */
  shardFor(hash: number): ShardState {
    const shard = this.state.shards.find((s) => s.open && hash >= s.lo && hash < s.hi);
    if (!shard) throw new Error(`no open shard covers hash ${hash}`);
    return shard;
  }

  split(shardId: string): [ShardState, ShardState] {
    const parent = this.shard(shardId);
    if (!parent) throw new Error(`shard ${shardId} does not exist`);
    if (!parent.open) throw new Error(`shard ${shardId} has already ended`);
    if (parent.hi - parent.lo < 2) throw new Error(`shard ${shardId} is too narrow to split`);
    const mid = parent.lo + Math.floor((parent.hi - parent.lo) / 2);
    parent.open = false;
    return [this.addShard(parent.lo, mid, parent.id), this.addShard(mid, parent.hi, parent.id)];
  }

  merge(aId: string, bId: string): ShardState {
    const a = this.shard(aId);
    const b = this.shard(bId);
    if (!a || !b) throw new Error(`shard ${a ? bId : aId} does not exist`);
    if (!a.open || !b.open) throw new Error(`shard ${a.open ? bId : aId} has already ended`);
    if (a.hi !== b.lo && b.hi !== a.lo) throw new Error(`shards ${aId} and ${bId} are not adjacent`);
    a.open = false;
    b.open = false;
    return this.addShard(Math.min(a.lo, b.lo), Math.max(a.hi, b.hi), a.id, b.id);
  }

  /** Drops every record committed before the given time. */
  trimBefore(timestampMicros: number): void {
    for (const shard of this.state.shards) {
      let n = 0;
      while (n < shard.records.length && shard.records[n]!.timestampMicros < timestampMicros) n++;
      if (n === 0) continue;
      shard.trimmedThroughMicros = Math.max(shard.trimmedThroughMicros, shard.records[n - 1]!.timestampMicros);
      shard.records.splice(0, n);
      shard.firstIndex += n;
    }
  }

  /** Flips the row checksum of a kept record (test hook for decoders' error paths). */
  corrupt(shardId: string, position: number): void {
    const record = this.shard(shardId)?.records[position];
    if (!record) throw new Error(`shard ${shardId} has no record at position ${position}`);
    const bytes = Buffer.from(record.bytes);
    bytes[bytes.length - 1] ^= 0xff;
    record.bytes = bytes;
  }

  expire(nowMs: number): void {
    this.trimBefore(nowMs * 1000 - this.state.expirationHours * 3600 * 1_000_000);
  }

  iterator(shard: ShardState, index: number): string {
    return Buffer.from(JSON.stringify([this.state.streamId, shard.id, index])).toString('base64url');
  }

  /** Start of a shard: its oldest kept record, or the first at or after timestampMicros. */
  iteratorAt(shardId: string, timestampMicros?: number): string {
    const shard = this.shard(shardId);
    if (!shard) throw otsError('OTSObjectNotExist', 'Requested shard does not exist.');
    if (timestampMicros === undefined) return this.iterator(shard, shard.firstIndex);
    if (timestampMicros <= shard.trimmedThroughMicros) throw trimmed();
    const at = shard.records.findIndex((r) => r.timestampMicros >= timestampMicros);
    return this.iterator(shard, shard.firstIndex + (at < 0 ? shard.records.length : at));
  }

  read(shardId: string, index: number, limit: number, nowMs: number): ReadResult {
    const shard = this.shard(shardId);
    if (!shard) throw trimmed();
    if (index < shard.firstIndex) throw trimmed();
    const end = shard.firstIndex + shard.records.length;
    if (index > end) throw invalid('The shard iterator is invalid.');
    const records: StoredRecord[] = [];
    let i = index;
    while (i < end && records.length < limit) {
      const record = shard.records[i - shard.firstIndex]!;
      if (record.visibleAt > nowMs) break;
      records.push(record);
      i++;
    }
    const drained = i === end;
    const mayMoreRecord = !drained && shard.records[i - shard.firstIndex]!.visibleAt <= nowMs;
    if (drained && !shard.open) return { records, mayMoreRecord: false };
    return { records, nextIterator: this.iterator(shard, i), mayMoreRecord };
  }
}

/** Splits an iterator into stream, shard and position; undefined if it is not one of ours. */
export function parseIterator(iterator: string): { streamId: string; shardId: string; index: number } | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(iterator, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 3 &&
      typeof parsed[0] === 'string' &&
      typeof parsed[1] === 'string' &&
      Number.isSafeInteger(parsed[2]) &&
      (parsed[2] as number) >= 0
    ) {
      return { streamId: parsed[0], shardId: parsed[1], index: parsed[2] as number };
    }
  } catch {
    // not ours
  }
  return undefined;
}
