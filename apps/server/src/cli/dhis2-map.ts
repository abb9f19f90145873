import { readFileSync } from 'node:fs';
import { parseCsvRecords } from '@accord/core';
import type { Runtime } from '../runtime.js';
import { AppError } from '../services/app-error.js';
import { systemContext } from '../services/context.js';

const DATA_ELEMENT_COLUMNS = ['dataElement', 'categoryOptionCombo', 'disease', 'metric'];
const ORG_UNIT_COLUMNS = ['orgUnit', 'location'];

/**
 * `accord dhis2-map FILE`: loads DHIS2 mappings from CSV, all or nothing. The header says which
 * table: `dataElement,categoryOptionCombo,disease,metric` (the combination may be empty or the
 * column left out) or `orgUnit,location`.
 */
export async function loadDhis2Mappings(runtime: Runtime, file: string): Promise<void> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    throw new AppError(
      'not_found',
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
    );
  }
  let records: Record<string, string>[];
  try {
    records = parseCsvRecords(text);
  } catch (error) {
    throw new AppError('validation_failed', `${file}: ${(error as Error).message}`);
  }
  const columns = Object.keys(records[0] ?? {});
  const ctx = systemContext('accord dhis2-map');
  // Service errors name body.mappings.N.field; a person fixing the file wants its line.
  const onLine = (error: unknown): never => {
    if (error instanceof AppError) {
      const field = error.errors[0]?.field ?? '';
      const index = /^body\.mappings\.(\d+)/.exec(field);
      if (index) throw new AppError(error.code, `${file} line ${Number(index[1]) + 2}: ${error.errors[0]!.reason}`);
    }
    throw error;
  };
  if (records.length === 0) throw new AppError('validation_failed', `${file} has no mappings: after the header, one mapping per line`);
  if (columns.includes('orgUnit')) {
    requireColumns(file, columns, ORG_UNIT_COLUMNS);
    const result = await runtime.services.dhis2
      .upsertOrgUnitMappings(ctx, { mappings: records.map((r) => ({ orgUnit: r.orgUnit ?? '', location: r.location ?? '' })) })
      .catch(onLine);
    console.log(`Mapped ${records.length} organisation units to locations (${result.items.length} mapped in those countries now).`);
    return;
  }
  requireColumns(
    file,
    columns,
    DATA_ELEMENT_COLUMNS.filter((c) => c !== 'categoryOptionCombo'),
  );
  const result = await runtime.services.dhis2
    .upsertDataElementMappings(ctx, {
      mappings: records.map((r) => ({
        dataElement: r.dataElement ?? '',
        categoryOptionCombo: r.categoryOptionCombo ? r.categoryOptionCombo : null,
        disease: r.disease ?? '',
        metric: r.metric ?? '',
      })),
    })
    .catch(onLine);
  console.log(`Mapped ${records.length} data elements to diseases and metrics (${result.items.length} data element mappings in all).`);
}

function requireColumns(file: string, columns: string[], required: string[]): void {
  const missing = required.filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    throw new AppError(
      'validation_failed',
      `${file}: the header lacks ${missing.join(', ')}; use ${DATA_ELEMENT_COLUMNS.join(',')} or ${ORG_UNIT_COLUMNS.join(',')}`,
    );
  }
}
