import { describe, expect, it } from 'vitest';
import { renderScale } from './render-scale';

describe('renderScale (?res=)', () => {
  it('reads the fraction of device pixels to draw', () => {
    expect(renderScale('?res=0.5')).toBe(0.5);
    expect(renderScale('?mode=wall&res=0.25')).toBe(0.25);
    expect(renderScale('?res=2')).toBe(2);
  });
  it('gives 1 when missing, unparsable or out of range', () => {
    expect(renderScale('')).toBe(1);
    expect(renderScale('?res=')).toBe(1);
    expect(renderScale('?res=abc')).toBe(1);
    expect(renderScale('?res=0.1')).toBe(1);
    expect(renderScale('?res=3')).toBe(1);
    expect(renderScale('?res=-1')).toBe(1);
  });
});
