import { useId, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent, type MouseEvent, type PointerEvent } from 'react';
import type { CountryDto } from '@accord/contracts';
import { navigate } from '../app/navigation';
import { useI18n } from '../i18n/i18n-context';
import { projectedWorld } from './geometry';
import { joinShapes, regionByAtlasId, type MapCountry } from './region-join';
import { regionNameKey } from './region-names';

interface Hover {
  country: MapCountry;
  /** Position inside the map container, in CSS pixels. */
  x: number;
  y: number;
}

/** How a data map draws one country: its colour, and whether it is hatched (e.g. its data are older). */
export interface MapPaint {
  fill: string;
  hatched?: boolean;
}

export interface WorldMapProps {
  countries: readonly CountryDto[];
  /** The accessible name of the whole map; by default it says the map is coloured by WHO region. */
  label?: string;
  /** Colours by data instead of by WHO region (memoise it: the shapes are redrawn when it changes). */
  paint?: (country: MapCountry) => MapPaint;
  /** The lines under the name in the tooltip and the accessible name; by default the WHO region (memoise it too). */
  describe?: (country: MapCountry) => string[];
  /** What a click or Enter on a country does; by default it opens the country's page. */
  onSelect?: (country: MapCountry) => void;
  /** The country drawn as chosen, e.g. the one the explorer's chart shows. */
  selected?: string | null;
}

/** The offline world map, coloured by WHO region (or by data); a country opens its page on click or Enter. */
export function WorldMap({ countries, label, paint, describe, onSelect, selected = null }: WorldMapProps) {
  const { t, lang } = useI18n();
  const containerRef = useRef<HTMLDivElement>(null);
  const [hover, setHover] = useState<Hover | null>(null);
  const hatchId = `hatch-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const world = projectedWorld();
  const shapes = useMemo(() => joinShapes(world.shapes, regionByAtlasId(countries)), [world, countries]);
  const lines = useMemo(() => describe ?? ((country: MapCountry) => [t(regionNameKey(country.region))]), [describe, t]);

  const shapeOf = (target: EventTarget) => {
    const index = target instanceof SVGPathElement ? Number(target.dataset.index) : NaN;
    return Number.isInteger(index) ? shapes[index] : undefined;
  };

  const show = (country: MapCountry, clientX: number, clientY: number) => {
    const box = containerRef.current?.getBoundingClientRect();
    if (box) setHover({ country, x: clientX - box.left, y: clientY - box.top });
  };

  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    const country = shapeOf(e.target)?.country;
    if (country) show(country, e.clientX, e.clientY);
    else setHover(null);
  };

  const onFocus = (e: FocusEvent<SVGSVGElement>) => {
    const country = shapeOf(e.target)?.country;
    if (!country) return;
    const box = (e.target as Element).getBoundingClientRect();
    show(country, box.left + box.width / 2, box.top);
  };

  const open = (country: MapCountry | null | undefined) => {
    if (!country) return;
    if (onSelect) onSelect(country);
    else navigate(`/countries/${country.iso3}`);
  };

  const onKeyDown = (e: KeyboardEvent<SVGSVGElement>) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    const country = shapeOf(e.target)?.country;
    if (!country) return;
    e.preventDefault();
    open(country);
  };

  // The paths only change with the data or the language, not on every pointer move.
  const paths = useMemo(
    () =>
      shapes.flatMap(({ key, feature: { d }, country, fill }, index) => {
        if (!country) return [<path key={key} d={d} fill={fill} className="map-shape" data-region="none" data-index={index} />];
        const painted = paint?.(country) ?? { fill };
        const name = [country.names[lang], ...lines(country)].join(' — ');
        const shape = (
          <path
            key={key}
            d={d}
            fill={painted.fill}
            className={country.iso3 === selected ? 'map-shape map-country map-selected' : 'map-shape map-country'}
            data-iso3={country.iso3}
            data-region={country.region ?? 'none'}
            data-fill={painted.fill}
            data-hatched={painted.hatched ? 'true' : undefined}
            data-index={index}
            tabIndex={0}
            role={onSelect ? 'button' : 'link'}
            aria-pressed={onSelect ? country.iso3 === selected : undefined}
            aria-label={name}
          />
        );
        // The hatching lies over the colour and lets the pointer through to the country underneath.
        return painted.hatched
          ? [shape, <path key={`${key}:hatch`} d={d} fill={`url(#${hatchId})`} className="map-hatch" aria-hidden="true" />]
          : [shape];
      }),
    [shapes, lang, lines, paint, onSelect, selected, hatchId],
  );

  return (
    <div className="world-map" ref={containerRef}>
      <svg
        data-testid="world-map"
        viewBox={`0 ${world.top} ${world.width} ${world.height}`}
        role="group"
        aria-label={label ?? t('map.label')}
        onPointerMove={onPointerMove}
        onPointerLeave={() => setHover(null)}
        onClick={(e: MouseEvent<SVGSVGElement>) => open(shapeOf(e.target)?.country)}
        onFocus={onFocus}
        onBlur={() => setHover(null)}
        onKeyDown={onKeyDown}
      >
        {paint && (
          <defs>
            <pattern id={hatchId} patternUnits="userSpaceOnUse" width="4" height="4" patternTransform="rotate(45)">
              <line x1="0" y1="0" x2="0" y2="4" className="map-hatch-line" />
            </pattern>
          </defs>
        )}
        <g>{paths}</g>
      </svg>
      {hover && (
        // Placed at the pointer, which is a physical position, so physical left/top are right in both directions.
        <div className="map-tooltip" data-testid="map-tooltip" role="tooltip" style={{ left: hover.x, top: hover.y }}>
          <strong>{hover.country.names[lang]}</strong>
          {lines(hover.country).map((line, i) => (
            <span key={i}>{line}</span>
          ))}
        </div>
      )}
    </div>
  );
}
