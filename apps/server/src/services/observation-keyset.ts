import { sql } from 'kysely';

/** The primary key of an observation: exports page through observations in this order. */
export interface ObservationKey {
  location_id: number;
  disease_id: number;
  metric_id: number;
  period_type: string;
  period_start: string;
}

/** The key columns of `observations as o`, in key order, for select lists and ORDER BY. */
export const OBSERVATION_KEY_COLUMNS = ['o.location_id', 'o.disease_id', 'o.metric_id', 'o.period_type', 'o.period_start'] as const;

/** Rows after `key` in key order: keyset paging, so a long export never re-reads what it has sent. */
export function afterObservationKey(key: ObservationKey) {
  return sql<boolean>`(o.location_id, o.disease_id, o.metric_id, o.period_type, o.period_start) > (${key.location_id}, ${key.disease_id}, ${key.metric_id}, ${key.period_type}, ${key.period_start}::date)`;
}
