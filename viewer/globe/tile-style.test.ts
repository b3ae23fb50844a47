import { Cesium3DTileStyle } from 'cesium';
import { describe, expect, it } from 'vitest';
import { buildings } from '../../layers/defs/base';
import { buildTileStyle, filterExpression } from './tile-style';

describe('3D Tiles style from the layer definition', () => {
  it('turns the category rule into conditions Cesium accepts', () => {
    const s = buildTileStyle(
      buildings.style.color,
      0.5,
      [{ column: 'height', op: 'ge', value: '100' }],
      (c) => ['height'].includes(c),
    );
    const v = (name: string) => `$\{${name}}`;
    expect(s.show).toBe(`${v('height')} >= 100`);
    expect(JSON.stringify(s.color)).toContain(`${v('height_source')} === 'measured'`);
    expect(() => new Cesium3DTileStyle(s)).not.toThrow();
  });

  it('quotes strings and splits `in` lists', () => {
    const v = (name: string) => `$\{${name}}`;
    expect(filterExpression({ column: 'kind', op: 'in', value: "a|b'c" }, false)).toBe(
      `(${v('kind')} === 'a' || ${v('kind')} === 'b\\'c')`,
    );
    expect(filterExpression({ column: 'synthetic', op: 'eq', value: 'true' }, false)).toBe(
      `${v('synthetic')} === true`,
    );
  });
});
