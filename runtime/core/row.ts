// What the record mappers produce and the formats consume: flat rows against a fixed column list.

/** `timestamp` holds epoch milliseconds (rendered with dateFormat in text formats); `any` mixes types. */
export type FieldType = 'string' | 'int64' | 'double' | 'boolean' | 'binary' | 'timestamp' | 'any';

export interface ColumnDef {
  name: string;
  type: FieldType;
}

export type OutputValue = null | bigint | number | string | boolean | Uint8Array;

/** One output line/record, aligned with the schema's columns. */
export type Row = OutputValue[];
