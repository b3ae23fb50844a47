import { describe, expect, it } from 'vitest';
import { gatherRgba, rgbaWords } from './color-rule';

// RGBA bytes [r, g, b, a] read as one little-endian 32-bit word: r + g·2^8 + b·2^16 + a·2^24
const word = (r: number, g: number, b: number, a: number) => r + g * 256 + b * 65_536 + a * 16_777_216;

describe('rgbaWords', () => {
  it('views an aligned array in place: one word per row, little-endian', () => {
    const rgba = Uint8Array.from([1, 2, 3, 4, 250, 0, 0, 255]);
    const words = rgbaWords(rgba);
    expect([...words]).toEqual([word(1, 2, 3, 4), word(250, 0, 0, 255)]);
    expect([...words]).toEqual([0x04030201, 0xff0000fa]);
    expect(words.buffer).toBe(rgba.buffer);
    rgba[0] = 9; // a view: later writes show
    expect(words[0]).toBe(word(9, 2, 3, 4));
  });

  it('views a subarray that starts on a 4-byte boundary, over its own rows only', () => {
    const all = Uint8Array.from([1, 1, 1, 1, 5, 6, 7, 8, 9, 10, 11, 12, 2, 2, 2, 2]);
    const words = rgbaWords(all.subarray(4, 12));
    expect([...words]).toEqual([word(5, 6, 7, 8), word(9, 10, 11, 12)]);
    expect(words.buffer).toBe(all.buffer);
    expect(words.byteOffset).toBe(4);
  });

  it('copies a subarray at an offset that is not a multiple of 4', () => {
    const all = Uint8Array.from([0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 9]);
    for (const offset of [1, 2, 3]) {
      const rows = all.subarray(offset, offset + 8);
      const b = [...rows];
      const words = rgbaWords(rows);
      expect([...words]).toEqual([word(b[0]!, b[1]!, b[2]!, b[3]!), word(b[4]!, b[5]!, b[6]!, b[7]!)]);
      expect(words.buffer).not.toBe(all.buffer);
    }
    expect([...rgbaWords(all.subarray(3, 11))]).toEqual([word(1, 2, 3, 4), word(5, 6, 7, 8)]);
  });

  it('an empty array has no words', () => {
    expect(rgbaWords(new Uint8Array(0)).length).toBe(0);
  });
});

describe('gatherRgba', () => {
  const rgba = Uint8Array.from([10, 11, 12, 13, 20, 21, 22, 23, 30, 31, 32, 33]);

  it('copies the chosen rows in their order, repeats included', () => {
    expect([...gatherRgba(rgba, [2, 0, 2])]).toEqual([30, 31, 32, 33, 10, 11, 12, 13, 30, 31, 32, 33]);
    expect([...gatherRgba(rgba, Int32Array.from([1]))]).toEqual([20, 21, 22, 23]);
    expect(gatherRgba(rgba, []).length).toBe(0);
  });

  it('reads colours from an unaligned subarray and never writes to the source', () => {
    const backing = new Uint8Array(13);
    backing.set(rgba, 1);
    const src = backing.subarray(1);
    const out = gatherRgba(src, [1, 2]);
    expect([...out]).toEqual([20, 21, 22, 23, 30, 31, 32, 33]);
    out[0] = 0;
    expect([...src]).toEqual([...rgba]);
  });
});
