import { hostname } from 'node:os';
import { z } from 'zod';
import type { JobConfig } from '../config/job.ts';
import { windowId, type TimeWindow } from '../core/window.ts';
import { conditions, createTablestoreClient, Direction, sdkCall, type SdkRow, type TablestoreTables } from '../tablestore/client.ts';
import type { Credentials } from '../tablestore/stream-client.ts';

// Progress of `ots2oss backfill`, kept in the job's status table beside its checkpoints, so an
// interrupted backfill resumes from any machine. One row per range:
//   StreamId "ots2oss:<job>", StatusType "backfill", StatusValue "<first window>_<end window>"
// A backfill exports its windows strictly in order, so one cursor (`doneUntil`) says which are done.

export const backfillProgressSchema = z.object({
  id: z.string(),
  from: z.number(),
  to: z.number(),
  windows: z.int(),
  /** Windows starting before this were exported by this backfill. */
  doneUntil: z.number(),
  startedAt: z.number(),
  updatedAt: z.number(),
  finishedAt: z.number().optional(),
  /** Times the backfill stopped before its end (Ctrl-C, an error) and was resumed. */
  interruptions: z.int().default(0),
  /** The process running it (`backfill <id> <host>:<pid>`), and until when it counts as alive without news. */
  owner: z.string().optional(),
  aliveUntil: z.number().optional(),
});

export type BackfillProgress = z.output<typeof backfillProgressSchema>;

export function backfillId(windows: readonly TimeWindow[]): string {
  const last = windows.at(-1)!;
  return `${windowId(windows[0]!)}_${windowId({ start: last.end, end: last.end })}`;
}

export interface BackfillLog {
  get(job: string, id: string): Promise<BackfillProgress | undefined>;
  put(job: string, progress: BackfillProgress): Promise<void>;
  /** Newest range first. */
  list(job: string, limit: number): Promise<BackfillProgress[]>;
}

const TYPE = 'backfill';
const streamId = (job: string) => `ots2oss:${job}`;

function parseRow(row: SdkRow | undefined): BackfillProgress | undefined {
  const text = row?.attributes?.find((a) => a.columnName === 'progress')?.columnValue;
  if (typeof text !== 'string') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined; // not ours to interpret: a fresh backfill overwrites it
  }
  const parsed = backfillProgressSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

export class TablestoreBackfillLog implements BackfillLog {
  constructor(private readonly client: TablestoreTables, private readonly table: string) {}

  async get(job: string, id: string): Promise<BackfillProgress | undefined> {
    const { row } = await sdkCall('GetRow', () => this.client.getRow({
      tableName: this.table, primaryKey: [{ StreamId: streamId(job) }, { StatusType: TYPE }, { StatusValue: id }], maxVersions: 1,
    }));
    return parseRow(row);
  }

  async put(job: string, progress: BackfillProgress): Promise<void> {
    await sdkCall('PutRow', () => this.client.putRow({
      tableName: this.table,
      condition: conditions.ignore(),
      primaryKey: [{ StreamId: streamId(job) }, { StatusType: TYPE }, { StatusValue: progress.id }],
      attributeColumns: [{ progress: JSON.stringify(progress) }],
    }));
  }

  async list(job: string, limit: number): Promise<BackfillProgress[]> {
    const { rows } = await sdkCall('GetRange', () => this.client.getRange({
      tableName: this.table,
      direction: Direction.BACKWARD,
      inclusiveStartPrimaryKey: [{ StreamId: streamId(job) }, { StatusType: TYPE }, { StatusValue: conditions.infMax() }],
      exclusiveEndPrimaryKey: [{ StreamId: streamId(job) }, { StatusType: TYPE }, { StatusValue: conditions.infMin() }],
      limit,
      maxVersions: 1,
    }));
    return (rows ?? []).map(parseRow).filter((p): p is BackfillProgress => p !== undefined);
  }
}

/** Who runs a backfill: `backfill <id> <host>:<pid>`. */
export function backfillOwner(id: string): string {
  return `backfill ${id} ${hostname()}:${process.pid}`;
}

/** `<host>:<pid>` of the process running the backfill, if it is unfinished and has given news in time. */
export function runningOn(p: BackfillProgress, now: number): string | undefined {
  if (p.finishedAt !== undefined || p.owner === undefined || (p.aliveUntil ?? 0) <= now) return undefined;
  return p.owner.split(' ').at(-1);
}

/**
 * A backfill of the job run by another process, alive at `now`, whose range overlaps [from, to): two
 * at once would export the same windows twice over and race for the job's lease.
 */
export async function overlappingBackfill(log: BackfillLog, job: string, range: { from: number; to: number }, owner: string, now: number): Promise<BackfillProgress | undefined> {
  const ranges = await log.list(job, 1000);
  return ranges.find((p) => p.owner !== owner && runningOn(p, now) !== undefined && p.from < range.to && range.from < p.to);
}

/** The backfill log in the job's own status table. */
export function backfillLogFor(job: JobConfig, tablestoreEndpoint: string, credentials: Credentials): BackfillLog {
  const tables = createTablestoreClient({ endpoint: tablestoreEndpoint, instance: job.source.instance, credentials });
  return new TablestoreBackfillLog(tables, job.source.statusTable);
}
