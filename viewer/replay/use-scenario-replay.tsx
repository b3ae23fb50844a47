import './replay.css';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import type { LayerDefinition } from '../../layers';
import { cameraAt, type Scenario, stateAt } from '../../scenarios';
import { REPLAY_STRINGS } from '../i18n/replay-strings';
import type { Clock, ClockState } from '../state/clock';
import type { ViewState } from '../state/view-state';
import { AnnotationPins } from './annotation-pins';
import { BriefingCaption } from './briefing-caption';
import { recordFrames } from './frame-stats';
import { HighlightRings } from './highlight-rings';
import { KnownEvents } from './known-events';
import { readReplayParams, replayQuerySuffix } from './replay-url';
import { ScenarioCamera } from './scenario-camera';
import { TimelineStrip } from './timeline-strip';
import { useBriefing } from './use-briefing';
import { useScenario } from './use-scenario';

/** What the app mounts for a scenario: parts inside the globe, overlays, the URL suffix and style overrides. */
export interface ScenarioReplay {
  scenario: Scenario | null;
  /** Children of the deck.gl overlay (rings round highlighted features). */
  deck: ReactNode;
  /** Children of the globe (camera flights, pinned annotations). */
  globe: ReactNode;
  /** Screen overlays (briefing caption, or timeline strip and known events). */
  overlay: ReactNode;
  /** Query suffix keeping `scenario`, `autoplay`, `session` in the rewritten URL. */
  urlSuffix: string;
  /** The `scenario` the URL asked for (null when none), known before the document loads. */
  scenarioParam: string | null;
  /** Moving layers interpolate between samples unless the URL says `interp=0` (the replay benchmark's switch). */
  interpolation: boolean;
  /** Layer definitions with the scenario's style overrides applied (layer default < scenario). */
  withStyles<T extends LayerDefinition>(defs: T[]): T[];
}

/**
 * Scenario replay and briefing on the app's one clock: `?scenario=<id>` opens an analyst replay (the clock ranges
 * over the scenario window; timeline strip; events known at t), `&mode=wall&autoplay=1` a looping briefing with
 * large captions and camera flights, `&session=<s>` makes the wall follow a remote control. What the URL already
 * says (t, cam, layers, speed) wins over the scenario's opening state, so a reloaded URL shows the same picture.
 */
export function useScenarioReplay(
  clock: Clock,
  clockState: ClockState,
  view: ViewState,
  setView: (f: (v: ViewState) => ViewState) => void,
): ScenarioReplay {
  const [params] = useState(() => readReplayParams(window.location.search));
  const [given] = useState(() => new URLSearchParams(window.location.search));
  const load = useScenario(params.scenario);
  const scenario = load.status === 'ready' ? load.scenario : null;
  const briefing = scenario !== null && view.mode === 'wall';

  // Opening state: clock range, time, speed, layers, filters, camera (unless the URL carries them).
  useEffect(() => {
    if (!scenario) return;
    const from = Date.parse(scenario.window.from);
    const to = Date.parse(scenario.window.to);
    const keepRange = (s: ClockState) => {
      if (s.range[0] !== from || s.range[1] !== to) clock.setRange([from, to]);
    };
    keepRange(clock.get());
    const t = Date.parse(given.get('t') ?? '');
    if (!(t >= from && t <= to)) clock.seek(from);
    if (!given.has('speed')) clock.setSpeed(scenario.defaultRate);
    const s0 = stateAt(scenario, clock.get().time);
    setView((v) => ({
      ...v,
      layers: given.has('layers') ? v.layers : s0.layers,
      filters: given.has('filter') ? v.filters : { ...v.filters, ...s0.filters },
      opacity: given.has('opacity') ? v.opacity : { ...v.opacity, ...s0.opacity },
      camera: given.has('cam') || !s0.camera ? v.camera : s0.camera,
    }));
    return clock.subscribe(keepRange);
  }, [scenario, clock, given, setView]);

  const state = useMemo(
    () => (scenario ? stateAt(scenario, clockState.time) : null),
    [scenario, clockState.time],
  );
  const b = useBriefing(scenario, clock, {
    enabled: briefing && (params.autoplay || params.session !== null),
    autoplay: params.autoplay,
    session: params.session,
  });

  // Briefing: each step shows its own layers.
  const stepLayers =
    briefing && scenario ? stateAt(scenario, Date.parse(scenario.steps[b.index]?.at ?? '')).layers : null;
  const stepKey = stepLayers?.join(',');
  useEffect(() => {
    if (stepKey === undefined) return;
    setView((v) =>
      v.layers.join(',') === stepKey ? v : { ...v, layers: stepKey ? stepKey.split(',') : [] },
    );
  }, [stepKey, setView]);

  const step = scenario?.steps[b.index];
  const flight =
    briefing && scenario && step ? (step.camera ?? cameraAt(scenario, Date.parse(step.at))) : null;

  useEffect(() => {
    const w = window as unknown as { __twin?: Record<string, unknown> };
    w.__twin = {
      ...(w.__twin ?? {}),
      recordFrames,
      interpolation: params.interpolation,
      replay: {
        scenario: scenario?.id ?? null,
        status: load.status,
        time: clockState.time,
        stepIndex: state?.stepIndex ?? -1,
        briefingIndex: briefing ? b.index : null,
        loop: b.loop,
      },
    };
  }, [scenario, load.status, clockState.time, state, briefing, b.index, b.loop, params.interpolation]);

  const lang = view.lang;
  const overlay =
    load.status === 'error' ? (
      <div className="banner error" data-testid="scenario-error">
        {REPLAY_STRINGS.failed[lang]} ({load.error})
      </div>
    ) : !scenario || !state ? null : briefing ? (
      <BriefingCaption
        scenario={scenario}
        index={b.index}
        time={clockState.time}
        lang={lang}
        playing={b.playing}
      />
    ) : (
      <>
        <TimelineStrip scenario={scenario} clock={clock} time={clockState.time} lang={lang} />
        <KnownEvents known={state.known} lang={lang} onSeek={(t) => clock.seek(t)} />
      </>
    );
  const highlights =
    briefing && scenario ? (scenario.steps[b.index]?.highlights ?? []) : (state?.highlights ?? []);
  return {
    scenario,
    deck: scenario ? <HighlightRings highlights={highlights} time={clockState.time} /> : null,
    globe: scenario ? (
      <>
        {flight && <ScenarioCamera pose={flight} />}
        {state && <AnnotationPins annotations={state.annotations} lang={lang} />}
      </>
    ) : null,
    overlay,
    urlSuffix: replayQuerySuffix(params),
    scenarioParam: params.scenario ?? null,
    interpolation: params.interpolation,
    withStyles: (defs) =>
      state
        ? defs.map((d) =>
            state.styles[d.id] ? { ...d, style: { ...d.style, ...state.styles[d.id] } as typeof d.style } : d,
          )
        : defs,
  };
}
