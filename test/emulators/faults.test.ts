import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { OssFaults } from '../../emulators/oss/faults.ts';
import { TablestoreFaults } from '../../emulators/tablestore/faults.ts';

// Fault rates draw from each emulator's `random`; a test replaces it with a seeded generator after
// construction to replay a run, so the replacement must reach every draw.

describe('emulator fault draws', () => {
  it('Tablestore: a generator set after construction decides every errorRate draw', () => {
    const faults = new TablestoreFaults();
    faults.add({ operation: 'GetRow', errorRate: 0.5, code: 'OTSServerBusy', count: 100 });
    faults.random = () => 0.4;
    assert.equal(faults.decide('GetRow').error?.code, 'OTSServerBusy');
    faults.random = () => 0.6;
    assert.equal(faults.decide('GetRow').error, undefined);
    Object.assign(faults, { random: () => 0.1 });
    assert.equal(faults.decide('GetRow').error?.code, 'OTSServerBusy');
  });

  it('OSS: a generator set after construction decides every errorRate draw', async () => {
    const faults = new OssFaults();
    faults.add({ operation: 'PutObject', errorRate: 0.5, code: 'SlowDown', status: 503, count: 100 });
    Object.assign(faults, { random: () => 0.4 });
    await assert.rejects(faults.apply({ operation: 'PutObject', bucket: 'b', key: 'k' }), /SlowDown|Injected fault/);
    faults.random = () => 0.6;
    await faults.apply({ operation: 'PutObject', bucket: 'b', key: 'k' });
  });
});
