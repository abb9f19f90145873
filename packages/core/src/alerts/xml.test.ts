import { describe, expect, it } from 'vitest';
import { escapeXmlAttribute, escapeXmlText, stripInvalidXmlChars, textElement, xmlAttributes } from './xml.js';

describe('escapeXmlText', () => {
  it('escapes the markup characters', () => {
    expect(escapeXmlText('a < b && c > d')).toBe('a &lt; b &amp;&amp; c &gt; d');
    expect(escapeXmlText('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('escapes an ampersand once, even one that looks like an entity already', () => {
    expect(escapeXmlText('&amp;')).toBe('&amp;amp;');
  });

  it('leaves quotes and non-ASCII text alone', () => {
    expect(escapeXmlText(`"l'été" — 霍乱 — كوليرا`)).toBe(`"l'été" — 霍乱 — كوليرا`);
  });

  it('keeps tab, newline and carriage return', () => {
    expect(escapeXmlText('a\tb\nc\r\nd')).toBe('a\tb\nc\r\nd');
  });
});

describe('stripInvalidXmlChars', () => {
  it('removes C0 controls other than tab, newline and carriage return', () => {
    const controls = Array.from({ length: 32 }, (_, code) => String.fromCharCode(code)).join('');
    expect(stripInvalidXmlChars(`a${controls}b`)).toBe('a\t\n\rb');
  });

  it('removes lone surrogates and U+FFFE/U+FFFF but keeps characters outside the BMP', () => {
    expect(stripInvalidXmlChars('a\uD800b\uDC00c\uFFFEd\uFFFFe')).toBe('abcde');
    expect(stripInvalidXmlChars('🦠 𠀀')).toBe('🦠 𠀀');
  });

  it('applies to escaped text and attributes', () => {
    expect(escapeXmlText('x\u0000y\u0008z')).toBe('xyz');
    expect(escapeXmlAttribute('x\u000By')).toBe('xy');
  });
});

describe('escapeXmlAttribute', () => {
  it('escapes both quotes as well as the markup characters', () => {
    expect(escapeXmlAttribute(`"it's" <a & b>`)).toBe('&quot;it&apos;s&quot; &lt;a &amp; b&gt;');
  });

  it('writes whitespace that attribute normalisation would lose as character references', () => {
    expect(escapeXmlAttribute('a\tb\nc\rd')).toBe('a&#9;b&#10;c&#13;d');
  });
});

describe('textElement', () => {
  it('writes an element with escaped text and attributes', () => {
    expect(textElement('title', 'A & B', { type: 'text', 'xml:lang': 'en"x' })).toBe(
      '<title type="text" xml:lang="en&quot;x">A &amp; B</title>',
    );
    expect(xmlAttributes({})).toBe('');
  });
});
