import type { IconGlyph } from '../../layers';

/** Side of one atlas cell in pixels (icons are drawn at most about this size on screen). */
export const ICON_CELL = 64;
/** Radius of the badge disc inside a cell, in cell pixels. */
export const BADGE_RADIUS = 29;

/** One entry of deck.gl's icon mapping. */
export interface IconFrame {
  x: number;
  y: number;
  width: number;
  height: number;
  anchorX: number;
  anchorY: number;
  /** true: the alpha is a mask tinted by the layer's colour; false: the cell's own colours. */
  mask: boolean;
}

/** Names in the atlas: the badge every icon sits on, and one glyph per `IconGlyph`. */
export type AtlasName = 'badge' | IconGlyph;

/** The glyphs of the atlas in cell order after the badge. */
export const ICON_GLYPHS: readonly IconGlyph[] = ['shelter', 'team', 'pump', 'site'];

/** Dark rim and glyph outline: reads on the light tiles and on the dark ground alike. */
const RIM = 'rgba(16, 22, 32, 0.9)';
const GLYPH = '#ffffff';

type Draw = (g: CanvasRenderingContext2D) => void;

/** Glyph outlines in a 64-px cell centred on (32, 32); each stays inside the badge. */
const GLYPH_PATHS: Record<IconGlyph, Draw> = {
  // a house: roof and walls, with a dark door (evacuation shelter)
  shelter(g) {
    fillPolygon(g, [
      [14, 33],
      [32, 15],
      [50, 33],
      [45, 33],
      [45, 48],
      [19, 48],
      [19, 33],
    ]);
    g.fillStyle = RIM;
    g.fillRect(28, 38, 8, 10);
  },
  // a person: head and shoulders (a response team)
  team(g) {
    g.beginPath();
    g.arc(32, 21, 7, 0, 2 * Math.PI);
    fillGlyph(g);
    g.beginPath();
    g.moveTo(17, 48);
    g.quadraticCurveTo(17, 30, 32, 30);
    g.quadraticCurveTo(47, 30, 47, 48);
    g.closePath();
    fillGlyph(g);
  },
  // a water drop (pumping station)
  pump(g) {
    g.beginPath();
    g.moveTo(32, 13);
    g.bezierCurveTo(40, 25, 45, 31, 45, 38);
    g.arc(32, 38, 13, 0, Math.PI);
    g.bezierCurveTo(19, 31, 24, 25, 32, 13);
    g.closePath();
    fillGlyph(g);
  },
  // a traffic cone on its base (construction site)
  site(g) {
    fillPolygon(g, [
      [28, 14],
      [36, 14],
      [44, 44],
      [50, 44],
      [50, 49],
      [14, 49],
      [14, 44],
      [20, 44],
    ]);
    g.fillStyle = RIM;
    g.fillRect(24, 28, 16, 4);
  },
};

/** A closed polygon through `points`, filled as a glyph. */
function fillPolygon(g: CanvasRenderingContext2D, points: [number, number][]) {
  g.beginPath();
  g.moveTo(...points[0]!);
  for (const p of points.slice(1)) g.lineTo(...p);
  g.closePath();
  fillGlyph(g);
}

function fillGlyph(g: CanvasRenderingContext2D) {
  g.fillStyle = GLYPH;
  g.strokeStyle = RIM;
  g.lineWidth = 2;
  g.lineJoin = 'round';
  g.stroke();
  g.fill();
}

/** The mapping of the atlas: the badge in cell 0, glyphs after it, all anchored at their centre. */
export function iconMapping(): Record<AtlasName, IconFrame> {
  const frame = (i: number, mask: boolean): IconFrame => ({
    x: i * ICON_CELL,
    y: 0,
    width: ICON_CELL,
    height: ICON_CELL,
    anchorX: ICON_CELL / 2,
    anchorY: ICON_CELL / 2,
    mask,
  });
  const out = { badge: frame(0, true) } as Record<AtlasName, IconFrame>;
  ICON_GLYPHS.forEach((g, i) => {
    out[g] = frame(i + 1, false);
  });
  return out;
}

/**
 * Draws the atlas on a canvas: cell 0 a filled disc (a mask, tinted per feature by the layer's colour rule),
 * then per glyph a dark rim around the badge with the white glyph inside. Made in the page at first use, no
 * image files or downloads.
 */
export function drawIconAtlas(canvas: HTMLCanvasElement): HTMLCanvasElement {
  canvas.width = ICON_CELL * (1 + ICON_GLYPHS.length);
  canvas.height = ICON_CELL;
  const g = canvas.getContext('2d');
  if (!g) throw new Error('2D canvas unavailable for the icon atlas');
  g.clearRect(0, 0, canvas.width, canvas.height);
  const c = ICON_CELL / 2;
  g.fillStyle = '#ffffff';
  g.beginPath();
  g.arc(c, c, BADGE_RADIUS, 0, 2 * Math.PI);
  g.fill();
  ICON_GLYPHS.forEach((name, i) => {
    g.save();
    g.translate((i + 1) * ICON_CELL, 0);
    g.strokeStyle = RIM;
    g.lineWidth = 2.5;
    g.beginPath();
    g.arc(c, c, BADGE_RADIUS - 0.5, 0, 2 * Math.PI);
    g.stroke();
    GLYPH_PATHS[name](g);
    g.restore();
  });
  return canvas;
}

let shared: HTMLCanvasElement | null = null;

/**
 * The page's one icon atlas (drawn on first use); the same canvas object keeps deck.gl from re-uploading it.
 * Null without a DOM (unit tests of the layer props).
 */
export function iconAtlas(): HTMLCanvasElement | null {
  if (typeof document === 'undefined') return null;
  shared ??= drawIconAtlas(document.createElement('canvas'));
  return shared;
}
