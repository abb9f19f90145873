import { WHO_REGIONS, type WhoRegion } from '@accord/core';
import { useI18n } from '../i18n/i18n-context';
import { NO_REGION_COLOUR, REGION_COLOURS } from './region-join';
import { REGION_NAME_KEYS } from './region-names';

/** The six WHO regions with their colour and number of Member States. */
export function MapLegend({ counts }: { counts: Record<WhoRegion, number> }) {
  const { t, formatNumber } = useI18n();
  return (
    <div className="map-legend">
      <h2 className="visually-hidden">{t('map.legend')}</h2>
      <ul data-testid="map-legend">
        {WHO_REGIONS.map((region) => (
          <li key={region} data-region={region}>
            <span className="swatch" style={{ background: REGION_COLOURS[region] }} aria-hidden="true" />
            <span className="legend-name">{t(REGION_NAME_KEYS[region])}</span>
            <span className="legend-count">{t('map.memberStates', { count: formatNumber(counts[region]) })}</span>
          </li>
        ))}
        <li data-region="none">
          <span className="swatch" style={{ background: NO_REGION_COLOUR }} aria-hidden="true" />
          <span className="legend-name">{t('map.otherAreas')}</span>
        </li>
      </ul>
    </div>
  );
}

export function MapDisclaimer() {
  const { t } = useI18n();
  return <p className="map-disclaimer">{t('map.disclaimer')}</p>;
}
