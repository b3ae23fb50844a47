import { describe, expect, it } from 'vitest';
import { attributeTasks } from './step-attribution';

describe('attributeTasks', () => {
  it('counts only the part of each measure inside the task, overlaps once', () => {
    const tasks = [
      { start: 100, duration: 100 },
      { start: 400, duration: 60 },
    ];
    const measures = [
      { name: 'build a', start: 90, duration: 30 }, // 20 ms inside the first task
      { name: 'build b', start: 130, duration: 40 }, // 40 inside
      { name: 'decode', start: 150, duration: 10 }, // nested in build b: adds nothing
      { name: 'draw x', start: 300, duration: 20 }, // in no task
      { name: 'draw x', start: 450, duration: 30 }, // 10 inside the second task
    ];
    const shares = attributeTasks(tasks, measures);
    expect(shares.map((s) => s.oursMs)).toEqual([60, 10]);
    expect(shares[0]!.taskMs).toBe(100);
    expect(shares[0]!.parts).toEqual(['build b 40', 'build a 20', 'decode 10']);
    expect(shares[1]!.parts).toEqual(['draw x 10']);
  });

  it('gives a task with none of our measures a share of zero', () => {
    expect(attributeTasks([{ start: 0, duration: 80 }], [])).toEqual([{ taskMs: 80, oursMs: 0, parts: [] }]);
  });
});
