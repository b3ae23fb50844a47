import { useEffect, useRef, useState } from 'react';
import { briefingPositionAt, type Scenario, stepClockTime } from '../../scenarios';
import type { Clock } from '../state/clock';

/** What a wall shows of a briefing: the step, whether autoplay runs, and completed loops. */
export interface BriefingView {
  index: number;
  playing: boolean;
  loop: number;
}

/**
 * Runs a briefing on the one clock: steps follow each other with their dwell times (looping unattended) while
 * `playing`; each step sets the clock to its time (running `at` → `until` over the dwell for span steps). With
 * a `session`, the wall also follows the remote control's commands over SSE (`/api/briefings/:session/stream`).
 */
export function useBriefing(
  scenario: Scenario | null,
  clock: Clock,
  opts: { enabled: boolean; autoplay: boolean; session: string | null },
): BriefingView {
  const [view, setView] = useState<BriefingView>({ index: 0, playing: opts.autoplay, loop: 0 });
  // Autoplay is measured from an anchor: (step index at anchor, wall time at anchor).
  const anchor = useRef({ index: 0, at: performance.now(), pausedIn: 0 });

  useEffect(() => {
    if (!scenario || !opts.enabled || !opts.session) return;
    const es = new EventSource(`/api/briefings/${encodeURIComponent(opts.session)}/stream`);
    es.addEventListener('state', (e) => {
      const s = JSON.parse((e as MessageEvent<string>).data) as {
        scenario: string | null;
        index: number;
        playing: boolean;
        seq: number;
      };
      if (s.seq === 0 || s.scenario !== scenario.id) return;
      anchor.current = { index: s.index, at: performance.now(), pausedIn: 0 };
      setView((v) => ({ index: s.index, playing: s.playing, loop: v.loop }));
    });
    return () => es.close();
  }, [scenario, opts.enabled, opts.session]);

  useEffect(() => {
    if (!scenario || !opts.enabled || scenario.steps.length === 0) return;
    clock.pause();
    if (!view.playing) {
      clock.seek(stepClockTime(scenario, view.index, anchor.current.pausedIn));
      return;
    }
    let raf = 0;
    const tick = () => {
      const elapsed = performance.now() - anchor.current.at + anchor.current.pausedIn;
      const pos = briefingPositionAt(scenario, elapsed, anchor.current.index);
      if (pos) {
        clock.seek(pos.time);
        setView((v) =>
          v.index === pos.stepIndex && v.loop === pos.loop
            ? v
            : { ...v, index: pos.stepIndex, loop: pos.loop },
        );
        anchor.current.pausedIn = 0;
      }
      raf = requestAnimationFrame(tick);
    };
    tick();
    return () => cancelAnimationFrame(raf);
  }, [scenario, opts.enabled, view.playing, view.index, clock]);

  return view;
}
