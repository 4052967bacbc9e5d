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
  /**
   * The cells as the wire holds them, values undecoded, on records read that way: a writer that renders
   * straight from the bytes skips building a value per cell. Checksums and shape were checked at the read.
   */
  wireCells?: () => CellCursor;
}

/** How a wire cell's value is held: `none` for the deletes, `null` for a NULL value. */
export type WireValueKind = 'none' | 'null' | 'integer' | 'double' | 'boolean' | 'string' | 'binary';

/** Walks a record's cells in order; the fields describe the current cell until the next call to next(). */
export interface CellCursor {
  readonly bytes: Uint8Array;
  /** Moves to the next cell; false after the last. */
  next(): boolean;
  /** The name's UTF-8 bytes: bytes[nameStart, nameEnd). */
  readonly nameStart: number;
  readonly nameEnd: number;
  readonly op: CellOp;
  /** Cell version in milliseconds; -1 when the cell has none. */
  readonly timestamp: number;
  readonly kind: WireValueKind;
  /** Strings (UTF-8 as sent, not checked) and binaries: bytes[valueStart, valueEnd). */
  readonly valueStart: number;
  readonly valueEnd: number;
  /** An integer as a number when it fits one exactly, else a bigint. */
  integer(): number | bigint;
  double(): number;
  boolean(): boolean;
}

export interface ShardInfo {
  shardId: string;
  parentId?: string;
  parentSiblingId?: string;
}
