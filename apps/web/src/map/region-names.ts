import type { WhoRegion } from '@accord/core';
import type { MessageKey } from '../i18n/catalogues';

/** Official names of the six WHO regions, as message keys. */
export const REGION_NAME_KEYS: Record<WhoRegion, MessageKey> = {
  AFR: 'region.AFR',
  AMR: 'region.AMR',
  SEAR: 'region.SEAR',
  EUR: 'region.EUR',
  EMR: 'region.EMR',
  WPR: 'region.WPR',
};

export function regionNameKey(region: WhoRegion | null): MessageKey {
  return region ? REGION_NAME_KEYS[region] : 'region.none';
}
