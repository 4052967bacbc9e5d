import { gunzipSync } from 'node:zlib';
import { parquetReadObjects } from 'hyparquet';
import { parseCsv } from './csv.ts';

// Reads exported objects back with readers independent of the project's encoders.

export type FileFormat = 'csv' | 'text' | 'jsonl' | 'parquet';

export async function readParquet(body: Buffer): Promise<Array<Record<string, unknown>>> {
  const file = body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer;
  // GZIP pages (sink.compress "gzip"): hyparquet decodes snappy itself and takes other codecs as functions.
  const compressors = { GZIP: (input: Uint8Array) => new Uint8Array(gunzipSync(input)) };
  return (await parquetReadObjects({ file, utf8: false, compressors })) as Array<Record<string, unknown>>;
}

/** Sequence info ending a text line: text escapes nothing, so a value's line breaks cannot be told from the row's. */
const TEXT_SEQUENCE = /(\d{10}_\d{20}_\d{10}_[A-Za-z0-9-]+(?::\d{10})?)\n/g;

/** The sequenceInfo column of every row of an object, in order. */
export async function exportedSequences(format: FileFormat, body: Buffer, header: boolean): Promise<string[]> {
  switch (format) {
    case 'csv': {
      const records = parseCsv(body.toString('utf8'));
      const [first, ...rest] = records;
      if (header) {
        if (first?.at(-1)?.value !== 'sequenceInfo') throw new Error('the csv header does not end with sequenceInfo');
        return rest.map((r) => r.at(-1)!.value);
      }
      return records.map((r) => r.at(-1)!.value);
    }
    case 'text':
      return [...body.toString('utf8').matchAll(TEXT_SEQUENCE)].map((m) => m[1]!);
    case 'jsonl':
      return body.toString('utf8').split('\n').filter((l) => l.length > 0).map((l) => {
        const row: unknown = JSON.parse(l);
        if (typeof row !== 'object' || row === null || typeof (row as { sequenceInfo?: unknown }).sequenceInfo !== 'string') {
          throw new Error(`jsonl line without a sequenceInfo string: ${l.slice(0, 200)}`);
        }
        return (row as { sequenceInfo: string }).sequenceInfo;
      });
    case 'parquet':
      return (await readParquet(body)).map((r) => {
        if (typeof r.sequenceInfo !== 'string') throw new Error('parquet row without a sequenceInfo string');
        return r.sequenceInfo;
      });
  }
}

/** Splits `<base>:<colIdx>` (multi-version) into its parts. */
export function splitSequence(info: string): { base: string; column?: number } {
  const m = /^(.*?)(?::(\d{10}))?$/.exec(info)!;
  return m[2] === undefined ? { base: m[1]! } : { base: m[1]!, column: Number(m[2]) };
}
