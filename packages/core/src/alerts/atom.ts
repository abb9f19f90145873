import { type Language } from '../limits.js';
import { instantToMs, msToInstant } from '../time/instants.js';
import { textElement, xmlAttributes } from './xml.js';

/**
 * Atom 1.0 feeds (RFC 4287) of events: the simplest way for another agency, a newsroom or a feed
 * reader to follow what Accord publishes without an account or an API client. Pure: the server
 * chooses the entries, their order and their URLs; this only writes them as a document.
 */

export const ATOM_NAMESPACE = 'http://www.w3.org/2005/Atom';

export interface AtomPerson {
  name: string;
  uri?: string | null;
  email?: string | null;
}

/** A subject label on an entry, e.g. term `cholera` with label `Cholera` in a diseases scheme. */
export interface AtomCategory {
  term: string;
  label?: string | null;
  /** An IRI naming the vocabulary the term comes from. */
  scheme?: string | null;
}

export interface AtomEntry {
  /** Permanent and unique across all feeds (an absolute IRI): readers use it to recognise an entry they have seen. */
  id: string;
  title: string;
  /** UTC instant of the last significant change: readers show the entry again when it moves. */
  updated: string;
  published?: string | null;
  summary?: string | null;
  /** Plain text (`type="text"`): readers never interpret it as markup. */
  content?: string | null;
  /** Where a person reads the entry (the `alternate` link). */
  url: string;
  categories?: readonly AtomCategory[];
  author: AtomPerson;
}

export interface AtomFeed {
  /** Permanent and unique (an absolute IRI, e.g. a URN or the feed's canonical URL); never changes when the feed moves. */
  id: string;
  title: string;
  subtitle?: string | null;
  updated: string;
  /** Where this feed document itself is served (the `self` link). */
  selfUrl: string;
  /** The web page the feed mirrors (the `alternate` link). */
  alternateUrl: string;
  /** Language of the feed's text (`xml:lang`), when it is written in one. */
  language?: Language | null;
  /** RFC 4287 needs an author on the feed or on every entry; every entry here has one, so this is optional. */
  author?: AtomPerson | null;
  /** Written in the order given. */
  entries: readonly AtomEntry[];
}

export class AtomFeedError extends Error {
  override readonly name = 'AtomFeedError';
}

/** An absolute IRI: a scheme, a colon and no whitespace (RFC 3987, loosely: enough to catch a relative path or a blank). */
const ABSOLUTE_IRI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;

function absoluteIri(value: string, what: string): string {
  if (!ABSOLUTE_IRI.test(value)) throw new AtomFeedError(`${what} must be an absolute IRI (e.g. https://… or urn:…), not "${value}"`);
  return value;
}

/** RFC 3339 date-time in UTC as Atom requires; also checks the instant (throws InstantError). */
function atomDate(instant: string): string {
  return msToInstant(instantToMs(instant));
}

function renderPerson(element: 'author', person: AtomPerson, indent: string): string {
  const lines = [`${indent}<${element}>`, `${indent}  ${textElement('name', person.name)}`];
  if (person.uri) lines.push(`${indent}  ${textElement('uri', absoluteIri(person.uri, 'an author uri'))}`);
  if (person.email) lines.push(`${indent}  ${textElement('email', person.email)}`);
  lines.push(`${indent}</${element}>`);
  return lines.join('\n');
}

function renderLink(rel: 'self' | 'alternate', href: string, type: string, indent: string): string {
  return `${indent}<link${xmlAttributes({ rel, type, href: absoluteIri(href, `the ${rel} link`) })}/>`;
}

function renderEntry(entry: AtomEntry): string {
  const lines = [
    '  <entry>',
    `    ${textElement('id', absoluteIri(entry.id, 'an entry id'))}`,
    `    ${textElement('title', entry.title, { type: 'text' })}`,
    `    ${textElement('updated', atomDate(entry.updated))}`,
  ];
  if (entry.published) lines.push(`    ${textElement('published', atomDate(entry.published))}`);
  lines.push(renderLink('alternate', entry.url, 'text/html', '    '));
  for (const category of entry.categories ?? []) {
    const attributes: Record<string, string> = { term: category.term };
    if (category.scheme) attributes.scheme = absoluteIri(category.scheme, 'a category scheme');
    if (category.label) attributes.label = category.label;
    lines.push(`    <category${xmlAttributes(attributes)}/>`);
  }
  lines.push(renderPerson('author', entry.author, '    '));
  if (entry.summary) lines.push(`    ${textElement('summary', entry.summary, { type: 'text' })}`);
  if (entry.content) lines.push(`    ${textElement('content', entry.content, { type: 'text' })}`);
  lines.push('  </entry>');
  return lines.join('\n');
}

/** The feed as an Atom 1.0 document (UTF-8, to be served as `application/atom+xml`). */
export function renderAtomFeed(feed: AtomFeed): string {
  const rootAttributes: Record<string, string> = { xmlns: ATOM_NAMESPACE };
  if (feed.language) rootAttributes['xml:lang'] = feed.language;
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed${xmlAttributes(rootAttributes)}>`,
    `  ${textElement('id', absoluteIri(feed.id, 'the feed id'))}`,
    `  ${textElement('title', feed.title, { type: 'text' })}`,
  ];
  if (feed.subtitle) lines.push(`  ${textElement('subtitle', feed.subtitle, { type: 'text' })}`);
  lines.push(
    `  ${textElement('updated', atomDate(feed.updated))}`,
    renderLink('self', feed.selfUrl, 'application/atom+xml', '  '),
    renderLink('alternate', feed.alternateUrl, 'text/html', '  '),
  );
  if (feed.author) lines.push(renderPerson('author', feed.author, '  '));
  for (const entry of feed.entries) lines.push(renderEntry(entry));
  lines.push('</feed>', '');
  return lines.join('\n');
}
