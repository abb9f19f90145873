import { type Language } from '../limits.js';
import { instantToMs, msToInstant } from '../time/instants.js';
import { textElement, xmlAttributes } from './xml.js';

/**
 * CAP 1.2 alerts (OASIS Common Alerting Protocol): the format alerting hubs, national warning systems
 * and aggregators already read, so a public-health event published on Accord reaches them without a
 * bespoke integration. Pure: the caller assembles the alert (see cap-mappings.ts for deriving its
 * urgency, severity and certainty from an event); this checks what CAP requires and writes the XML.
 * The schema in data/schemas/cap-1.2.xsd checks the output in the tests.
 */

export const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';

export const CAP_STATUSES = ['Actual', 'Exercise', 'System', 'Test', 'Draft'] as const;
export type CapStatus = (typeof CAP_STATUSES)[number];

/** CAP also has Ack and Error, for replies between alerting systems; Accord only publishes. */
export const CAP_MSG_TYPES = ['Alert', 'Update', 'Cancel'] as const;
export type CapMsgType = (typeof CAP_MSG_TYPES)[number];

export const CAP_RESPONSE_TYPES = ['Shelter', 'Evacuate', 'Prepare', 'Execute', 'Avoid', 'Monitor', 'Assess', 'AllClear', 'None'] as const;
export type CapResponseType = (typeof CAP_RESPONSE_TYPES)[number];

export const CAP_URGENCIES = ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'] as const;
export type CapUrgency = (typeof CAP_URGENCIES)[number];

export const CAP_SEVERITIES = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'] as const;
export type CapSeverity = (typeof CAP_SEVERITIES)[number];

export const CAP_CERTAINTIES = ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'] as const;
export type CapCertainty = (typeof CAP_CERTAINTIES)[number];

/** The geocode name for a country given by its ISO 3166-1 alpha-3 code (e.g. HTI). */
export const CAP_GEOCODE_ISO3 = 'ISO3166-1-alpha-3';

/** An earlier alert this one updates or cancels. */
export interface CapReference {
  sender: string;
  identifier: string;
  /** When the earlier alert was sent (UTC instant, e.g. 2026-11-20T08:30:00.000Z). */
  sent: string;
}

export interface CapGeocode {
  valueName: string;
  value: string;
}

export interface CapArea {
  /** The area in words, in the language of its info block (e.g. the country's name). */
  areaDesc: string;
  geocodes?: readonly CapGeocode[];
}

/** What the alert says in one language: CAP repeats the whole block per language. */
export interface CapInfo {
  language: Language;
  /** The kind of event, e.g. "Cholera outbreak". */
  event: string;
  responseType?: CapResponseType | null;
  urgency: CapUrgency;
  severity: CapSeverity;
  certainty: CapCertainty;
  /** UTC instants; CAP reads a missing effective as "when sent". */
  effective?: string | null;
  expires?: string | null;
  senderName: string;
  headline: string;
  description: string;
  instruction?: string | null;
  /** The event's public page. */
  web: string;
  areas: readonly CapArea[];
}

export interface CapAlert {
  /** Unique for this sender: no spaces, commas, "<" or "&" (CAP joins it into references). */
  identifier: string;
  /** The publishing system, e.g. a domain name: same rule as identifier. */
  sender: string;
  /** UTC instant; written as CAP wants it (see capDateTime). */
  sent: string;
  status: CapStatus;
  msgType: CapMsgType;
  /** Earlier alerts this one updates or cancels: required for Update and Cancel. */
  references: readonly CapReference[];
  /** One per language; each language at most once. */
  infos: readonly CapInfo[];
}

export class CapAlertError extends Error {
  override readonly name = 'CapAlertError';
}

/**
 * A UTC instant written as CAP wants it: `2026-11-23T10:00:00.000Z` → `2026-11-23T10:00:00+00:00`.
 * CAP 1.2 forbids the "Z" designator (and "-00:00") and has no fractional seconds, which are dropped.
 * Throws InstantError when `instant` is not a UTC instant.
 */
export function capDateTime(instant: string): string {
  // Normalising first accepts every instant form we accept elsewhere (e.g. without seconds).
  return `${msToInstant(instantToMs(instant)).slice(0, 19)}+00:00`;
}

/** No whitespace, comma, "<" or "&": CAP's rule for identifier and sender, since references join them with commas and spaces. */
const CAP_TOKEN = /^[^\s,<&]+$/;

