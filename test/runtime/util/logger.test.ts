import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLogger } from '../../../runtime/util/logger.ts';

// JSON lines for SLS: one object per line, context fields carried by children, int64 kept exact.

describe('createLogger', () => {
  it('writes one JSON object per line with the fields of every parent', () => {
    const lines: string[] = [];
    const logger = createLogger({ write: (l) => lines.push(l), now: () => new Date(0) }, { job: 'orders' });
    logger.child({ window: '20261126T1050Z' }).info('window exported', { records: 12n ** 20n, shard: 's1' });
    assert.equal(lines.length, 1);
    assert.deepEqual(JSON.parse(lines[0]!), {
      time: '1970-01-01T00:00:00.000Z', level: 'info', message: 'window exported',
      job: 'orders', window: '20261126T1050Z', records: '3833759992447475122176', shard: 's1',
    });
  });

  it('drops lines below its level', () => {
    const lines: string[] = [];
    const logger = createLogger({ write: (l) => lines.push(l), level: 'warn' });
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e', { error: new Error('boom') });
    assert.deepEqual(lines.map((l) => JSON.parse(l).level), ['warn', 'error']);
    assert.equal(JSON.parse(lines[1]!).error.message, 'boom');
  });
});
