import type { ColumnDef } from '../../core/row.ts';
import { PhysicalType, type ChunkMeta } from './columns.ts';
import { CType, ThriftWriter } from './thrift.ts';

// FileMetaData, serialized with the Thrift compact protocol (field ids from parquet.thrift).

const OPTIONAL = 1;
const UTF8 = 0;
const TIMESTAMP_MILLIS = 9;

export interface RowGroupMeta {
  numRows: number;
  fileOffset: number;
  columns: ChunkMeta[];
}

export function physicalType(type: ColumnDef['type']): PhysicalType {
  switch (type) {
    case 'int64':
    case 'timestamp':
      return PhysicalType.INT64;
    case 'double':
      return PhysicalType.DOUBLE;
    case 'boolean':
      return PhysicalType.BOOLEAN;
    default:
      return PhysicalType.BYTE_ARRAY;
  }
}

function schemaElement(t: ThriftWriter, column: ColumnDef): void {
  t.element().i32(1, physicalType(column.type)).i32(3, OPTIONAL).binary(4, column.name);
  if (column.type === 'string' || column.type === 'any') {
    // converted UTF8 and logical STRING
    t.i32(6, UTF8).struct(10).struct(1).end().end();
  } else if (column.type === 'timestamp') {
    // converted TIMESTAMP_MILLIS and logical TIMESTAMP(isAdjustedToUTC, MILLIS)
    t.i32(6, TIMESTAMP_MILLIS).struct(10).struct(8).bool(1, true).struct(2).struct(1).end().end().end().end();
  }
  t.end();
}

function columnChunk(t: ThriftWriter, c: ChunkMeta, chunkOffset: number): void {
  t.element().i64(2, chunkOffset).struct(3);
  t.i32(1, c.type).list(2, CType.I32, c.encodings.length);
  for (const e of c.encodings) t.i32Element(e);
  t.list(3, CType.Binary, 1).binaryElement(c.name);
  t.i32(4, c.codec).i64(5, c.numValues).i64(6, c.uncompressedSize).i64(7, c.totalSize).i64(9, c.dataPageOffset);
  if (c.dictionaryPageOffset !== undefined) t.i64(11, c.dictionaryPageOffset);
  t.struct(12).i64(3, c.nullCount);
  if (c.max) t.binary(5, c.max);
  if (c.min) t.binary(6, c.min);
  t.end(); // statistics
  t.end(); // meta_data
  t.end(); // column chunk
}

export function encodeFooter(schema: readonly ColumnDef[], rowGroups: readonly RowGroupMeta[], createdBy: string): Uint8Array {
  const t = new ThriftWriter();
  t.i32(1, 2);
  t.list(2, CType.Struct, schema.length + 1);
  t.element().binary(4, 'schema').i32(5, schema.length).end();
  for (const column of schema) schemaElement(t, column);
  let rows = 0;
  for (const g of rowGroups) rows += g.numRows;
  t.i64(3, rows);
  t.list(4, CType.Struct, rowGroups.length);
  for (const g of rowGroups) {
    t.element().list(1, CType.Struct, g.columns.length);
    let offset = g.fileOffset;
    let size = 0;
    let uncompressed = 0;
    for (const c of g.columns) {
      columnChunk(t, c, offset);
      offset += c.totalSize;
      size += c.totalSize;
      uncompressed += c.uncompressedSize;
    }
    // total_byte_size is the uncompressed data's; total_compressed_size what the file holds.
    t.i64(2, uncompressed).i64(3, g.numRows).i64(5, g.fileOffset).i64(6, size).end();
  }
  t.binary(6, createdBy);
  // column_orders: TYPE_ORDER for every column, so readers may trust min/max statistics.
  t.list(7, CType.Struct, schema.length);
  for (let i = 0; i < schema.length; i++) t.element().struct(1).end().end();
  t.end();
  return t.bytes();
}
