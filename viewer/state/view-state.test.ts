import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CAMERA,
  DEFAULT_TIME,
  decodeViewState,
  encodeViewState,
  nextMode,
  type ViewState,
} from './view-state';

const defaults: ViewState = {
  camera: DEFAULT_CAMERA,
  layers: ['roads', 'buildings'],
  opacity: {},
  filters: {},
  time: DEFAULT_TIME,
  playing: false,
  speed: 60,
  lang: 'zh-CN',
  mode: 'analyst',
};

describe('view state in the URL', () => {
  it('round-trips every field', () => {
    const s: ViewState = {
      camera: { lon: 121.5, lat: 31.24, height: 812.5, heading: 91.25, pitch: -33.5 },
      layers: ['pump-stations', 'muck-trucks'],
      opacity: { 'pump-stations': 0.4 },
      filters: { 'pump-stations': [{ column: 'district', op: 'in', value: '黄浦区|浦东新区' }] },
      time: Date.parse('2013-09-13T09:30:00Z'),
      playing: true,
      speed: 300,
      lang: 'en',
      mode: 'wall',
    };
    expect(decodeViewState(encodeViewState(s), defaults)).toEqual(s);
  });

  it('falls back to defaults on garbage', () => {
    const s = decodeViewState('cam=1,2&lang=fr&mode=boss&t=yesterday&filter=bad&speed=-3', defaults);
    expect(s).toEqual({ ...defaults, filters: {} });
  });

  it('keeps an explicitly empty layer list', () => {
    expect(decodeViewState('layers=', defaults).layers).toEqual([]);
  });

  it('keeps added 3D Tilesets (repeatable ?tileset=), in order, without duplicates or non-http URLs', () => {
    const a = 'https://tiles.example.cn/survey/tileset.json?v=2&k=a,b';
    const b = 'http://127.0.0.1:9000/bim/tileset.json';
    const s: ViewState = { ...defaults, tilesets: [a, b, '/tiles/buildings/tileset.json'] };
    const encoded = encodeViewState(s);
    expect(new URLSearchParams(encoded).getAll('tileset')).toEqual(s.tilesets);
    expect(decodeViewState(encoded, defaults)).toEqual(s);
    const dirty = `tileset=${encodeURIComponent(a)}&tileset=${encodeURIComponent(a)}&tileset=javascript:alert(1)&tileset=//evil&tileset=ftp://x/t.json`;
    expect(decodeViewState(dirty, defaults).tilesets).toEqual([a]);
    expect(decodeViewState('', defaults).tilesets).toBeUndefined();
  });

  it('cycles modes', () => {
    expect(nextMode('wall')).toBe('analyst');
    expect(nextMode('planner')).toBe('wall');
  });
});
