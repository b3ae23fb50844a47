import { useCallback, useEffect, useMemo, useState } from 'react';
import { useCesium } from 'resium';
import { LAYERS, type LayerDefinition } from '../layers';
import { useCatalog } from './data/use-catalog';
import { BuildingsTiles } from './globe/buildings-tiles';
import { CameraSync } from './globe/camera-sync';
import { ExternalTilesets } from './globe/external-tilesets';
import { OfflineGlobe } from './globe/offline-globe';
import { PickHandler } from './globe/pick-handler';
import { ViewScopeProvider } from './globe/view-scope-provider';
import { STRINGS } from './i18n/strings';
import { IncidentLayer } from './incidents/incident-layer';
import { IncidentsPanel } from './incidents/incidents-panel';
import { useIncidents } from './incidents/use-incidents';
import { BuildingOccluder } from './overlay/building-occluder';
import { DeckLayer } from './overlay/deck-layer';
import { DeckOverlay } from './overlay/deck-overlay';
import { RENDER_ENGINE } from './overlay/render-kinds';
import type { Selection } from './overlay/resolve-pick';
import { useScenarioReplay } from './replay/use-scenario-replay';
import { type Clock, createClock } from './state/clock';
import { useCoarseClock } from './state/use-coarse-clock';
import { useKeyboard } from './state/use-keyboard';
import {
  DEFAULT_CAMERA,
  DEFAULT_TIME,
  decodeViewState,
  encodeViewState,
  type FilterClause,
  nextMode,
  type ViewState,
} from './state/view-state';
import { ExternalTilesetRows } from './ui/add-tileset';
import { CatalogPanel } from './ui/catalog-panel';
import { Credits } from './ui/credits';
import { HelpOverlay } from './ui/help-overlay';
import { Inspector } from './ui/inspector';
import { LayerErrorBoundary } from './ui/layer-error-boundary';
import { TimeControl } from './ui/time-control';
import { WallPage } from './wall/wall-page';

const DAY = 86_400_000;

/** The view state a bare URL opens with: the Bund, default-visible layers, the storm hour, Chinese, analyst. */
export function defaultViewState(): ViewState {
  return {
    camera: DEFAULT_CAMERA,
    layers: LAYERS.filter((l) => l.style.visible).map((l) => l.id),
    opacity: {},
    filters: {},
    time: DEFAULT_TIME,
    playing: false,
    speed: 60,
    lang: 'zh-CN',
    mode: 'analyst',
  };
}

function ExposeViewer() {
  const { viewer } = useCesium();
  useEffect(() => {
    const w = window as unknown as { __twin?: Record<string, unknown> };
    const stats = { frames: 0, renderMs: 0 };
    w.__twin = { ...(w.__twin ?? {}), viewer, stats };
    if (!viewer) return;
    let t0 = 0;
    const offPre = viewer.scene.preRender.addEventListener(() => {
      t0 = performance.now();
    });
    const offPost = viewer.scene.postRender.addEventListener(() => {
      stats.frames++;
      stats.renderMs += performance.now() - t0;
    });
    return () => {
      offPre();
      offPost();
    };
  }, [viewer]);
  return null;
}

function LayerView(props: {
  def: LayerDefinition;
  view: ViewState;
  time: number;
  clock: Clock;
  interpolate: boolean;
}) {
  const { def, view, time, clock } = props;
  const opacity = view.opacity[def.id] ?? def.style.opacity;
  const filters = view.filters[def.id] ?? [];
  return (
    <LayerErrorBoundary id={def.id}>
      {RENDER_ENGINE[def.style.kind] === 'cesium' ? (
        <BuildingsTiles def={def} opacity={opacity} filters={filters} />
      ) : (
        <DeckLayer
          def={def}
          opacity={opacity}
          filters={filters}
          time={time}
          clock={clock}
          interpolate={props.interpolate}
        />
      )}
    </LayerErrorBoundary>
  );
}

/**
 * The viewer application: `?mode=wall` opens the commander's wall, any other mode the analyst/planner page. A
 * scenario briefing on the wall (`?scenario=<id>&mode=wall&autoplay=1`) runs on the replay page in wall mode (large
 * captions, camera flights, remote control), which owns the scenario clock.
 */
export function App() {
  const wall = useMemo(() => {
    const q = new URLSearchParams(window.location.search);
    return q.get('mode') === 'wall' && !q.has('scenario');
  }, []);
  return wall ? <WallPage /> : <AnalystApp />;
}

