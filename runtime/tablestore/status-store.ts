import {
  LeaseLostError,
  StaleFenceError,
  type JobState,
  type Lease,
  type LeaseResult,
  type ShardCheckpoint,
  type StatusStore,
  type WindowEnds,
  type WindowRecord,
} from '../export/status-store.ts';
import { conditions, Direction, sdkCall, type SdkRow, type TablestoreTables } from './client.ts';
import { TablestoreError } from './errors.ts';

// The status table, DataWorks-compatible in shape: primary key StreamId, StatusType, StatusValue
// (all STRING), so one table serves many jobs. Our rows use StreamId "ots2oss:<job>":
//   lease/lease          owner, fence, expiresAt    taken and renewed with conditional updates
//   job/state            state (JSON)
//   shard/<shardId>      checkpoint (JSON), fence   a write carrying an older fence is refused
//   ends/compacted       ends (JSON), fence         a compacted window's shard ends, fenced likewise
//   window/<windowId>    record (JSON)

const FENCE_WIDTH = 16;
const fenceText = (fence: number) => String(fence).padStart(FENCE_WIDTH, '0');

function key(job: string, type: string, value: string) {
  return [{ StreamId: `ots2oss:${job}` }, { StatusType: type }, { StatusValue: value }];
}

function columns(row: SdkRow | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const a of row?.attributes ?? []) out.set(a.columnName, String(a.columnValue));
  return out;
}

function isConditionFailure(error: unknown): boolean {
  return error instanceof TablestoreError && error.code === 'OTSConditionCheckFail';
}

export class TablestoreStatusStore implements StatusStore {
  constructor(private readonly client: TablestoreTables, private readonly table: string) {}

  private async read(job: string, type: string, value: string): Promise<Map<string, string> | undefined> {
    const { row } = await sdkCall('GetRow', () =>
      this.client.getRow({ tableName: this.table, primaryKey: key(job, type, value), maxVersions: 1 }));
    return row?.primaryKey?.length ? columns(row) : undefined;
  }

  private async scan(job: string, type: string, direction: 'FORWARD' | 'BACKWARD', limit?: number): Promise<Map<string, string>[]> {
    const rows: Map<string, string>[] = [];
    const low = [{ StreamId: `ots2oss:${job}` }, { StatusType: type }, { StatusValue: conditions.infMin() }];
    const high = [{ StreamId: `ots2oss:${job}` }, { StatusType: type }, { StatusValue: conditions.infMax() }];
    let start: Array<Record<string, unknown>> = direction === 'FORWARD' ? low : high;
    const end = direction === 'FORWARD' ? high : low;
    for (;;) {
      const page = await sdkCall('GetRange', () => this.client.getRange({
        tableName: this.table, direction: Direction[direction], inclusiveStartPrimaryKey: start,
        exclusiveEndPrimaryKey: end, limit: limit ? Math.min(limit - rows.length, 5000) : 5000, maxVersions: 1,
      }));
      for (const row of page.rows ?? []) rows.push(columns(row));
      const next = page.nextStartPrimaryKey;
      if (!next || next.length === 0 || (limit !== undefined && rows.length >= limit)) return rows;
      start = next.map((c) => ({ [c.name]: c.value }));
    }
  }

  async acquireLease(job: string, owner: string, ttlMs: number, now: number): Promise<LeaseResult> {
    const current = await this.readLease(job);
    if (current && current.owner !== '' && current.expiresAt > now) return { acquired: false, heldBy: current };
    const lease: Lease = { owner, fence: (current?.fence ?? 0) + 1, expiresAt: now + ttlMs };
    const attributeColumns = [{ owner }, { fence: fenceText(lease.fence) }, { expiresAt: String(lease.expiresAt) }];
    const condition = current
      ? conditions.expectExist(conditions.column('fence', fenceText(current.fence), 'EQUAL'))
      : conditions.expectNotExist();
    try {
      await sdkCall('PutRow', () =>
        this.client.putRow({ tableName: this.table, condition, primaryKey: key(job, 'lease', 'lease'), attributeColumns }));
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const winner = await this.readLease(job);
      return { acquired: false, heldBy: winner ?? { owner: 'unknown', fence: 0, expiresAt: now + ttlMs } };
    }
    return { acquired: true, lease };
  }

  async renewLease(job: string, lease: Lease, ttlMs: number, now: number): Promise<Lease> {
    const renewed = { ...lease, expiresAt: now + ttlMs };
    await this.updateLease(job, lease, [{ expiresAt: String(renewed.expiresAt) }]);
    return renewed;
  }

  async releaseLease(job: string, lease: Lease): Promise<void> {
    await this.updateLease(job, lease, [{ owner: '' }, { expiresAt: '0' }]).catch((error: unknown) => {
      if (!(error instanceof LeaseLostError)) throw error;
    });
  }

