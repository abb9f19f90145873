import { geoEqualEarth, geoPath } from 'd3-geo';
import type { FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import world from 'world-atlas/countries-50m.json';

export interface ProjectedWorld {
  width: number;
  height: number;
  /** Top edge of the drawing, for the SVG viewBox. */
  top: number;
  /** One per world-atlas feature: its id (absent for some disputed areas) and SVG path. */
  shapes: { id: string | number | undefined; d: string }[];
}

export const MAP_WIDTH = 960;
// Antarctica has no health-security data and would take a fifth of the map's height.
const LEFT_OUT = new Set(['010']);

let projected: ProjectedWorld | null = null;

/** Projects the Natural Earth 1:50m countries once (Equal Earth keeps areas comparable between regions). */
export function projectedWorld(): ProjectedWorld {
  if (projected) return projected;
  const topology = world as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const all = feature(topology, topology.objects.countries) as FeatureCollection<Geometry, { name: string }>;
  const features = all.features.filter((f) => !LEFT_OUT.has(String(f.id ?? '')));
  const collection: FeatureCollection<Geometry, { name: string }> = { type: 'FeatureCollection', features };
  const projection = geoEqualEarth().fitWidth(MAP_WIDTH, collection);
  // One decimal of a pixel is plenty on screen and keeps the SVG markup small.
  const path = geoPath(projection).digits(1);
  const [[, top], [, bottom]] = path.bounds(collection);
  projected = {
    width: MAP_WIDTH,
    height: Math.ceil(bottom - top),
    top: Math.floor(top),
    shapes: features.map((f) => ({ id: f.id, d: path(f) ?? '' })),
  };
  return projected;
}
