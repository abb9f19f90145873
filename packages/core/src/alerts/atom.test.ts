import { describe, expect, it } from 'vitest';
import { InstantError } from '../time/instants.js';
import { AtomFeedError, renderAtomFeed, type AtomEntry, type AtomFeed } from './atom.js';
import { wellFormednessErrors } from './xmllint.test-support.js';

const entry = (overrides: Partial<AtomEntry> = {}): AtomEntry => ({
  id: 'urn:accord:event:5f0c2f1e-0a7b-4c55-9d7e-3b1f3c1d2e01',
  title: 'Cholera — Haiti',
  updated: '2026-11-23T10:00:00.000Z',
  published: '2026-11-20T08:30:00Z',
  summary: 'Increase in suspected cholera cases in Ouest department.',
  content: 'Since 1 November, 412 suspected cases and 9 deaths have been reported.\nVerification is ongoing.',
  url: 'https://accord.example.org/events/5f0c2f1e',
  categories: [{ term: 'cholera', label: 'Cholera', scheme: 'https://accord.example.org/diseases' }, { term: 'HTI' }],
  author: { name: 'WHO Health Emergencies Programme', uri: 'https://www.who.int/emergencies' },
  ...overrides,
});

const feed = (overrides: Partial<AtomFeed> = {}): AtomFeed => ({
  id: 'https://accord.example.org/feeds/events.atom',
  title: 'Accord — published events',
  subtitle: 'Public health events published on Accord',
  updated: '2026-11-23T10:00:00.000Z',
  selfUrl: 'https://accord.example.org/feeds/events.atom',
  alternateUrl: 'https://accord.example.org/events',
  language: 'en',
  entries: [entry(), entry({ id: 'urn:accord:event:2', title: 'Mpox — Uganda', published: null, summary: null, categories: [] })],
  ...overrides,
});

describe('renderAtomFeed', () => {
  it('writes a well-formed Atom 1.0 document with the feed metadata', async () => {
    const xml = renderAtomFeed(feed());
    expect(await wellFormednessErrors(xml)).toEqual([]);
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">')).toBe(true);
    expect(xml).toContain('<id>https://accord.example.org/feeds/events.atom</id>');
    expect(xml).toContain('<link rel="self" type="application/atom+xml" href="https://accord.example.org/feeds/events.atom"/>');
    expect(xml).toContain('<link rel="alternate" type="text/html" href="https://accord.example.org/events"/>');
    expect(xml).toContain('<updated>2026-11-23T10:00:00.000Z</updated>');
  });

  it('writes each entry in the order given, with its dates written out in full', () => {
    const xml = renderAtomFeed(feed());
    expect(xml.indexOf('Cholera — Haiti')).toBeLessThan(xml.indexOf('Mpox — Uganda'));
    expect(xml).toContain('<published>2026-11-20T08:30:00.000Z</published>');
    expect(xml).toContain('<link rel="alternate" type="text/html" href="https://accord.example.org/events/5f0c2f1e"/>');
    expect(xml).toContain('<category term="cholera" scheme="https://accord.example.org/diseases" label="Cholera"/>');
    expect(xml).toContain('<category term="HTI"/>');
    expect(xml).toContain('<content type="text">Since 1 November, 412 suspected cases and 9 deaths have been reported.\nVerification');
    expect(xml).toContain(
      '<author>\n      <name>WHO Health Emergencies Programme</name>\n      <uri>https://www.who.int/emergencies</uri>',
    );
    // Optional parts left out rather than written empty.
    expect(xml.match(/<published>/g)).toHaveLength(1);
    expect(xml.match(/<summary /g)).toHaveLength(1);
  });

  it('escapes hostile text everywhere it can appear', async () => {
    const hostile = `<script>alert("x")</script> & Co's "feed" ]]> \u0000\u0007`;
    const xml = renderAtomFeed(
      feed({
        title: hostile,
        subtitle: hostile,
        author: { name: hostile },
        entries: [entry({ title: hostile, summary: hostile, content: hostile, categories: [{ term: hostile, label: hostile }] })],
      }),
    );
    expect(await wellFormednessErrors(xml)).toEqual([]);
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('\u0000');
    expect(xml).toContain('<title type="text">&lt;script&gt;alert("x")&lt;/script&gt; &amp; Co\'s "feed" ]]&gt; </title>');
    expect(xml).toContain('term="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co&apos;s &quot;feed&quot; ]]&gt; "');
  });

  it('writes an empty feed', async () => {
    const xml = renderAtomFeed(feed({ entries: [], author: { name: 'Accord' }, language: null }));
    expect(await wellFormednessErrors(xml)).toEqual([]);
    expect(xml).not.toContain('<entry>');
    expect(xml).not.toContain('xml:lang');
  });

  it('refuses identifiers and links that are not absolute, and dates that are not UTC instants', () => {
    expect(() => renderAtomFeed(feed({ id: '/feeds/events.atom' }))).toThrow(AtomFeedError);
    expect(() => renderAtomFeed(feed({ selfUrl: '' }))).toThrow(AtomFeedError);
    expect(() => renderAtomFeed(feed({ entries: [entry({ url: 'events/1' })] }))).toThrow(AtomFeedError);
    expect(() => renderAtomFeed(feed({ updated: '2026-11-23 10:00' }))).toThrow(InstantError);
    expect(() => renderAtomFeed(feed({ entries: [entry({ updated: '2026-02-30T00:00:00Z' })] }))).toThrow(InstantError);
  });
});
