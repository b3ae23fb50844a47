import { z } from 'zod';
import { ALERT_LEVELS, FILTER_OPS } from '../layers';

/** The current version of the scenario document; older versions are migrated (see `migrate.ts`). */
export const SCENARIO_VERSION = 2;

const iso = z
  .string()
  .refine((s) => Number.isFinite(Date.parse(s)), { message: 'expected an ISO 8601 time' })
  .describe('ISO 8601 time, UTC');

/** A bilingual text, Chinese first. */
export const textSchema = z.object({ 'zh-CN': z.string().min(1), en: z.string().min(1) });

/** A camera pose: degrees, metres above the ellipsoid (same shape as the viewer's `CameraPose`). */
export const cameraSchema = z.object({
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  height: z.number().positive(),
  heading: z.number(),
  pitch: z.number().min(-90).max(90),
});

/** One attribute filter, as the server's `filter=col:op:value` understands it. */
export const filterSchema = z.object({
  column: z.string().min(1),
  op: z.enum(FILTER_OPS),
  value: z.string(),
});

/** A layer of the scenario: visibility, opacity, style overrides (layer default < scenario < user), filters. */
export const scenarioLayerSchema = z.object({
  id: z.string().min(1),
  visible: z.boolean().default(true),
  opacity: z.number().min(0).max(1).optional(),
  style: z.record(z.string(), z.unknown()).optional(),
  filters: z.array(filterSchema).default([]),
});

/** Features to highlight: ids of one layer's features. */
export const highlightSchema = z.object({ layer: z.string().min(1), ids: z.array(z.string()).min(1) });

/** One story step of a briefing. */
export const storyStepSchema = z.object({
  id: z.string().min(1),
  title: textSchema,
  narration: textSchema,
  /** Clock time shown by the step; with `until`, the clock runs from `at` to `until` over the dwell. */
  at: iso,
  until: iso.optional(),
  dwellSeconds: z.number().positive().max(600),
  camera: cameraSchema.optional(),
  /** Visible layers during the step; absent keeps the scenario's visible layers. */
  layers: z.array(z.string().min(1)).optional(),
  highlights: z.array(highlightSchema).default([]),
});

/** A note pinned to a place for a span of time. */
export const annotationSchema = z.object({
  id: z.string().min(1),
  lon: z.number(),
  lat: z.number(),
  from: iso,
  to: iso.optional(),
  text: textSchema,
  level: z.enum(ALERT_LEVELS).optional(),
});

/** One event of the scenario's timeline (an alert crossing, a dispatch, an incident state change). */
export const timelineEventSchema = z.object({
  id: z.string().min(1),
  at: iso,
  kind: z.string().min(1),
  title: textSchema,
  level: z.enum(ALERT_LEVELS).optional(),
  layer: z.string().optional(),
  featureId: z.string().optional(),
  lon: z.number().optional(),
  lat: z.number().optional(),
});

/** An indicator charted on the timeline strip: one bucket measure of a layer, summed or averaged over features. */
export const indicatorSchema = z.object({
  layer: z.string().min(1),
  /** Bucket column of `/readings?bucket=` (e.g. `avg_rain_mm_h`, `max_depth_cm`). */
  measure: z.string().min(1),
  combine: z.enum(['sum', 'avg', 'max']).default('avg'),
  label: textSchema,
  unit: z.string().default(''),
});

/** Where the document came from: built in, or generated from an archived incident (`GET /api/events/:id/scenario`). */
export const scenarioSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('builtin') }),
  z.object({ kind: z.literal('generated'), eventId: z.string().min(1), generatedAt: iso.optional() }),
  z.object({ kind: z.literal('user') }),
]);

/** The scenario document, current version. */
export const scenarioSchema = z
  .object({
    version: z.literal(SCENARIO_VERSION),
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
    title: textSchema,
    summary: textSchema.optional(),
    source: scenarioSourceSchema.default({ kind: 'builtin' }),
    window: z.object({ from: iso, to: iso }),
    /** Default playback rate, simulated seconds per real second. */
    defaultRate: z.number().min(1).max(3600).default(60),
    layers: z.array(scenarioLayerSchema).default([]),
    cameraKeyframes: z.array(z.object({ at: iso, camera: cameraSchema })).default([]),
    steps: z.array(storyStepSchema).default([]),
    annotations: z.array(annotationSchema).default([]),
    events: z.array(timelineEventSchema).default([]),
    indicators: z.array(indicatorSchema).default([]),
  })
  .superRefine((s, ctx) => {
    const a = Date.parse(s.window.from);
    const b = Date.parse(s.window.to);
    if (!(a < b))
      ctx.addIssue({ code: 'custom', path: ['window', 'to'], message: 'window.to must follow from' });
    const inside = (v: string, path: (string | number)[]) => {
      const t = Date.parse(v);
      if (t < a || t > b) ctx.addIssue({ code: 'custom', path, message: `${v} lies outside the window` });
    };
    s.steps.forEach((st, i) => {
      inside(st.at, ['steps', i, 'at']);
      if (st.until) {
        inside(st.until, ['steps', i, 'until']);
        if (Date.parse(st.until) <= Date.parse(st.at))
          ctx.addIssue({ code: 'custom', path: ['steps', i, 'until'], message: 'until must follow at' });
      }
    });
    s.events.forEach((e, i) => {
      inside(e.at, ['events', i, 'at']);
    });
    s.cameraKeyframes.forEach((k, i) => {
      inside(k.at, ['cameraKeyframes', i, 'at']);
    });
    const ids = new Set<string>();
    s.steps.forEach((st, i) => {
      if (ids.has(st.id))
        ctx.addIssue({ code: 'custom', path: ['steps', i, 'id'], message: 'duplicate step id' });
      ids.add(st.id);
    });
  });

/** A validated scenario document (current version, defaults filled in). */
export type Scenario = z.output<typeof scenarioSchema>;
/** A scenario as authored (defaults may be left out). */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** One story step. */
export type StoryStep = Scenario['steps'][number];
/** One timeline event. */
export type TimelineEvent = Scenario['events'][number];
/** One pinned annotation. */
export type Annotation = Scenario['annotations'][number];
/** A camera pose of a scenario. */
export type ScenarioCamera = z.output<typeof cameraSchema>;
