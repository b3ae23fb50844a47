import { z } from 'zod';
import { SCENARIO_VERSION, type Scenario, scenarioSchema } from './schema';

type Doc = Record<string, unknown>;

/** The version-1 document (first prototype): one camera, plain layer ids, steps with `time`/`text`/`dwell`. */
const v1Schema = z.object({
  version: z.literal(1),
  id: z.string(),
  name: z.object({ 'zh-CN': z.string(), en: z.string() }),
  start: z.string(),
  end: z.string(),
  speed: z.number().optional(),
  layers: z.array(z.string()).default([]),
  camera: z.record(z.string(), z.number()).optional(),
  steps: z
    .array(
      z.object({
        title: z.object({ 'zh-CN': z.string(), en: z.string() }),
        text: z.object({ 'zh-CN': z.string(), en: z.string() }),
        time: z.string(),
        dwell: z.number().optional(),
        camera: z.record(z.string(), z.number()).optional(),
      }),
    )
    .default([]),
  events: z
    .array(
      z.object({
        time: z.string(),
        label: z.object({ 'zh-CN': z.string(), en: z.string() }),
        level: z.string().optional(),
      }),
    )
    .default([]),
});

/** Migrations by source version: `MIGRATIONS[n]` turns a version-n document into version n+1. */
export const MIGRATIONS: Record<number, (doc: Doc) => Doc> = {
  1: (doc) => {
    const v1 = v1Schema.parse(doc);
    return {
      version: 2,
      id: v1.id,
      title: v1.name,
      window: { from: v1.start, to: v1.end },
      defaultRate: v1.speed ?? 60,
      layers: v1.layers.map((id) => ({ id })),
      cameraKeyframes: v1.camera ? [{ at: v1.start, camera: v1.camera }] : [],
      steps: v1.steps.map((s, i) => ({
        id: `step-${i + 1}`,
        title: s.title,
        narration: s.text,
        at: s.time,
        dwellSeconds: s.dwell ?? 10,
        ...(s.camera ? { camera: s.camera } : {}),
      })),
      events: v1.events.map((e, i) => ({
        id: `event-${i + 1}`,
        at: e.time,
        kind: 'note',
        title: e.label,
        ...(e.level ? { level: e.level } : {}),
      })),
    };
  },
};

/** The incident-review document of `GET /api/events/:id/scenario` (h4): `kind: 'incident-review'`, version 1. */
const incidentReviewSchema = z.object({
  kind: z.literal('incident-review'),
  id: z.string(),
  eventId: z.string(),
  title: z.object({ 'zh-CN': z.string(), en: z.string() }),
  window: z.object({ from: z.string(), to: z.string(), start: z.string().optional() }),
  camera: z.record(z.string(), z.number()).optional(),
  focus: z.object({ lon: z.number(), lat: z.number(), radiusMeters: z.number().optional() }).optional(),
  layers: z.array(z.string()).default([]),
});

/** Adapts an incident-review document to the current version: camera keyframe, focus annotation, layers. */
export function fromIncidentReview(doc: Doc): Doc {
  const r = incidentReviewSchema.parse(doc);
  const start = r.window.start ?? r.window.from;
  return {
    version: SCENARIO_VERSION,
    id: r.id,
    title: r.title,
    source: { kind: 'generated', eventId: r.eventId },
    window: { from: r.window.from, to: r.window.to },
    layers: r.layers.map((id) => ({ id })),
    cameraKeyframes: r.camera ? [{ at: r.window.from, camera: r.camera }] : [],
    annotations: r.focus
      ? [{ id: 'focus', lon: r.focus.lon, lat: r.focus.lat, from: start, text: r.title, level: 'warning' }]
      : [],
  };
}

/** Error thrown for a document that cannot be read: message names the path of the first problem. */
export class ScenarioError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
    this.name = 'ScenarioError';
  }
}

/**
 * Reads a scenario document of any known version: runs the migration chain up to `SCENARIO_VERSION`, then
 * validates with the current schema (defaults filled in). Throws `ScenarioError` naming the offending path.
 */
export function parseScenario(input: unknown): Scenario {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new ScenarioError('a scenario must be a JSON object', '');
  let doc = input as Doc;
  if (doc.kind === 'incident-review') {
    try {
      doc = fromIncidentReview(doc);
    } catch (err) {
      if (err instanceof z.ZodError) throw fromZod(err, 'incident review: ');
      throw err;
    }
  }
  const version = doc.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1 || version > SCENARIO_VERSION)
    throw new ScenarioError(`unknown scenario version ${JSON.stringify(version)}`, 'version');
  try {
    for (let v = version; v < SCENARIO_VERSION; v++) doc = MIGRATIONS[v]!(doc);
  } catch (err) {
    if (err instanceof z.ZodError) throw fromZod(err, `version ${version}: `);
    throw err;
  }
  const r = scenarioSchema.safeParse(doc);
  if (!r.success) throw fromZod(r.error, '');
  return r.data;
}

function fromZod(err: z.ZodError, prefix: string): ScenarioError {
  const issue = err.issues[0]!;
  const path = issue.path.join('.');
  return new ScenarioError(`${prefix}${path || '(root)'}: ${issue.message}`, path);
}