function capToken(value: string, what: string): string {
  if (!CAP_TOKEN.test(value)) throw new CapAlertError(`${what} must be non-empty without spaces, commas, "<" or "&", not "${value}"`);
  return value;
}

/** CAP's references: `sender,identifier,sent` of each earlier alert, separated by spaces. */
export function capReferences(references: readonly CapReference[]): string {
  return references
    .map((r) => `${capToken(r.sender, 'a referenced sender')},${capToken(r.identifier, 'a referenced identifier')},${capDateTime(r.sent)}`)
    .join(' ');
}

function renderArea(area: CapArea): string[] {
  const lines = ['    <area>', `      ${textElement('areaDesc', area.areaDesc)}`];
  for (const geocode of area.geocodes ?? []) {
    lines.push(
      '      <geocode>',
      `        ${textElement('valueName', geocode.valueName)}`,
      `        ${textElement('value', geocode.value)}`,
      '      </geocode>',
    );
  }
  lines.push('    </area>');
  return lines;
}

function renderInfo(info: CapInfo): string[] {
  // CAP's data dictionary fixes this order; the schema checks it.
  const lines = [
    '  <info>',
    `    ${textElement('language', info.language)}`,
    `    ${textElement('category', 'Health')}`,
    `    ${textElement('event', info.event)}`,
  ];
  if (info.responseType) lines.push(`    ${textElement('responseType', info.responseType)}`);
  lines.push(
    `    ${textElement('urgency', info.urgency)}`,
    `    ${textElement('severity', info.severity)}`,
    `    ${textElement('certainty', info.certainty)}`,
  );
  if (info.effective) lines.push(`    ${textElement('effective', capDateTime(info.effective))}`);
  if (info.expires) lines.push(`    ${textElement('expires', capDateTime(info.expires))}`);
  lines.push(
    `    ${textElement('senderName', info.senderName)}`,
    `    ${textElement('headline', info.headline)}`,
    `    ${textElement('description', info.description)}`,
  );
  if (info.instruction) lines.push(`    ${textElement('instruction', info.instruction)}`);
  lines.push(`    ${textElement('web', info.web)}`);
  for (const area of info.areas) lines.push(...renderArea(area));
  lines.push('  </info>');
  return lines;
}

/** What CAP requires beyond the XML's shape; empty when the alert may be written. */
export function capAlertProblems(alert: CapAlert): string[] {
  const problems: string[] = [];
  if (!CAP_TOKEN.test(alert.identifier)) problems.push('identifier must be non-empty without spaces, commas, "<" or "&"');
  if (!CAP_TOKEN.test(alert.sender)) problems.push('sender must be non-empty without spaces, commas, "<" or "&"');
  if (alert.msgType !== 'Alert' && alert.references.length === 0)
    problems.push(`msgType ${alert.msgType} needs references to the alerts it replaces`);
  const languages = alert.infos.map((info) => info.language);
  const repeated = languages.filter((language, i) => languages.indexOf(language) !== i);
  if (repeated.length > 0) problems.push(`each language at most once, not ${[...new Set(repeated)].join(', ')} again`);
  for (const info of alert.infos) {
    if (info.effective && info.expires && instantToMs(info.expires) <= instantToMs(info.effective)) {
      problems.push(`${info.language}: expires must come after effective`);
    }
  }
  return problems;
}

/** The alert as a CAP 1.2 document (UTF-8, to be served as `application/cap+xml`); throws CapAlertError naming every problem. */
export function renderCapAlert(alert: CapAlert): string {
  const problems = capAlertProblems(alert);
  if (problems.length > 0) throw new CapAlertError(problems.join('; '));
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<alert${xmlAttributes({ xmlns: CAP_NAMESPACE })}>`,
    `  ${textElement('identifier', alert.identifier)}`,
    `  ${textElement('sender', alert.sender)}`,
    `  ${textElement('sent', capDateTime(alert.sent))}`,
    `  ${textElement('status', alert.status)}`,
    `  ${textElement('msgType', alert.msgType)}`,
    // Public: Accord's alerts are for anyone; restricted sharing stays inside Accord.
    `  ${textElement('scope', 'Public')}`,
  ];
  if (alert.references.length > 0) lines.push(`  ${textElement('references', capReferences(alert.references))}`);
  for (const info of alert.infos) lines.push(...renderInfo(info));
  lines.push('</alert>', '');
  return lines.join('\n');
}
