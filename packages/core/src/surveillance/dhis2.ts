import { formatDhis2Period, formatPeriod, tryParseDhis2Period, type Period } from '../time/periods.js';
import type { ObservationColumn } from './observation-row.js';

/**
 * DHIS2 data values in and out of Accord's canonical form. A data value names a data element (and
 * optionally a category option combination), an organisation unit and a DHIS2 period; mapping tables
 * kept by administrators say which disease, metric and location those identifiers are.
 */

export interface Dhis2DataValue {
  dataElement?: string;
  period?: string;
  orgUnit?: string;
  categoryOptionCombo?: string;
  attributeOptionCombo?: string;
  value?: string | number | null;
  deleted?: boolean;
}

/** What the set itself says for every value that does not say it (DHIS2 allows both places). */
export interface Dhis2SetDefaults {
  period?: string;
  orgUnit?: string;
}

export interface Dhis2Mappings {
  /** Key: dataElementKey(dataElement, categoryOptionCombo); '' is "any combination". */
  dataElements: ReadonlyMap<string, { disease: string; metric: string }>;
  /** Organisation unit → location code. */
  orgUnits: ReadonlyMap<string, string>;
}

export const dataElementKey = (dataElement: string, categoryOptionCombo: string): string => `${dataElement}\u0000${categoryOptionCombo}`;

export type Dhis2Property = 'dataElement' | 'categoryOptionCombo' | 'orgUnit' | 'period' | 'value' | 'deleted';

export type Dhis2Translation =
  | { ok: true; fields: [location: string, disease: string, metric: string, period: string, value: string] }
  | { ok: false; property: Dhis2Property; object: string; reason: string };

const missing = (property: Dhis2Property, hint: string): Dhis2Translation => ({
  ok: false,
  property,
  object: '',
  reason: `${property} is missing; ${hint}`,
});

/**
 * Translates one DHIS2 data value into the canonical row `location,disease,metric,period,value`,
 * which then goes through the same checks as a CSV row. Refusals name the DHIS2 property.
 */
export function translateDataValue(value: Dhis2DataValue, defaults: Dhis2SetDefaults, mappings: Dhis2Mappings): Dhis2Translation {
  if (value.deleted === true) {
    return {
      ok: false,
      property: 'deleted',
      object: 'true',
      reason: 'deleting values is not supported: Accord keeps every accepted value; send the corrected value instead',
    };
  }
  const dataElement = value.dataElement?.trim() ?? '';
  if (dataElement === '') return missing('dataElement', 'every data value needs its data element');
  const combo = value.categoryOptionCombo?.trim() ?? '';
  const mapped =
    mappings.dataElements.get(dataElementKey(dataElement, combo)) ?? mappings.dataElements.get(dataElementKey(dataElement, ''));
  if (!mapped) {
    // Mapped for other combinations only: the combination is what is missing.
    const elementIsMapped = [...mappings.dataElements.keys()].some((k) => k.startsWith(`${dataElement}\u0000`));
    return elementIsMapped
      ? {
          ok: false,
          property: 'categoryOptionCombo',
          object: combo,
          reason: `data element ${dataElement} with category option combination "${combo}" is not mapped to a disease and metric; an administrator maps it under DHIS2 mappings`,
        }
      : {
          ok: false,
          property: 'dataElement',
          object: dataElement,
          reason: `data element ${dataElement} is not mapped to a disease and metric; an administrator maps it under DHIS2 mappings`,
        };
  }
  const orgUnit = (value.orgUnit ?? defaults.orgUnit ?? '').trim();
  if (orgUnit === '') return missing('orgUnit', 'give it on the data value or on the data value set');
  const location = mappings.orgUnits.get(orgUnit);
  if (location === undefined) {
    return {
      ok: false,
      property: 'orgUnit',
      object: orgUnit,
      reason: `organisation unit ${orgUnit} is not mapped to a location; map it under DHIS2 mappings`,
    };
  }
  const periodText = (value.period ?? defaults.period ?? '').trim();
  if (periodText === '') return missing('period', 'give it on the data value or on the data value set, e.g. 2024W5');
  const period = tryParseDhis2Period(periodText);
  if (!period.ok) return { ok: false, property: 'period', object: periodText, reason: period.reason };
  const raw = value.value;
  if (raw === undefined || raw === null) return missing('value', 'write 0 for a true zero');
  return { ok: true, fields: [location, mapped.disease, mapped.metric, formatPeriod(period.period), String(raw)] };
}

/** The DHIS2 property a refusal of the canonical checks concerns. */
export const DHIS2_PROPERTY_OF_COLUMN: Record<ObservationColumn, Dhis2Property> = {
  location: 'orgUnit',
  disease: 'dataElement',
  metric: 'dataElement',
  period: 'period',
  value: 'value',
};

export interface Dhis2Conflict {
  object: string;
  objects: Record<string, string>;
  property: string;
  value: string;
  indexes: number[];
}

/**
 * Conflicts as DHIS2 reports them: refusals with the same property, object and reason once, with all
 * their positions. Bounded, so a payload of a million bad values still gets a short answer.
 */
export class Dhis2ConflictList {
  private readonly groups = new Map<string, Dhis2Conflict>();
  /** Refusals not listed because the list was full (they are still counted and in the error report). */
  omitted = 0;

  constructor(
    private readonly maxConflicts: number,
    private readonly maxIndexes: number,
  ) {}

  add(index: number, property: string, object: string, reason: string): void {
    const key = `${property}\u0000${object}\u0000${reason}`;
    let group = this.groups.get(key);
    if (!group) {
      if (this.groups.size >= this.maxConflicts) {
        this.omitted++;
        return;
      }
      group = { object, objects: { [property]: object }, property, value: reason, indexes: [] };
      this.groups.set(key, group);
    }
    if (group.indexes.length < this.maxIndexes) group.indexes.push(index);
  }

  get conflicts(): Dhis2Conflict[] {
    return [...this.groups.values()];
  }
}

/** One observation as a DHIS2 data value; the combination is given only when the mapping names one. */
export function toDhis2DataValue(o: { orgUnit: string; dataElement: string; categoryOptionCombo: string; period: Period; value: number }) {
  return {
    dataElement: o.dataElement,
    period: formatDhis2Period(o.period),
    orgUnit: o.orgUnit,
    ...(o.categoryOptionCombo !== '' ? { categoryOptionCombo: o.categoryOptionCombo } : {}),
    value: String(o.value),
  };
}