/** Globe + overlay, catalog, inspector, time control, credits, shortcuts (analyst and planner modes). */
function AnalystApp() {
  const catalog = useCatalog();
  const [view, setView] = useState<ViewState>(() =>
    decodeViewState(window.location.search, defaultViewState()),
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: the clock is created once from the opening URL
  const clock = useMemo(
    () =>
      createClock({
        time: view.time,
        playing: view.playing,
        speed: view.speed,
        range: [DEFAULT_TIME - DAY, DEFAULT_TIME + DAY],
      }),
    [],
  );
  // Per-frame work stays out of React: the app re-renders once per simulated minute; moving layers follow
  // the clock themselves.
  const clockState = useCoarseClock(clock, 60_000);
  const replay = useScenarioReplay(clock, clockState, view, setView);
  const [selection, setSelection] = useState<Selection | null>(null);
  const [help, setHelp] = useState(false);
  const incidents = useIncidents();
  const [incidentId, setIncidentId] = useState<string | null>(null);

  useEffect(() => {
    if (catalog.timeRange) clock.setRange(catalog.timeRange);
  }, [catalog.timeRange, clock]);
  useEffect(() => {
    const w = window as unknown as { __twin?: Record<string, unknown> };
    w.__twin = { ...(w.__twin ?? {}), clock }; // test hook: drive the clock without frames
  }, [clock]);

  // The URL follows the view (replaceState, at most twice a second while the clock plays).
  const encoded =
    encodeViewState({
      ...view,
      time: Math.floor(clockState.time / 60_000) * 60_000,
      playing: clockState.playing,
      speed: clockState.speed,
    }) + replay.urlSuffix;
  useEffect(() => {
    // Switching to the wall (M or the mode button) reopens the page as the wall page; a scenario briefing stays
    // here in wall mode (it owns the scenario clock).
    if (view.mode === 'wall' && !replay.scenarioParam) return window.location.assign(`?${encoded}`);
    const id = setTimeout(() => window.history.replaceState(null, '', `?${encoded}`), 300);
    return () => clearTimeout(id);
  }, [encoded, view.mode, replay.scenarioParam]);

  const patch = useCallback((p: Partial<ViewState>) => setView((v) => ({ ...v, ...p })), []);
  useKeyboard({
    ' ': () => clock.toggle(),
    l: () => setView((v) => ({ ...v, lang: v.lang === 'zh-CN' ? 'en' : 'zh-CN' })),
    m: () => setView((v) => ({ ...v, mode: nextMode(v.mode) })),
    '?': () => setHelp((h) => !h),
    escape: () => {
      setHelp(false);
      setSelection(null);
    },
    arrowleft: () => clock.seek(clock.get().time - 300_000),
    arrowright: () => clock.seek(clock.get().time + 300_000),
  });

  const lang = view.lang;
  const visibleDefs = replay.withStyles(catalog.layers.filter((l) => view.layers.includes(l.id)));
  const anySynthetic = visibleDefs.some((l) => l.provenance.synthetic);
  return (
    <div className={`app mode-${view.mode}`} lang={lang} data-mode={view.mode} data-lang={lang}>
      <OfflineGlobe>
        <ExposeViewer />
        <CameraSync pose={view.camera} onMoved={(camera) => patch({ camera })} />
        <ExternalTilesets
          urls={view.tilesets ?? []}
          flyOnOpen={!new URLSearchParams(window.location.search).has('cam')}
        />
        <DeckOverlay order={[...catalog.layers.map((l) => l.id), 'incidents']}>
          <ViewScopeProvider>
            {view.layers.includes('buildings') && <BuildingOccluder />}
            {catalog.status !== 'loading' &&
              visibleDefs.map((def) => (
                <LayerView
                  key={def.id}
                  def={def}
                  view={view}
                  time={clockState.time}
                  clock={clock}
                  interpolate={replay.interpolation}
                />
              ))}
          </ViewScopeProvider>
          <IncidentLayer events={incidents.events} selectedId={incidentId} />
          <PickHandler onSelect={setSelection} />
          {replay.deck}
        </DeckOverlay>
        {replay.globe}
      </OfflineGlobe>
      <header className="topbar">
        <h1>{STRINGS.appTitle[lang]}</h1>
        <nav>
          {(['wall', 'analyst', 'planner'] as const).map((m) => (
            <button key={m} type="button" aria-pressed={view.mode === m} onClick={() => patch({ mode: m })}>
              {STRINGS[m][lang]}
            </button>
          ))}
          <button type="button" onClick={() => patch({ lang: lang === 'zh-CN' ? 'en' : 'zh-CN' })}>
            {lang === 'zh-CN' ? 'EN' : '中文'}
          </button>
          <button type="button" onClick={() => setHelp((h) => !h)} aria-label={STRINGS.help[lang]}>
            ?
          </button>
        </nav>
      </header>
      {catalog.status === 'fallback' && (
        <div className="banner error" data-testid="catalog-error">
          {STRINGS.catalogOffline[lang]} ({catalog.error})
        </div>
      )}
      <CatalogPanel
        layers={catalog.layers}
        visible={view.layers}
        opacity={view.opacity}
        filters={view.filters}
        lang={lang}
        mode={view.mode}
        onToggle={(id, on) =>
          setView((v) => ({ ...v, layers: on ? [...v.layers, id] : v.layers.filter((x) => x !== id) }))
        }
        onOpacity={(id, value) => setView((v) => ({ ...v, opacity: { ...v.opacity, [id]: value } }))}
        onFilters={(id, f: FilterClause[]) => setView((v) => ({ ...v, filters: { ...v.filters, [id]: f } }))}
      >
        <ExternalTilesetRows
          urls={view.tilesets ?? []}
          lang={lang}
          canAdd={view.mode !== 'wall'}
          onAdd={(url) => setView((v) => ({ ...v, tilesets: [...(v.tilesets ?? []), url] }))}
          onRemove={(url) =>
            setView((v) => ({ ...v, tilesets: (v.tilesets ?? []).filter((u) => u !== url) }))
          }
        />
      </CatalogPanel>
      {selection && (
        <Inspector
          selection={selection}
          lang={lang}
          time={clockState.time}
          onClose={() => setSelection(null)}
        />
      )}
      {view.mode !== 'wall' && (
        <IncidentsPanel lang={lang} {...incidents} selectedId={incidentId} onSelect={setIncidentId} />
      )}
      <TimeControl clock={clock} state={clockState} lang={lang} />
      {replay.overlay}
      <Credits lang={lang} synthetic={anySynthetic} />
      {help && <HelpOverlay lang={lang} onClose={() => setHelp(false)} />}
    </div>
  );
}
