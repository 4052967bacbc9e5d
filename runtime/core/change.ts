// The change model shared by the PlainBuffer codec, the Tablestore emulator and the core.
// Plain data only: no SDK types cross this boundary.

/** INTEGER cells are int64 on the wire, so they stay bigint end to end. */
export type CellValue = bigint | number | string | boolean | Uint8Array;

export interface PrimaryKeyColumn {
  name: string;
  value: bigint | string | Uint8Array;
}

export type ActionType = 'PUT' | 'UPDATE' | 'DELETE';

/** PUT writes a value; the two deletes carry no value (DELETE_ALL_VERSIONS carries no timestamp either). */
export type CellOp = 'PUT' | 'DELETE_ONE_VERSION' | 'DELETE_ALL_VERSIONS';

export interface ChangeCell {
  name: string;
  op: CellOp;
  value?: CellValue;
  /** Cell version in milliseconds. */
  timestamp?: number;
}

/** Where a record sits in the stream: (epoch, timestampMicros, rowIndex) orders records of a shard. */
export interface SequenceInfo {
  epoch: number;
  /** Commit time in microseconds since the Unix epoch. */
  timestampMicros: number;
  rowIndex: number;
}

export interface ChangeRecord {
  action: ActionType;
  primaryKey: PrimaryKeyColumn[];
  cells: ChangeCell[];
  sequence: SequenceInfo;
  shardId: string;
}

export interface ShardInfo {
  shardId: string;
  parentId?: string;
  parentSiblingId?: string;
}
