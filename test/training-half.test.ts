import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromHalfBits, halfBitsOf, roundToHalf, toHalfBits } from '../src/training/half.ts';

describe('half precision', () => {
  it('encodes known values, rounding to nearest with ties to even', () => {
    const cases: [number, number][] = [
      [0, 0x0000],
      [-0, 0x8000],
      [1, 0x3c00],
      [-2, 0xc000],
      [0.1, 0x2e66],
      [65504, 0x7bff], // the largest half
      [65519, 0x7bff], // rounds down to it
      [65520, 0x7c00], // rounds up past it: Infinity
      [1e6, 0x7c00],
      [-Infinity, 0xfc00],
      [2 ** -14, 0x0400], // the smallest normal
      [2 ** -24, 0x0001], // the smallest subnormal
      [2 ** -25, 0x0000], // a tie between 0 and 2^-24: even is 0
      [3 * 2 ** -26, 0x0001],
      [1 + 2 ** -11, 0x3c00], // a tie: even mantissa stays
      [1 + 3 * 2 ** -11, 0x3c02], // a tie: odd mantissa rounds up
      [1 + 2 ** -11 + 2 ** -20, 0x3c01], // just over the tie
    ];
    for (const [value, bits] of cases) assert.equal(toHalfBits(value), bits, `${value}`);
    assert.ok(Number.isNaN(fromHalfBits(toHalfBits(NaN))));
  });

  it('decodes every half and encodes it back to the same bits', () => {
    for (let bits = 0; bits < 0x10000; bits++) {
      const value = fromHalfBits(bits);
      if (Number.isNaN(value)) continue;
      assert.equal(toHalfBits(value), bits, `0x${bits.toString(16)}`);
    }
    assert.equal(fromHalfBits(0x3555), 0.333251953125);
    assert.equal(fromHalfBits(0x0001), 2 ** -24);
  });

  it('rounds a table in place to what its bit patterns hold', () => {
    const table = Float32Array.from([0.1, -1.2345, 3.14159, 1e-6, 42]);
    const bits = halfBitsOf(table);
    roundToHalf(table);
    table.forEach((v, i) => assert.equal(v, fromHalfBits(bits[i]!)));
    assert.equal(table[4], 42);
    assert.ok(Math.abs(table[1]! + 1.2345) < 1e-3 && table[1] !== Math.fround(-1.2345));
  });
});
