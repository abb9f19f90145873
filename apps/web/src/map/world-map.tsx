import { useMemo, useRef, useState, type FocusEvent, type KeyboardEvent, type MouseEvent, type PointerEvent } from 'react';
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

/** The offline world map, coloured by WHO region; a country opens its page on click or Enter. */
export function WorldMap({ countries }: { countries: readonly CountryDto[] }) {
  const { t, lang } = useI18n();
  const containerRef = useRef<HTMLDivElement>(null);
  const [hover, setHover] = useState<Hover | null>(null);
  const world = projectedWorld();
  const shapes = useMemo(() => joinShapes(world.shapes, regionByAtlasId(countries)), [world, countries]);

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
    if (country) navigate(`/countries/${country.iso3}`);
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
      shapes.map(({ key, feature: { d }, country, fill }, index) => {
        if (!country) return <path key={key} d={d} fill={fill} className="map-shape" data-region="none" data-index={index} />;
        const label = `${country.names[lang]} — ${t(regionNameKey(country.region))}`;
        return (
          <path
            key={key}
            d={d}
            fill={fill}
            className="map-shape map-country"
            data-iso3={country.iso3}
            data-region={country.region ?? 'none'}
            data-index={index}
            tabIndex={0}
            role="link"
            aria-label={label}
          />
        );
      }),
    [shapes, lang, t],
  );

  return (
    <div className="world-map" ref={containerRef}>
      <svg
        data-testid="world-map"
        viewBox={`0 ${world.top} ${world.width} ${world.height}`}
        role="group"
        aria-label={t('map.label')}
        onPointerMove={onPointerMove}
        onPointerLeave={() => setHover(null)}
        onClick={(e: MouseEvent<SVGSVGElement>) => open(shapeOf(e.target)?.country)}
        onFocus={onFocus}
        onBlur={() => setHover(null)}
        onKeyDown={onKeyDown}
      >
        <g>{paths}</g>
      </svg>
      {hover && (
        // Placed at the pointer, which is a physical position, so physical left/top are right in both directions.
        <div className="map-tooltip" data-testid="map-tooltip" role="tooltip" style={{ left: hover.x, top: hover.y }}>
          <strong>{hover.country.names[lang]}</strong>
          <span>{t(regionNameKey(hover.country.region))}</span>
        </div>
      )}
    </div>
  );
}
