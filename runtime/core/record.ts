// Record mapping: ChangeRecord -> Rows with a schema fixed before the first row, as DataWorks' OTSStream
// reader lays them out. `compacted` mode holds a window and lives in compactor.ts (WindowCompactor).
import type { ChangeRecord } from './change.ts';
import type { ColumnDef, Row } from './row.ts';
import type { ReaderConfig } from '../config/job.ts';
import { checkKeySchema } from './primary-key.ts';
import { configuredColumns } from './record-common.ts';
import { MultiVersionMapper } from './record-multi-version.ts';
import { SingleVersionMapper } from './record-single-version.ts';

export { RecordMappingError } from './record-common.ts';
export { WindowCompactor, CompactedKeyLimitError, COMPACTED_META_COLUMNS } from './compactor.ts';

export interface RecordMapper {
  readonly schema: ColumnDef[];
  /** Appends the record's rows to `out`; throws RecordMappingError for a record that does not fit. */
  map(record: ChangeRecord, out: Row[]): void;
}

/** The mapper of a streaming mode. `pkSchema` is the table's primary key (DescribeTable), in key order. */
export function createRecordMapper(reader: ReaderConfig, pkSchema: readonly ColumnDef[]): RecordMapper {
  checkKeySchema(pkSchema);
  switch (reader.mode) {
    case 'multi_version':
      if (reader.column?.length) throw new RangeError('reader.column applies to single_version_and_update_only and compacted; multi_version exports every column');
      return new MultiVersionMapper(pkSchema, reader.isExportSequenceInfo);
    case 'single_version_and_update_only':
      if (!reader.column?.length) throw new RangeError('single_version_and_update_only needs reader.column, the columns to export');
      return new SingleVersionMapper(pkSchema, configuredColumns(reader, pkSchema), reader.isExportSequenceInfo);
    case 'compacted':
      throw new RangeError('compacted mode keeps a window of rows: use WindowCompactor, not a streaming mapper');
  }
}
