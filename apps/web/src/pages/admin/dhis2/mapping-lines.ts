import { parseCsvText } from '@accord/core';

export interface ParsedLines<T> {
  /** The rows read, each with the line it came from (from 1), to point back at it when the server refuses one. */
  rows: { line: number; value: T }[];
  /** Lines that could not be read: their number and how many fields they had. */
  problems: { line: number; fields: number }[];
}

/**
 * Reads pasted CSV lines with the given columns. Blank lines are skipped, and so is a first line naming the
 * columns (a header copied along with the data). Each line must have exactly those fields; semicolons work too.
 */
function parseLines(text: string, columns: readonly string[]): ParsedLines<string[]> {
  const rows: { line: number; value: string[] }[] = [];
  const problems: { line: number; fields: number }[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let fields: string[];
    try {
      const delimiter = raw.includes(',') || !raw.includes(';') ? ',' : ';';
      fields = (parseCsvText(raw, delimiter)[0] ?? []).map((f) => f.trim());
    } catch {
      problems.push({ line, fields: 0 });
      return;
    }
    if (rows.length === 0 && problems.length === 0 && fields[0]?.toLowerCase() === columns[0]!.toLowerCase()) return;
    if (fields.length !== columns.length || fields[0] === '') problems.push({ line, fields: fields.length });
    else rows.push({ line, value: fields });
  });
  return { rows, problems };
}

export const DATA_ELEMENT_COLUMNS = ['dataElement', 'categoryOptionCombo', 'disease', 'metric'] as const;
export const ORG_UNIT_COLUMNS = ['orgUnit', 'location'] as const;

export interface DataElementLine {
  dataElement: string;
  categoryOptionCombo: string | null;
  disease: string;
  metric: string;
}

/** `dataElement,categoryOptionCombo,disease,metric`; an empty combination means any (or DHIS2's default). */
export function parseDataElementLines(text: string): ParsedLines<DataElementLine> {
  const { rows, problems } = parseLines(text, DATA_ELEMENT_COLUMNS);
  return {
    problems,
    rows: rows.map(({ line, value: [dataElement = '', combo = '', disease = '', metric = ''] }) => ({
      line,
      value: { dataElement, categoryOptionCombo: combo || null, disease, metric },
    })),
  };
}

/** `orgUnit,location`. */
export function parseOrgUnitLines(text: string): ParsedLines<{ orgUnit: string; location: string }> {
  const { rows, problems } = parseLines(text, ORG_UNIT_COLUMNS);
  return {
    problems,
    rows: rows.map(({ line, value: [orgUnit = '', location = ''] }) => ({ line, value: { orgUnit, location: location.toUpperCase() } })),
  };
}

/**
 * The server names a refused mapping by its position (`body.mappings.3.disease`): turn that into the pasted
 * line it came from, so the message can say "line 5".
 */
export function lineOfField(field: string, lines: readonly number[]): { line: number; column: string } | null {
  const match = /^(?:body\.)?mappings\.(\d+)(?:\.(\w+))?/.exec(field);
  if (!match) return null;
  const line = lines[Number(match[1])];
  return line === undefined ? null : { line, column: match[2] ?? '' };
}
