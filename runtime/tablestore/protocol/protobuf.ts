// A small proto2 codec driven by message specs written in TypeScript. It covers what the
// Tablestore API uses (varints, enums, bools, int64 as numbers, strings, bytes, nested and
// repeated fields) and keeps the bundle free of .proto files and reflection libraries.

import { bufferOf } from '../../util/bytes.ts';

export type ScalarType = 'string' | 'bytes' | 'bool' | 'int32' | 'int64' | 'uint32' | 'enum';

export interface ScalarField {
  readonly no: number;
  readonly type: ScalarType;
  readonly rule?: 'required' | 'repeated';
}

export interface MessageField {
  readonly no: number;
  readonly type: 'message';
  readonly message: MessageSpec;
  readonly rule?: 'required' | 'repeated';
}

export type FieldSpec = ScalarField | MessageField;
export type MessageSpec = { readonly [name: string]: FieldSpec };

type ScalarValue<T extends ScalarType> = T extends 'string' ? string : T extends 'bytes' ? Uint8Array : T extends 'bool' ? boolean : number;
type FieldValue<F> = F extends MessageField ? Message<F['message']> : F extends ScalarField ? ScalarValue<F['type']> : never;
type RequiredKeys<M extends MessageSpec> = { [K in keyof M]: M[K]['rule'] extends 'required' ? K : never }[keyof M];
type RepeatedKeys<M extends MessageSpec> = { [K in keyof M]: M[K]['rule'] extends 'repeated' ? K : never }[keyof M];
type OptionalKeys<M extends MessageSpec> = Exclude<keyof M, RequiredKeys<M> | RepeatedKeys<M>>;

/** The decoded (and encodable) shape of a message: repeated fields are arrays, optional ones may be undefined. */
export type Message<M extends MessageSpec> = { [K in RequiredKeys<M>]: FieldValue<M[K]> } & {
  [K in RepeatedKeys<M>]: FieldValue<M[K]>[];
} & { [K in OptionalKeys<M>]?: FieldValue<M[K]> | undefined };

/** What encode accepts: repeated fields may be left out. */
export type MessageInput<M extends MessageSpec> = { [K in RequiredKeys<M>]: InputValue<M[K]> } & {
  [K in RepeatedKeys<M>]?: InputValue<M[K]>[] | undefined;
} & { [K in OptionalKeys<M>]?: InputValue<M[K]> | undefined };
type InputValue<F> = F extends MessageField ? MessageInput<F['message']> : F extends ScalarField ? ScalarValue<F['type']> : never;

export class ProtobufError extends Error {
  constructor(message: string) {
    super(`protobuf: ${message}`);
    this.name = 'ProtobufError';
  }
}

const WIRE_VARINT = 0;
const WIRE_64 = 1;
const WIRE_LEN = 2;
const WIRE_32 = 5;
const TWO_32 = 4294967296;

interface CompiledField {
  name: string;
  spec: FieldSpec;
}

/** Per-spec lookup tables, built once: fields by number, and the repeated and required names. */
interface CompiledSpec {
  byNumber: Array<CompiledField | undefined>;
  repeated: string[];
  required: string[];
}
const compiledCache = new WeakMap<MessageSpec, CompiledSpec>();

function compile(spec: MessageSpec): CompiledSpec {
  let compiled = compiledCache.get(spec);
  if (!compiled) {
    compiled = { byNumber: [], repeated: [], required: [] };
    for (const [name, field] of Object.entries(spec)) {
      compiled.byNumber[field.no] = { name, spec: field };
      if (field.rule === 'repeated') compiled.repeated.push(name);
      if (field.rule === 'required') compiled.required.push(name);
    }
    compiledCache.set(spec, compiled);
  }
  return compiled;
}

// ---------------------------------------------------------------- writing