  private async updateLease(job: string, lease: Lease, put: Array<Record<string, string>>): Promise<void> {
    try {
      await sdkCall('UpdateRow', () => this.client.updateRow({
        tableName: this.table,
        condition: conditions.expectExist(conditions.column('fence', fenceText(lease.fence), 'EQUAL')),
        primaryKey: key(job, 'lease', 'lease'),
        updateOfAttributeColumns: [{ PUT: put }],
      }));
    } catch (error) {
      if (isConditionFailure(error)) throw new LeaseLostError(job, lease.owner);
      throw error;
    }
  }

  async readLease(job: string): Promise<Lease | undefined> {
    const row = await this.read(job, 'lease', 'lease');
    if (!row) return undefined;
    return { owner: row.get('owner') ?? '', fence: Number(row.get('fence') ?? 0), expiresAt: Number(row.get('expiresAt') ?? 0) };
  }

  async getJob(job: string): Promise<JobState | undefined> {
    const state = (await this.read(job, 'job', 'state'))?.get('state');
    return state ? (JSON.parse(state) as JobState) : undefined;
  }

  async putJob(job: string, state: JobState, fence?: number): Promise<void> {
    if (fence === undefined) return this.put(job, 'job', 'state', [{ state: JSON.stringify(state) }]);
    try {
      await sdkCall('PutRow', () => this.client.putRow({
        tableName: this.table,
        condition: conditions.ignore(conditions.column('fence', fenceText(fence), 'LESS_EQUAL')),
        primaryKey: key(job, 'job', 'state'),
        attributeColumns: [{ state: JSON.stringify(state) }, { fence: fenceText(fence) }],
      }));
    } catch (error) {
      if (isConditionFailure(error)) throw new StaleFenceError(job, 'the job state');
      throw error;
    }
  }

  async getShards(job: string): Promise<ShardCheckpoint[]> {
    return (await this.scan(job, 'shard', 'FORWARD')).map((row) => JSON.parse(row.get('checkpoint') ?? '{}') as ShardCheckpoint);
  }

  async putShard(job: string, checkpoint: ShardCheckpoint): Promise<void> {
    await this.putFenced(job, 'shard', checkpoint.shardId, 'checkpoint', checkpoint, checkpoint.fence, `shard ${checkpoint.shardId}`);
  }

  async getWindowEnds(job: string): Promise<WindowEnds | undefined> {
    const ends = (await this.read(job, 'ends', 'compacted'))?.get('ends');
    return ends ? (JSON.parse(ends) as WindowEnds) : undefined;
  }

  async putWindowEnds(job: string, ends: WindowEnds): Promise<void> {
    await this.putFenced(job, 'ends', 'compacted', 'ends', ends, ends.fence, 'the window ends');
  }

  /** A JSON column written only if no newer lease holder (a higher fence) wrote the row. */
  private async putFenced(job: string, type: string, value: string, column: string, body: unknown, fence: number, what: string): Promise<void> {
    try {
      await sdkCall('PutRow', () => this.client.putRow({
        tableName: this.table,
        condition: conditions.ignore(conditions.column('fence', fenceText(fence), 'LESS_EQUAL')),
        primaryKey: key(job, type, value),
        attributeColumns: [{ [column]: JSON.stringify(body) }, { fence: fenceText(fence) }],
      }));
    } catch (error) {
      if (isConditionFailure(error)) throw new StaleFenceError(job, what);
      throw error;
    }
  }

  async getWindow(job: string, windowId: string): Promise<WindowRecord | undefined> {
    const record = (await this.read(job, 'window', windowId))?.get('record');
    return record ? (JSON.parse(record) as WindowRecord) : undefined;
  }

  async putWindow(job: string, record: WindowRecord): Promise<void> {
    await this.put(job, 'window', record.windowId, [{ record: JSON.stringify(record) }]);
  }

  async listWindows(job: string, limit: number): Promise<WindowRecord[]> {
    return (await this.scan(job, 'window', 'BACKWARD', limit)).map((row) => JSON.parse(row.get('record') ?? '{}') as WindowRecord);
  }

  async clearProgress(job: string): Promise<void> {
    const shards = await this.getShards(job);
    for (const [type, value] of [['job', 'state'], ['ends', 'compacted'], ...shards.map((s) => ['shard', s.shardId])] as Array<[string, string]>) {
      await sdkCall('DeleteRow', () =>
        this.client.deleteRow({ tableName: this.table, condition: conditions.ignore(), primaryKey: key(job, type, value) }));
    }
  }

  private async put(job: string, type: string, value: string, attributeColumns: Array<Record<string, string>>): Promise<void> {
    await sdkCall('PutRow', () =>
      this.client.putRow({ tableName: this.table, condition: conditions.ignore(), primaryKey: key(job, type, value), attributeColumns }));
  }
}
