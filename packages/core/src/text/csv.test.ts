import { describe, expect, it } from 'vitest';
import { parseCsvRecords, parseCsvText } from './csv.js';

describe('parseCsvText', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks, CRLF and a BOM', () => {
    const text = '\uFEFFa,b\r\n"x, y","say ""hi"""\r\n"multi\nline",2\r\n';
    expect(parseCsvText(text)).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['multi\nline', '2'],
    ]);
  });
  it('reads the last line without a line end, and semicolons when asked', () => {
    expect(parseCsvText('a;b\n1;2', ';')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });
  it('refuses an unterminated quote', () => {
    expect(() => parseCsvText('a\n"open')).toThrow(/closing double quote/);
  });
  it('names a row with the wrong number of fields', () => {
    expect(() => parseCsvRecords('a,b\n1,2\n3\n')).toThrow(/row 3 has 1 fields; the header has 2/);
  });
});