class Writer {
  buf = Buffer.allocUnsafe(256);
  pos = 0;

  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  varint(v: number): void {
    this.ensure(10);
    if (v < 0) {
      // Negative int32/int64 take ten bytes of two's complement.
      let big = BigInt.asUintN(64, BigInt(v));
      while (big >= 0x80n) {
        this.buf[this.pos++] = Number(big & 0x7fn) | 0x80;
        big >>= 7n;
      }
      this.buf[this.pos++] = Number(big);
      return;
    }
    while (v >= 0x80) {
      this.buf[this.pos++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buf[this.pos++] = v;
  }

  tag(no: number, wire: number): void {
    this.varint(no * 8 + wire);
  }

  bytes(b: Uint8Array): void {
    this.varint(b.length);
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  string(s: string): void {
    const n = Buffer.byteLength(s);
    this.varint(n);
    this.ensure(n);
    this.buf.write(s, this.pos, 'utf8');
    this.pos += n;
  }
}

function writeScalar(w: Writer, no: number, type: ScalarType, value: unknown, path: string): void {
  switch (type) {
    case 'string':
      if (typeof value !== 'string') throw new ProtobufError(`${path} must be a string`);
      w.tag(no, WIRE_LEN);
      w.string(value);
      return;
    case 'bytes':
      if (!(value instanceof Uint8Array)) throw new ProtobufError(`${path} must be bytes`);
      w.tag(no, WIRE_LEN);
      w.bytes(value);
      return;
    case 'bool':
      if (typeof value !== 'boolean') throw new ProtobufError(`${path} must be a boolean`);
      w.tag(no, WIRE_VARINT);
      w.varint(value ? 1 : 0);
      return;
    default:
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new ProtobufError(`${path} must be an integer`);
      w.tag(no, WIRE_VARINT);
      w.varint(value);
  }
}

function writeMessage(w: Writer, spec: MessageSpec, value: object, path: string): void {
  const record = value as Record<string, unknown>;
  for (const [name, field] of Object.entries(spec)) {
    const v = record[name];
    const fieldPath = `${path}.${name}`;
    if (v === undefined || v === null) {
      if (field.rule === 'required') throw new ProtobufError(`${fieldPath} is required`);
      continue;
    }
    const items: unknown[] = field.rule === 'repeated' ? (Array.isArray(v) ? v : [v]) : [v];
    for (const item of items) {
      if (field.type === 'message') {
        if (typeof item !== 'object' || item === null) throw new ProtobufError(`${fieldPath} must be a message`);
        const inner = new Writer();
        writeMessage(inner, field.message, item, fieldPath);
        w.tag(field.no, WIRE_LEN);
        w.bytes(inner.buf.subarray(0, inner.pos));
      } else {
        writeScalar(w, field.no, field.type, item, fieldPath);
      }
    }
  }
}

export function encodeMessage<M extends MessageSpec>(spec: M, value: MessageInput<M>, name = 'message'): Buffer {
  const w = new Writer();
  writeMessage(w, spec, value, name);
  return w.buf.subarray(0, w.pos);
}

// ---------------------------------------------------------------- reading

class Reader {
  pos: number;
  constructor(
    readonly buf: Buffer,
    start: number,
    readonly end: number,
  ) {
    this.pos = start;
  }

  varint(): number {
    const start = this.pos;
    let result = 0;
    let scale = 1;
    // Seven bytes hold 49 bits: exact in a double. Longer varints take the BigInt path.
    for (let i = 0; i < 7; i++) {
      if (this.pos >= this.end) throw new ProtobufError('truncated varint');
      const b = this.buf[this.pos++]!;
      result += (b & 0x7f) * scale;
      if (b < 0x80) return result;
      scale *= 0x80;
    }
    this.pos = start;
    return this.longVarint();
  }

  private longVarint(): number {
    let big = 0n;
    let shift = 0n;
    for (;;) {
      if (this.pos >= this.end) throw new ProtobufError('truncated varint');
      const b = this.buf[this.pos++]!;
      big |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) break;
      shift += 7n;
      if (shift > 63n) throw new ProtobufError('varint longer than ten bytes');
    }
    const signed = BigInt.asIntN(64, big);
    if (signed > BigInt(Number.MAX_SAFE_INTEGER) || signed < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw new ProtobufError(`integer ${signed} is outside the safe range`);
    }
    return Number(signed);
  }

  length(): number {
    const n = this.varint();
    if (this.pos + n > this.end) throw new ProtobufError('truncated length-delimited field');
    return n;
  }

  skip(wire: number): void {
    switch (wire) {
      case WIRE_VARINT:
        this.varint();
        return;
      case WIRE_64:
        this.pos += 8;
        break;
      case WIRE_LEN: {
        const n = this.length(); // read before adding: length() moves pos
        this.pos += n;
        return;
      }
      case WIRE_32:
        this.pos += 4;
        break;
      default:
        throw new ProtobufError(`unsupported wire type ${wire}`);
    }
    if (this.pos > this.end) throw new ProtobufError('truncated field');
  }
}

function readScalar(r: Reader, type: ScalarType, wire: number, name: string): unknown {
  if (type === 'string' || type === 'bytes') {
    if (wire !== WIRE_LEN) throw new ProtobufError(`field ${name} has wire type ${wire}, expected length-delimited`);
    const n = r.length();
    const start = r.pos;
    r.pos += n;
    return type === 'string' ? r.buf.toString('utf8', start, r.pos) : r.buf.subarray(start, r.pos);
  }
  if (wire !== WIRE_VARINT) throw new ProtobufError(`field ${name} has wire type ${wire}, expected varint`);
  const v = r.varint();
  if (type === 'bool') return v !== 0;
  if (type === 'int32') return v > 0x7fffffff ? v - TWO_32 : v;
  return v;
}

function readMessage(r: Reader, spec: MessageSpec, path: string): Record<string, unknown> {
  const { byNumber, repeated, required } = compile(spec);
  const out: Record<string, unknown> = {};
  for (const name of repeated) out[name] = [];
  while (r.pos < r.end) {
    const key = r.varint();
    const no = Math.floor(key / 8);
    const wire = key % 8;
    const compiled = byNumber[no];
    if (!compiled) {
      r.skip(wire);
      continue;
    }
    const { name, spec: field } = compiled;
    let value: unknown;
    if (field.type === 'message') {
      if (wire !== WIRE_LEN) throw new ProtobufError(`${path}.${name} has wire type ${wire}, expected a message`);
      const n = r.length();
      const inner = new Reader(r.buf, r.pos, r.pos + n);
      value = readMessage(inner, field.message, `${path}.${name}`);
      r.pos += n;
    } else if (field.rule === 'repeated' && wire === WIRE_LEN && field.type !== 'string' && field.type !== 'bytes') {
      // Packed repeated scalars.
      const n = r.length();
      const packed = new Reader(r.buf, r.pos, r.pos + n);
      const list = out[name] as unknown[];
      while (packed.pos < packed.end) list.push(readScalar(packed, field.type, WIRE_VARINT, name));
      r.pos += n;
      continue;
    } else {
      value = readScalar(r, field.type, wire, `${path}.${name}`);
    }
    if (field.rule === 'repeated') (out[name] as unknown[]).push(value);
    else out[name] = value;
  }
  for (const name of required) if (out[name] === undefined) throw new ProtobufError(`${path}.${name} is required but missing`);
  return out;
}

export function decodeMessage<M extends MessageSpec>(spec: M, bytes: Uint8Array, name = 'message'): Message<M> {
  const buf = bufferOf(bytes);
  // The reader builds exactly the fields the spec declares, so the cast only restates the spec.
  return readMessage(new Reader(buf, 0, buf.length), spec, name) as Message<M>;
}
