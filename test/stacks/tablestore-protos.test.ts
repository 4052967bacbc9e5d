import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { build } from 'esbuild';
import { KEPT_CALLS, trimCompiledProtos } from '../../stacks/tablestore-protos.ts';
import { projectRoot } from './support/synth.ts';

// The function bundle's cut of the tablestore SDK's generated protobuf code, checked against the SDK's
// own file: what is kept encodes and decodes byte for byte as the whole file does, and what is left out
// says so when touched. (test/faults/bundle.test.ts runs the bundled function against the emulators.)

const require = createRequire(import.meta.url);
const path = require.resolve('tablestore/lib/protocol/tablestore_compiled_proto.js');
const original = readFileSync(path, 'utf8');
const sdkRequire = createRequire(path);

interface MessageType {
  create(properties: object): unknown;
  encode(message: unknown): { finish(): Uint8Array };
  decode(bytes: Uint8Array): unknown;
  toObject(message: unknown, options: object): unknown;
}
type Protos = { main: { proto: Record<string, MessageType> }; filter: { proto: Record<string, unknown> }; search: { proto: Record<string, unknown> } };

/** Evaluates generated code as its module would run, with the SDK's own protobufjs. */
function load(source: string): Protos {
  const module = { exports: {} };
  new Function('require', 'module', 'exports', source)(sdkRequire, module, module.exports);
  return module.exports as Protos;
}

describe('tablestore protos in the function bundle', () => {
  const trimmed = trimCompiledProtos(original);
  const full = load(original);
  const cut = load(trimmed.source);

  it('keeps every kept call\'s request and response and every type they reach, and little else', () => {
    for (const call of KEPT_CALLS) for (const t of [`${call}Request`, `${call}Response`]) assert.ok(trimmed.kept.includes(t), t);
    const referenced = new Set([...trimmed.source.matchAll(/\$root\.main\.proto\.(\w+)/g)].map((m) => m[1]!));
    for (const name of referenced) assert.ok(trimmed.kept.includes(name), `${name} is referenced by a kept type but was left out`);
    assert.ok(trimmed.dropped.includes('main.proto.SQLQueryRequest') && trimmed.dropped.includes('search.proto.SearchRequest'));
    assert.ok(trimmed.source.length < original.length / 3, `${trimmed.source.length} of ${original.length} characters`);
  });

  it('keeps the calls of every sdkCall in the function\'s code', async () => {
    const { metafile } = await build({
      entryPoints: [`${projectRoot}/runtime/handler.ts`], bundle: true, platform: 'node', format: 'cjs', packages: 'external',
      write: false, metafile: true, logLevel: 'silent', absWorkingDir: projectRoot,
    });
    const calls = new Set(Object.keys(metafile.inputs).flatMap((file) =>
      [...readFileSync(`${projectRoot}/${file}`, 'utf8').matchAll(/sdkCall\('(\w+)'/g)].map((m) => m[1]!)));
    assert.ok(calls.has('GetRow') && calls.has('DescribeTable'), `found ${[...calls].join(', ')}`);
    for (const call of calls) assert.ok((KEPT_CALLS as readonly string[]).includes(call), `the function calls ${call}: add it to KEPT_CALLS`);
  });

  it('encodes and decodes the kept calls\' messages exactly as the whole file does', () => {
    const pk = Buffer.from([0x75, 0, 0, 0, 1, 2, 3]);
    const messages: Array<[string, object]> = [
      ['GetRowRequest', { tableName: 'ots2oss_status', primaryKey: pk, maxVersions: 1, columnsToGet: ['a', 'b'] }],
      ['PutRowRequest', { tableName: 't', row: pk, condition: { rowExistence: 2 }, returnContent: { returnType: 1 } }],
      ['UpdateRowRequest', { tableName: 't', rowChange: pk, condition: { rowExistence: 1, columnCondition: Buffer.from([9]) } }],
      ['GetRangeRequest', { tableName: 't', direction: 0, maxVersions: 1, limit: 100, inclusiveStartPrimaryKey: pk, exclusiveEndPrimaryKey: pk }],
      ['DeleteRowRequest', { tableName: 't', primaryKey: pk, condition: { rowExistence: 1 } }],
      ['DescribeTableResponse', {
        tableMeta: { tableName: 't', primaryKey: [{ name: 'id', type: 3 }] }, tableStatus: 1,
        streamDetails: { enableStream: true, streamId: 's', expirationTime: 24, lastEnableTime: 1 },
        reservedThroughputDetails: { capacityUnit: { read: 0, write: 0 }, lastIncreaseTime: 1 }, tableOptions: { timeToLive: -1, maxVersions: 1 },
      }],
    ];
    for (const [type, properties] of messages) {
      const bytes = full.main.proto[type]!.encode(full.main.proto[type]!.create(properties)).finish();
      assert.deepEqual(cut.main.proto[type]!.encode(cut.main.proto[type]!.create(properties)).finish(), bytes, type);
      const options = { longs: String, bytes: String, defaults: true };
      assert.deepEqual(cut.main.proto[type]!.toObject(cut.main.proto[type]!.decode(bytes), options), full.main.proto[type]!.toObject(full.main.proto[type]!.decode(bytes), options), type);
    }
    assert.equal(typeof cut.filter.proto.Filter, 'function', 'filters (conditional updates) stay whole');
  });

  it('names a left-out type and where to keep it when the SDK touches one', () => {
    assert.throws(() => cut.main.proto.SQLQueryRequest, /main\.proto\.SQLQueryRequest is left out of the function bundle: stacks\/tablestore-protos\.ts .*KEPT_CALLS/);
    assert.throws(() => cut.search.proto.SearchQuery, /search\.proto\.SearchQuery is left out/);
    assert.equal(cut.main.proto.NoSuchType, undefined, 'names the SDK never had read as before');
  });

  it('refuses, naming the file to review, when the SDK\'s generated code is not laid out as expected', () => {
    assert.throws(() => trimCompiledProtos(original, ['NoSuchCall']), /main\.proto has no type NoSuchCall(Request|Response); .*review stacks\/tablestore-protos\.ts/);
    assert.throws(() => trimCompiledProtos(original.replace('    main.proto = (function() {', '    main.protos = (function() {')), /no namespace main\.proto/);
  });
});
