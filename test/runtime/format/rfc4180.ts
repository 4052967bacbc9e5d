// An independent, strict RFC 4180 reader for the tests: records end with LF (CRLF also accepted),
// quoted fields may hold anything with quotes doubled; a stray quote or text after a closing quote throws.

export interface ParsedField {
  value: string;
  quoted: boolean;
}

export function parseCsv(text: string, delimiter = ','): ParsedField[][] {
  const records: ParsedField[][] = [];
  let record: ParsedField[] = [];
  let i = 0;
  const n = text.length;
  if (n === 0) return records;
  for (;;) {
    let value = '';
    let quoted = false;
    if (text[i] === '"') {
      quoted = true;
      i++;
      for (;;) {
        if (i >= n) throw new Error('unterminated quoted field');
        const ch = text[i]!;
        if (ch === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += ch;
        i++;
      }
    } else {
      while (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') {
        if (text[i] === '"') throw new Error(`stray quote at ${i}`);
        value += text[i];
        i++;
      }
    }
    record.push({ value, quoted });
    if (i >= n) throw new Error('the last record has no line end');
    const ch = text[i]!;
    if (ch === delimiter) {
      i++;
      continue;
    }
    if (ch === '\r' && text[i + 1] === '\n') i++;
    else if (ch !== '\n') throw new Error(`unexpected ${JSON.stringify(ch)} at ${i} after a field`);
    i++;
    records.push(record);
    record = [];
    if (i >= n) return records;
  }
}

export function values(records: ParsedField[][]): string[][] {
  return records.map((r) => r.map((f) => f.value));
}
