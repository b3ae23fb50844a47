import { centroid } from '@turf/turf';
import { useEffect, useState } from 'react';
import type { DistrictFeature } from './district-shading';
import type { MapLabel } from './map-labels';
import { KEY_PLACES } from './wall-places';

/** What the wall's map needs once: district polygons and the labels of districts, landmarks and stations. */
export interface BasePlaces {
  districts: DistrictFeature[];
  labels: MapLabel[];
}

interface GeoPoint {
  geometry: { coordinates: [number, number] } | null;
  properties: Record<string, unknown>;
}

async function geojson<T>(url: string, signal: AbortSignal): Promise<T[]> {
  const r = await fetch(url, { signal });
  if (!r.ok) throw new Error(`HTTP ${r.status} ${url}`);
  return ((await r.json()) as { features: T[] }).features;
}

/** A label point for a district: its centroid (turf). */
function labelPoint(f: DistrictFeature): [number, number] {
  return centroid(f as never).geometry.coordinates as [number, number];
}

/** Turns the three answers into labels: districts, the key places, pumping and metro stations (Chinese names). */
export function buildLabels(districts: DistrictFeature[], metro: GeoPoint[], pumps: GeoPoint[]): MapLabel[] {
  const out: MapLabel[] = [];
  for (const d of districts) {
    const p = d.properties;
    const [lon, lat] =
      typeof p.lon === 'number' && typeof p.lat === 'number' ? [p.lon, p.lat] : labelPoint(d);
    // Small central districts would pile up at the city view; they show once the camera is closer.
    const inner = typeof p.area_km2 === 'number' && p.area_km2 < 100;
    out.push({ kind: inner ? 'inner-district' : 'district', text: String(p.name ?? d.id), lon, lat });
  }
  out.push({ kind: 'core', text: '中心城区 · 外滩 陆家嘴', lon: 121.4975, lat: 31.2385 });
  const places: Record<string, [number, number]> = {
    bund: [121.4905, 31.2397],
    lujiazui: [121.5055, 31.2397],
    yuyuan: [121.4921, 31.2272],
    'nanjing-road': [121.4835, 31.2378],
  };
  for (const k of KEY_PLACES) {
    const at = places[k.id];
    if (at) out.push({ kind: 'landmark', text: k.caption['zh-CN'], lon: at[0], lat: at[1] });
  }
  for (const [kind, list] of [
    ['pump', pumps],
    ['metro', metro],
  ] as const)
    for (const f of list) {
      const c = f.geometry?.coordinates;
      if (c && typeof f.properties.name === 'string')
        out.push({ kind, text: f.properties.name, lon: c[0], lat: c[1] });
    }
  return out;
}

/** Loads the base places once, retrying every 5 s until the server answers. */
export function useBasePlaces(): BasePlaces {
  const [s, setS] = useState<BasePlaces>({ districts: [], labels: [] });
  useEffect(() => {
    const ac = new AbortController();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const load = async () => {
      try {
        const [districts, metro, pumps] = await Promise.all([
          geojson<DistrictFeature>('/api/layers/districts/features?format=geojson&limit=1000', ac.signal),
          geojson<GeoPoint>(
            '/api/layers/metro-stations/features?format=geojson&columns=name&limit=10000',
            ac.signal,
          ),
          geojson<GeoPoint>(
            '/api/layers/pump-stations/features?format=geojson&columns=name&limit=10000',
            ac.signal,
          ),
        ]);
        setS({ districts, labels: buildLabels(districts, metro, pumps) });
      } catch {
        if (!ac.signal.aborted) timer = setTimeout(load, 5000);
      }
    };
    void load();
    return () => {
      ac.abort();
      if (timer) clearTimeout(timer);
    };
  }, []);
  return s;
}
