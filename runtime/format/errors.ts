import type { OutputValue } from '../core/row.ts';

/** A row the encoder cannot write as given; the encoder's state is unchanged when it is thrown. */
export class FormatError extends Error {
  constructor(
    readonly column: string,
    readonly rowIndex: number,
    reason: string,
  ) {
    super(`column ${column} (row ${rowIndex} of the batch): ${reason}`);
    this.name = 'FormatError';
  }
}

export function describeValue(value: OutputValue): string {
  if (value === null) return 'null';
  if (value instanceof Uint8Array) return `binary (${value.byteLength} bytes)`;
  const text = String(value);
  return `${typeof value} ${text.length > 40 ? text.slice(0, 40) + '…' : text}`;
}
