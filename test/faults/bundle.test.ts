import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { bundleFunction } from '../../stacks/bundle.ts';
import { invokeBundledHandler, unpackBundle } from './support/bundle.ts';
import { reportCounts } from './support/tally.ts';

// The package FC runs, run: stacks/bundle.ts over runtime/handler.ts, invoked once against the emulators.

const work = mkdtempSync(join(tmpdir(), 'ots2oss-faults-bundle-'));
after(() => {
  rmSync(work, { recursive: true, force: true });
  reportCounts('faults/bundle');
});

describe('the function package', () => {
  // tsconfig's `strict` would make esbuild put "use strict" atop the CommonJS bundle, and the tablestore
  // SDK assigns an undeclared `key` (lib/protocol/plian_buffer_builder.js), so every GetRow/PutRow
  // would fail with "key is not defined": the bundle as FC loads it must run the export for real.
  it('a timer invocation of the bundled handler exports against the emulators', async () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const bundle = await bundleFunction({ entry: join(root, 'runtime/handler.ts'), outDir: work });
    const result = await invokeBundledHandler(unpackBundle(bundle.zipPath, join(work, 'code')));
    assert.equal(result.error, undefined);
    assert.equal(result.ok, true);
    assert.equal(result.records, 20);
  });
});
