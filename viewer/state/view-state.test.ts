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

  it('writes an explicit URL string', () => {
    const s: ViewState = {
      camera: { lon: 121.4999994, lat: 31.24, height: 812.54, heading: 91.256, pitch: -33.5 },
      layers: ['pump-stations', 'muck-trucks'],
      opacity: { 'pump-stations': 0.4, roads: 1 },
      filters: {
        'pump-stations': [
          { column: 'district', op: 'in', value: 'A|B' },
          { column: 'level', op: 'ge', value: '2' },
        ],
      },
      time: Date.parse('2013-09-13T09:30:00Z'),
      playing: true,
      speed: 300,
      lang: 'en',
      mode: 'wall',
    };
    expect(encodeViewState(s)).toBe(
      'cam=121.499999%2C31.24%2C812.5%2C91.26%2C-33.5&layers=pump-stations%2Cmuck-trucks' +
        '&opacity=pump-stations%3A0.4%2Croads%3A1' +
        '&filter=pump-stations.district%3Ain%3AA%7CB&filter=pump-stations.level%3Age%3A2' +
        '&t=2013-09-13T09%3A30%3A00Z&play=1&speed=300&lang=en&mode=wall',
    );
    expect(encodeViewState({ ...defaults, time: Date.parse('2013-09-13T08:00:00.250Z') })).toBe(
      'cam=121.466%2C31.229%2C1500%2C62%2C-28&layers=roads%2Cbuildings&t=2013-09-13T08%3A00%3A00.250Z&speed=60&lang=zh-CN&mode=analyst',
    );
  });

  it('reads an explicit URL string (as a person would type it)', () => {
    const s = decodeViewState(
      '?cam=121.5,31.24,812.5,91.25,-33.5&layers=pump-stations,muck-trucks&opacity=pump-stations:0.4,a:b:0.25' +
        '&filter=pump-stations.district:in:黄浦区|浦东新区&filter=muck-trucks.speed:gt:30&t=2013-09-13T09:30:00Z' +
        '&play=1&speed=300&lang=en&mode=wall',
      defaults,
    );
    expect(s).toEqual({
      camera: { lon: 121.5, lat: 31.24, height: 812.5, heading: 91.25, pitch: -33.5 },
      layers: ['pump-stations', 'muck-trucks'],
      opacity: { 'pump-stations': 0.4, 'a:b': 0.25 },
      filters: {
        'pump-stations': [{ column: 'district', op: 'in', value: '黄浦区|浦东新区' }],
        'muck-trucks': [{ column: 'speed', op: 'gt', value: '30' }],
      },
      time: Date.parse('2013-09-13T09:30:00Z'),
      playing: true,
      speed: 300,
      lang: 'en',
      mode: 'wall',
    });
    expect(decodeViewState('play=0', { ...defaults, playing: true }).playing).toBe(false);
    expect(decodeViewState('lang=zh-CN', { ...defaults, lang: 'en' }).lang).toBe('zh-CN');
    expect(decodeViewState('mode=planner', defaults).mode).toBe('planner');
  });

  it('clamps opacity to [0, 1] and ignores unreadable opacities', () => {
    const s = decodeViewState('opacity=roads:1.7,water:-0.2,districts:0.3,bad:x,:0.5,novalue', defaults);
    expect(s.opacity).toEqual({ roads: 1, water: 0, districts: 0.3 });
  });

  it('rejects a stopped or backwards clock speed (speed=0, negative, not a number)', () => {
    for (const speed of ['0', '-0', '-60', 'fast', '', 'Infinity'])
      expect(decodeViewState(`speed=${speed}`, defaults).speed).toBe(60);
    expect(decodeViewState('speed=0.5', defaults).speed).toBe(0.5);
  });

  it('ignores filters with unknown operators or without a layer, keeping the valid ones', () => {
    const s = decodeViewState('filter=roads.kind:like:x&filter=nolayer:eq:1&filter=roads.kind:eq:', defaults);
    expect(s.filters).toEqual({ roads: [{ column: 'kind', op: 'eq', value: '' }] });
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

  it('keeps a render scale other than 1 (?res=) through encode and decode, and drops 1', () => {
    const s: ViewState = { ...defaults, renderScale: 0.5 };
    const encoded = encodeViewState(s);
    expect(new URLSearchParams(encoded).get('res')).toBe('0.5');
    expect(decodeViewState(encoded, defaults)).toEqual(s);
    expect(new URLSearchParams(encodeViewState({ ...defaults, renderScale: 1 })).has('res')).toBe(false);
    expect(decodeViewState('res=1', defaults).renderScale).toBeUndefined();
  });

  it('cycles modes', () => {
    expect(nextMode('wall')).toBe('analyst');
    expect(nextMode('planner')).toBe('wall');
  });
});
