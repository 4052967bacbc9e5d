import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { javaDouble, jsonDouble } from '../../../runtime/format/values.ts';

describe('javaDouble (DataX: BigDecimal(Double.toString(d)).toPlainString())', () => {
  it('matches Java for the decimal range, with at least one decimal', () => {
    const cases: Array<[number, string]> = [
      [1, '1.0'],
      [-1, '-1.0'],
      [100, '100.0'],
      [1.5, '1.5'],
      [0.1 + 0.2, '0.30000000000000004'],
      [0.001, '0.001'],
      [9999999, '9999999.0'],
      [9999999.5, '9999999.5'],
      [123.456, '123.456'],
    ];
    for (const [x, s] of cases) assert.equal(javaDouble(x), s, String(x));
  });

  it('expands what Java prints in scientific notation, keeping the mantissa digits as BigDecimal does', () => {
    const cases: Array<[number, string]> = [
      [1e7, '10000000'], // 1.0E7
      [1e10, '10000000000'], // 1.0E10
      [1.5e10, '15000000000'],
      [12345678.9, '12345678.9'], // 1.23456789E7
      [-2.5e20, '-250000000000000000000'],
      [1e-5, '0.000010'], // 1.0E-5 keeps its trailing zero
      [1.234e-5, '0.00001234'],
      [-1e-7, '-0.00000010'],
      [0.000999, '0.000999'], // 9.99E-4
      [2 ** 63, '9223372036854776000'], // 9.223372036854776E18: the digits Java prints, not the exact value
    ];
    for (const [x, s] of cases) assert.equal(javaDouble(x), s, String(x));
    assert.equal(javaDouble(Number.MAX_VALUE), '17976931348623157' + '0'.repeat(292));
    // Java prints Double.MIN_VALUE as 4.9E-324: the closest two-digit decimal, not 5E-324.
    assert.equal(javaDouble(Number.MIN_VALUE), '0.' + '0'.repeat(323) + '49');
  });

  it('spells the special values as Java does and keeps the sign of zero', () => {
    assert.equal(javaDouble(NaN), 'NaN');
    assert.equal(javaDouble(Infinity), 'Infinity');
    assert.equal(javaDouble(-Infinity), '-Infinity');
    assert.equal(javaDouble(0), '0.0');
    assert.equal(javaDouble(-0), '-0.0');
  });

  it('round-trips every finite double it renders', () => {
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const view = new DataView(new ArrayBuffer(8));
    for (let i = 0; i < 5000; i++) {
      view.setUint32(0, Math.floor(random() * 2 ** 32));
      view.setUint32(4, Math.floor(random() * 2 ** 32));
      const x = view.getFloat64(0);
      if (!Number.isFinite(x)) continue;
      const s = javaDouble(x);
      assert.ok(/^-?\d+(\.\d+)?$/.test(s), s);
      assert.ok(Object.is(Number(s), x) || (x === 0 && Number(s) === 0), `${x} -> ${s}`);
    }
  });
});

describe('jsonDouble', () => {
  it('always reads back as a double', () => {
    assert.equal(jsonDouble(1), '1.0');
    assert.equal(jsonDouble(-0), '-0.0');
    assert.equal(jsonDouble(1e21), '1e+21');
    assert.equal(jsonDouble(0.5), '0.5');
    assert.equal(jsonDouble(-1e-7), '-1e-7');
  });
});
