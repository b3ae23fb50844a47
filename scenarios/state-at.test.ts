import { describe, expect, it } from 'vitest';
import { applyStepCommand, briefingLengthMs, briefingPositionAt, stepClockTime } from './briefing-plan';
import { parseScenario } from './migrate';
import { cameraAt, nextEventAfter, previousEventBefore, stateAt } from './state-at';

const T = (hhmm: string) => Date.parse(`2013-09-13T${hhmm}:00Z`);
const txt = (s: string) => ({ 'zh-CN': `${s}（中）`, en: s });
const A = { lon: 121, lat: 31, height: 1000, heading: 350, pitch: -30 };
const B = { lon: 122, lat: 32, height: 2000, heading: 10, pitch: -50 };

const scenario = parseScenario({
  version: 2,
  id: 'hand',
  title: txt('Hand'),
  window: { from: '2013-09-13T00:00:00Z', to: '2013-09-13T01:00:00Z' },
  layers: [
    { id: 'a', opacity: 0.5, filters: [{ column: 'depth_cm', op: 'ge', value: '15' }] },
    { id: 'b', style: { radiusMinPixels: 9 } },
    { id: 'c', visible: false },
  ],
  cameraKeyframes: [{ at: '2013-09-13T00:00:00Z', camera: A }],
  steps: [
    {
      id: 's1',
      title: txt('One'),
      narration: txt('first'),
      at: '2013-09-13T00:10:00Z',
      until: '2013-09-13T00:20:00Z',
      dwellSeconds: 10,
      layers: ['a'],
      highlights: [{ layer: 'a', ids: ['x'] }],
    },
    {
      id: 's2',
      title: txt('Two'),
      narration: txt('second'),
      at: '2013-09-13T00:30:00Z',
      dwellSeconds: 5,
      camera: B,
    },
  ],
  annotations: [
    {
      id: 'n',
      lon: 121.5,
      lat: 31.5,
      from: '2013-09-13T00:20:00Z',
      to: '2013-09-13T00:40:00Z',
      text: txt('note'),
    },
  ],
  events: [
    { id: 'e2', at: '2013-09-13T00:40:00Z', kind: 'alert', title: txt('later') },
    { id: 'e1', at: '2013-09-13T00:10:00Z', kind: 'alert', title: txt('earlier') },
  ],
});

describe('stateAt', () => {
  it('interpolates the camera between keyframes (heading the short way round) and holds it outside', () => {
    expect(cameraAt(scenario, T('00:00'))).toEqual(A);
    const mid = cameraAt(scenario, T('00:15'))!;
    expect(mid.lon).toBeCloseTo(121.5, 9);
    expect(mid.lat).toBeCloseTo(31.5, 9);
    expect(mid.height).toBeCloseTo(1500, 9);
    expect(mid.heading).toBeCloseTo(0, 9);
    expect(mid.pitch).toBeCloseTo(-40, 9);
    const q = cameraAt(scenario, T('00:06'))!; // f = 0.2: heading 350 + 4 = 354
    expect(q.heading).toBeCloseTo(354, 9);
    expect(q.lon).toBeCloseTo(121.2, 9);
    expect(cameraAt(scenario, T('00:45'))).toEqual(B);
  });

  it('gives layers, caption and highlights of the active step, and none once its span has ended', () => {
    const before = stateAt(scenario, T('00:05'));
    expect(before.stepIndex).toBe(-1);
    expect(before.caption).toBeNull();
    expect(before.layers).toEqual(['a', 'b']);
    const during = stateAt(scenario, T('00:15'));
    expect(during.stepIndex).toBe(0);
    expect(during.layers).toEqual(['a']);
    expect(during.caption?.title.en).toBe('One');
    expect(during.highlights).toEqual([{ layer: 'a', ids: ['x'] }]);
    expect(stateAt(scenario, T('00:20')).stepIndex).toBe(-1);
    expect(stateAt(scenario, T('00:30')).caption?.narration.en).toBe('second');
  });

  it('carries opacity, filters and style overrides of the scenario layers', () => {
    const s = stateAt(scenario, T('00:00'));
    expect(s.opacity).toEqual({ a: 0.5 });
    expect(s.filters).toEqual({ a: [{ column: 'depth_cm', op: 'ge', value: '15' }] });
    expect(s.styles).toEqual({ b: { radiusMinPixels: 9 } });
  });

  it('shows annotations over [from, to) and only events known at t (nothing from the future)', () => {
    expect(stateAt(scenario, T('00:19')).annotations).toEqual([]);
    expect(stateAt(scenario, T('00:20')).annotations.map((a) => a.id)).toEqual(['n']);
    expect(stateAt(scenario, T('00:40')).annotations).toEqual([]);
    expect(stateAt(scenario, T('00:09')).known).toEqual([]);
    expect(stateAt(scenario, T('00:10')).known.map((e) => e.id)).toEqual(['e1']);
    expect(stateAt(scenario, T('00:59')).known.map((e) => e.id)).toEqual(['e1', 'e2']);
    expect(nextEventAfter(scenario, T('00:10'))?.id).toBe('e2');
    expect(nextEventAfter(scenario, T('00:40'))).toBeNull();
    expect(previousEventBefore(scenario, T('00:40'))?.id).toBe('e1');
  });

  it('clamps t to the window', () => {
    expect(stateAt(scenario, T('00:00') - 1000).time).toBe(T('00:00'));
    expect(stateAt(scenario, T('02:00')).time).toBe(T('01:00'));
  });
});

describe('briefing plan', () => {
  it('walks the steps with their dwell times, runs span steps from at to until, and loops', () => {
    expect(briefingLengthMs(scenario)).toBe(15_000);
    expect(briefingPositionAt(scenario, 0)).toEqual({ stepIndex: 0, inStepMs: 0, time: T('00:10'), loop: 0 });
    // 5 s into the 10 s step whose span is 00:10–00:20 → 00:15
    expect(briefingPositionAt(scenario, 5000)?.time).toBe(T('00:15'));
    expect(briefingPositionAt(scenario, 12_000)).toEqual({
      stepIndex: 1,
      inStepMs: 2000,
      time: T('00:30'),
      loop: 0,
    });
    expect(briefingPositionAt(scenario, 16_000)).toMatchObject({ stepIndex: 0, inStepMs: 1000, loop: 1 });
    expect(briefingPositionAt(scenario, 1000, 1)).toMatchObject({ stepIndex: 1, inStepMs: 1000 });
    expect(stepClockTime(scenario, 0, 99_000)).toBe(T('00:20'));
  });

  it('applies remote commands with wrap-round', () => {
    expect(applyStepCommand(3, 2, { command: 'next' })).toBe(0);
    expect(applyStepCommand(3, 0, { command: 'previous' })).toBe(2);
    expect(applyStepCommand(3, 0, { command: 'jump', step: 4 })).toBe(1);
    expect(applyStepCommand(3, 1, { command: 'pause' })).toBe(1);
  });
});
