// The tablestore SDK loads generated protobuf code for its whole API (tables, search, SQL, time series,
// tunnels: 620 KiB minified), defining every type at load. The function makes a handful of table and row
// calls, so its bundle keeps the types those calls reach and leaves out the rest. A type left out throws a
// clear error when touched, instead of surfacing as "cannot read properties of undefined".

/**
 * The SDK calls the function makes (the status table's rows, DescribeTable of the data table), whose request
 * and response types are kept. A test checks that every `sdkCall` in the function's code is listed.
 */
export const KEPT_CALLS = ['DescribeTable', 'GetRow', 'PutRow', 'UpdateRow', 'DeleteRow', 'GetRange'] as const;

/** Types the SDK's encoder and decoder read for those calls besides their requests and responses. */
const KEPT_TYPES = ['Error', 'Direction', 'IndexSyncPhase', 'IndexMeta'];

export interface TrimmedProtos {
  source: string;
  /** main.proto types kept, in file order. */
  kept: string[];
  /** Types left out, as `namespace.proto.Name`. */
  dropped: string[];
}

const BLOCK_START = /^ {8}proto\.(\w+) = \(function\(\) \{$/;
const BLOCK_END = /^ {8}\}\)\(\);$/;

interface Namespace {
  /** Line index of `    <name>.proto = (function() {`. */
  start: number;
  /** Line index of its `        return proto;`. */
  ret: number;
  blocks: Array<{ name: string; from: number; to: number }>;
}

function namespaceOf(lines: string[], name: string): Namespace {
  const start = lines.indexOf(`    ${name}.proto = (function() {`);
  if (start < 0) throw new Error(`tablestore protos: no namespace ${name}.proto; the SDK's generated code changed, review stacks/tablestore-protos.ts`);
  const blocks: Namespace['blocks'] = [];
  for (let i = start + 1; i < lines.length; i++) {
    if (lines[i] === '        return proto;') return { start, ret: i, blocks };
    const m = BLOCK_START.exec(lines[i]!);
    if (!m) continue;
    let end = i + 1;
    while (end < lines.length && !BLOCK_END.test(lines[end]!)) end++;
    blocks.push({ name: m[1]!, from: i, to: end });
    i = end;
  }
  throw new Error(`tablestore protos: ${name}.proto does not end; review stacks/tablestore-protos.ts`);
}

const guard = (path: string, dropped: string[]) =>
  `ots2ossLeftOut(proto, ${JSON.stringify(path)}, ${JSON.stringify(dropped)})`;

const GUARD_FUNCTION = `
function ots2ossLeftOut(ns, path, dropped) {
    var gone = new Set(dropped);
    return new Proxy(ns, { get: function(target, key, receiver) {
        if (typeof key === "string" && gone.has(key)) throw new Error("the tablestore SDK's protobuf type " + path + "." + key + " is left out of the function bundle: stacks/tablestore-protos.ts keeps the types of the calls the function makes (KEPT_CALLS); add the call there");
        return Reflect.get(target, key, receiver);
    } });
}
`;

/**
 * The SDK's tablestore_compiled_proto.js with main.proto cut to the types `calls` reach (following the
 * references between types), filter.proto whole, and search.proto left out.
 */
export function trimCompiledProtos(source: string, calls: readonly string[] = KEPT_CALLS): TrimmedProtos {
  const lines = source.split('\n');
  const main = namespaceOf(lines, 'main');
  const filter = namespaceOf(lines, 'filter');
  const search = namespaceOf(lines, 'search');
  const byName = new Map(main.blocks.map((b) => [b.name, b]));
  const refs = (from: number, to: number) => [...lines.slice(from, to + 1).join('\n').matchAll(/\$root\.main\.proto\.(\w+)/g)].map((m) => m[1]!);

  const roots = [...calls.flatMap((c) => [`${c}Request`, `${c}Response`]), ...KEPT_TYPES, ...refs(filter.start, filter.ret)];
  const kept = new Set<string>();
  const pending = [...roots];
  while (pending.length) {
    const name = pending.pop()!;
    if (kept.has(name)) continue;
    const block = byName.get(name);
    if (!block) throw new Error(`tablestore protos: main.proto has no type ${name}; the SDK's generated code changed, review stacks/tablestore-protos.ts`);
    kept.add(name);
    pending.push(...refs(block.from, block.to));
  }

  const mainDropped = main.blocks.filter((b) => !kept.has(b.name));
  const searchNames = search.blocks.map((b) => b.name);
  const drop = new Set<number>();
  for (const b of mainDropped) for (let i = b.from; i <= b.to; i++) drop.add(i);
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (drop.has(i)) continue;
    if (i === main.ret) out.push(`        return ${guard('main.proto', mainDropped.map((b) => b.name))};`);
    else if (i === search.start) {
      out.push(`    search.proto = (function() { var proto = {}; return ${guard('search.proto', searchNames)}; })();`);
      i = search.ret + 1; // through `    })();`
    } else out.push(lines[i]!);
  }
  const exportAt = out.lastIndexOf('module.exports = $root;');
  if (exportAt < 0) throw new Error('tablestore protos: no module.exports; review stacks/tablestore-protos.ts');
  out.splice(exportAt, 0, GUARD_FUNCTION);
  return {
    source: out.join('\n'),
    kept: main.blocks.filter((b) => kept.has(b.name)).map((b) => b.name),
    dropped: [...mainDropped.map((b) => `main.proto.${b.name}`), ...searchNames.map((n) => `search.proto.${n}`)],
  };
}
