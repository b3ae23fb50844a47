import { describe, expect, it } from 'vitest';
import { DEFAULT_CAMERA, DEFAULT_TIME, decodeViewState, type ViewState } from './view-state';

const defaults: ViewState = {
  camera: DEFAULT_CAMERA,
  layers: ['roads'],
  opacity: {},
  filters: { roads: [{ column: 'kind', op: 'eq', value: 'primary' }] },
  time: DEFAULT_TIME,
  playing: true,
  speed: 60,
  lang: 'zh-CN',
  mode: 'analyst',
};

describe('decodeViewState edge cases', () => {
  it('starts at 2013-09-13 16:00 Shanghai time (08:00 UTC)', () => {
    expect(DEFAULT_TIME).toBe(Date.UTC(2013, 8, 13, 8, 0, 0));
  });

  it('keeps default filters and playing when the URL says nothing of them', () => {
    const s = decodeViewState('layers=roads', defaults);
    expect(s.filters).toEqual(defaults.filters);
    expect(s.playing).toBe(true);
  });

  it('replaces the default filters by the URL filters, every operator accepted', () => {
    const ops = ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'in'];
    const s = decodeViewState(ops.map((op) => `filter=pumps.flow:${op}:1`).join('&'), defaults);
    expect(s.filters).toEqual({ pumps: ops.map((op) => ({ column: 'flow', op, value: '1' })) });
  });

  it('rejects a filter with text before the layer id and a camera with any non-number', () => {
    const s = decodeViewState('filter=.pumps.flow:eq:1&cam=121,31,NaN,0,-30', defaults);
    expect(s.filters).toEqual({});
    expect(s.camera).toEqual(DEFAULT_CAMERA);
  });

  it('drops a filter whose value holds a line break, rather than keeping the text before it', () => {
    const s = decodeViewState('filter=pumps.status:eq:fault%0Aok&filter=pumps.flow:gt:2', defaults);
    expect(s.filters).toEqual({ pumps: [{ column: 'flow', op: 'gt', value: '2' }] });
  });
});
