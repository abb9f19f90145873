import { lazy, Suspense, useCallback, useMemo } from 'react';
import type { CountryDto, LatestByCountryDto } from '@accord/contracts';
import { byName } from '../../app/surveillance-reference';
import { TableHead } from '../../app/ui';
import { useI18n } from '../../i18n/i18n-context';
import { MapDisclaimer } from '../../map/map-legend';
import type { MapCountry } from '../../map/region-join';
import { periodDates } from './period-format';
import { NO_DATA_COLOUR, ZERO_COLOUR, colourClasses, colourFor, periodSpan, type ColourClass } from './scales';

// The map geometry is the largest part of the app: load it in its own chunk, as the home page does.
const WorldMap = lazy(() => import('../../map/world-map').then((m) => ({ default: m.WorldMap })));

type Item = LatestByCountryDto['items'][number];

/**
 * Each country's latest weekly value on the world map, on a sequential colour scale. Countries whose latest
 * week is older than the most recent week anyone reported are hatched, and the tooltip names their week.
 */
export function LatestMap({
  data,
  countries,
  selected,
  onSelect,
}: {
  data: LatestByCountryDto;
  countries: readonly CountryDto[];
  selected: string | null;
  onSelect: (iso3: string) => void;
}) {
  const { t, lang, formatNumber } = useI18n();
  const latestWeek = data.latestPeriod;
  const byIso = useMemo(() => new Map(data.items.map((item) => [item.country, item])), [data]);
  const classes = useMemo(() => colourClasses(data.items.map((i) => i.value)), [data]);
  const stale = useCallback((item: Item) => latestWeek !== null && item.period < latestWeek, [latestWeek]);

  const paint = useCallback(
    (country: MapCountry) => {
      const item = byIso.get(country.iso3);
      return item ? { fill: colourFor(item.value, classes), hatched: stale(item) } : { fill: NO_DATA_COLOUR };
    },
    [byIso, classes, stale],
  );
  const describe = useCallback(
    (country: MapCountry) => {
      const item = byIso.get(country.iso3);
      if (!item) return [t('explorer.map.noData')];
      const value = t('explorer.map.value', { period: item.period, value: formatNumber(item.value) });
      return stale(item) ? [value, t('explorer.map.olderThan', { latest: latestWeek ?? '' })] : [value];
    },
    [byIso, stale, t, formatNumber, latestWeek],
  );
  const select = useCallback((country: MapCountry) => onSelect(country.iso3), [onSelect]);
  const latestSpan = latestWeek ? periodSpan(latestWeek) : null;

  return (
    <div className="latest-map" data-testid="latest-map">
      <p className="stat" data-testid="latest-week">
        {latestWeek
          ? t('explorer.map.latestWeek', { week: latestWeek, dates: latestSpan ? periodDates(latestSpan, lang) : '' })
          : t('explorer.map.empty')}
      </p>
      <Suspense fallback={<div className="map-placeholder" />}>
        <WorldMap
          countries={countries}
          label={t('explorer.map.label')}
          paint={paint}
          describe={describe}
          onSelect={select}
          selected={selected}
        />
      </Suspense>
      <ScaleLegend classes={classes} latestWeek={latestWeek} />
      <details className="map-table">
        <summary>{t('explorer.map.asTable', { count: formatNumber(data.items.length) })}</summary>
        <div className="table-wrap table-scroll">
          <table className="table table-compact" data-testid="latest-table">
            <TableHead labels={[t('explorer.country'), t('explorer.period'), t('explorer.value')]} />
            <tbody>
              {byName(
                data.items.flatMap((item) => {
                  const country = countries.find((c) => c.iso3 === item.country);
                  return country ? [{ ...item, names: country.names }] : [];
                }),
                lang,
              ).map((item) => (
                <tr key={item.country} className={stale(item) ? 'row-muted' : undefined}>
                  <td>{item.names[lang]}</td>
                  <td className="nowrap">
                    <bdi>{item.period}</bdi>
                  </td>
                  <td className="numeric">{formatNumber(item.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      <MapDisclaimer />
    </div>
  );
}

function ScaleLegend({ classes, latestWeek }: { classes: readonly ColourClass[]; latestWeek: string | null }) {
  const { t, formatNumber } = useI18n();
  const whole = classes.every((c) => Number.isInteger(c.from) && (c.to === null || Number.isInteger(c.to)));
  const label = (c: ColourClass) => {
    if (c.to === null) return t('legend.atLeast', { value: formatNumber(c.from) });
    const upper = whole ? c.to - 1 : c.to;
    return upper <= c.from ? formatNumber(c.from) : t('legend.range', { from: formatNumber(c.from), to: formatNumber(upper) });
  };
  return (
    <div className="map-legend scale-legend">
      <h3 className="visually-hidden">{t('map.legend')}</h3>
      <ul data-testid="scale-legend">
        {classes.map((c) => (
          <li key={c.from}>
            <span className="swatch" style={{ background: c.colour }} aria-hidden="true" />
            <span className="legend-name">{label(c)}</span>
          </li>
        ))}
        <li>
          <span className="swatch" style={{ background: ZERO_COLOUR }} aria-hidden="true" />
          <span className="legend-name">{t('legend.zero')}</span>
        </li>
        <li>
          <span className="swatch" style={{ background: NO_DATA_COLOUR }} aria-hidden="true" />
          <span className="legend-name">{t('legend.noData')}</span>
        </li>
        {latestWeek && (
          <li>
            <span className="swatch swatch-hatched" aria-hidden="true" />
            <span className="legend-name">{t('legend.older', { week: latestWeek })}</span>
          </li>
        )}
      </ul>
    </div>
  );
}
