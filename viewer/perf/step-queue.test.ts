import { describe, expect, it } from 'vitest';
import { queuedSteps, queueStep } from './step-queue';

/** Resolves after the queue has had `n` macrotasks. */
const tasks = (n: number) =>
  new Promise<void>((resolve) => {
    let left = n;
    const tick = () => (--left <= 0 ? resolve() : setTimeout(tick, 0));
    setTimeout(tick, 0);
  });

describe('queueStep', () => {
  it('runs the jobs in order, each in its own macrotask', async () => {
    const log: string[] = [];
    for (const name of ['a', 'b', 'c'])
      queueStep(
        () => {
          log.push(`run ${name}`);
          // a microtask queued by a job runs before the next job: they are separate tasks
          queueMicrotask(() => log.push(`after ${name}`));
          return name.toUpperCase();
        },
        (v) => log.push(`done ${v}`),
        () => log.push('fail'),
      );
    expect(log).toEqual([]); // nothing runs synchronously
    await tasks(5);
    expect(log).toEqual([
      'run a',
      'done A',
      'after a',
      'run b',
      'done B',
      'after b',
      'run c',
      'done C',
      'after c',
    ]);
    expect(queuedSteps()).toBe(0);
  });

  it('skips a cancelled job and keeps going after a failing one', async () => {
    const log: string[] = [];
    const cancel = queueStep(
      () => log.push('cancelled ran'),
      () => log.push('cancelled done'),
      () => log.push('cancelled fail'),
    );
    queueStep(
      () => {
        throw new Error('boom');
      },
      () => log.push('boom done'),
      (e) => log.push(`fail ${(e as Error).message}`),
    );
    queueStep(
      () => 1,
      (v) => log.push(`done ${v}`),
      () => log.push('fail'),
    );
    expect(queuedSteps()).toBe(3);
    cancel();
    expect(queuedSteps()).toBe(2);
    await tasks(5);
    expect(log).toEqual(['fail boom', 'done 1']);
  });
});
