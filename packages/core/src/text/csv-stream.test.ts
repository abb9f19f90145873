import { describe, expect, it } from 'vitest';
import { type CsvFatal, type CsvParserOptions, type CsvRow, type CsvRowError, createCsvParser, createHeaderChecker } from './csv-stream.js';

interface Parsed {
  rows: CsvRow[];
  errors: CsvRowError[];
  fatal: CsvFatal | undefined;
  delimiter: string | undefined;
}

/** Feeds the chunks in order and collects everything, as an import would. */
function parse(chunks: readonly string[], options?: CsvParserOptions): Parsed {
  const parser = createCsvParser(options);
  const out: Parsed = { rows: [], errors: [], fatal: undefined, delimiter: undefined };
  const collect = (r: ReturnType<typeof parser.push>) => {
    out.rows.push(...r.rows);
    out.errors.push(...r.errors);
    out.fatal ??= r.fatal;
  };
  for (const chunk of chunks) collect(parser.push(chunk));
  collect(parser.end());
  out.delimiter = parser.delimiter;
  return out;
}

/** A small deterministic generator (mulberry32), so a failing random case is the same on every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const one = (text: string, options?: CsvParserOptions) => parse([text], options);
const lines = (p: Parsed) => p.rows.map((r) => r.line);

/** Every way of cutting the text into two chunks, into three chunks, and into single characters must agree with one chunk. */
function expectChunkingIndependent(text: string, options?: CsvParserOptions): Parsed {
  const whole = one(text, options);
  for (let i = 0; i <= text.length; i++) {
    expect(parse([text.slice(0, i), text.slice(i)], options), `split at ${i}`).toEqual(whole);
  }
  for (let i = 1; i < text.length; i++) {
    for (let j = i + 1; j < text.length; j++) {
      expect(parse([text.slice(0, i), text.slice(i, j), text.slice(j)], options), `split at ${i} and ${j}`).toEqual(whole);
    }
  }
  expect(parse([...text], options), 'one character at a time').toEqual(whole);
  return whole;
}

// One of everything: BOM, CRLF, an empty line, quoted delimiter, doubled quotes, a quoted CRLF, a lone CR,
// an empty quoted field, two bad records, and no line break at the end.
const tricky =
  '\uFEFFlocation;disease;value\r\n' + // line 1
  '"KEN";"a;b";"say ""hi"""\r\n' + // line 2
  '\r\n' + // line 3: empty
  '"multi\r\nline";x;\r' + // lines 4-5, ended by a lone CR
  'lone;cr;"q"\n' + // line 6
  '"bad"x;y;z\n' + // line 7: text after a closing quote
  'str"ay;1;2\n' + // line 8: a quote inside an unquoted field
  '"";;"x""y"\n' + // line 9
  '\n' + // line 10: empty
  'KEN;ok;3'; // line 11, no line break

const trickyRows: CsvRow[] = [
  { line: 1, fields: ['location', 'disease', 'value'] },
  { line: 2, fields: ['KEN', 'a;b', 'say "hi"'] },
  { line: 4, fields: ['multi\r\nline', 'x', ''] },
  { line: 6, fields: ['lone', 'cr', 'q'] },
  { line: 9, fields: ['', '', 'x"y'] },
  { line: 11, fields: ['KEN', 'ok', '3'] },
];

describe('createCsvParser', () => {
  it('parses a surveillance upload with quoted and unquoted fields', () => {
    const text = 'location,disease,metric,period,value\nKEN,cholera,cases,2024-W05,12\n"KEN",cholera,deaths,2024-W05,"0"\n';
    const result = one(text);
    expect(result.rows).toEqual([
      { line: 1, fields: ['location', 'disease', 'metric', 'period', 'value'] },
      { line: 2, fields: ['KEN', 'cholera', 'cases', '2024-W05', '12'] },
      { line: 3, fields: ['KEN', 'cholera', 'deaths', '2024-W05', '0'] },
    ]);
    expect(result.errors).toEqual([]);
    expect(result.fatal).toBeUndefined();
    expect(result.delimiter).toBe(',');
  });

  it('reads a tricky input: quotes, line ends, empty lines, bad records and a missing final line break', () => {
    const result = one(tricky);
    expect(result.delimiter).toBe(';');
    expect(result.rows).toEqual(trickyRows);
    expect(result.errors).toEqual([
      { line: 7, column: 1, reason: expect.stringMatching(/field 1 has text after its closing double quote/) },
      { line: 8, column: 1, reason: expect.stringMatching(/field 1 has a double quote inside an unquoted value/) },
    ]);
  });

  it('gives the same result however the tricky input is cut into chunks', () => {
    expect(expectChunkingIndependent(tricky).rows).toEqual(trickyRows);
    expect(expectChunkingIndependent(tricky, { delimiter: ';' }).rows).toEqual(trickyRows);
    const commas = expectChunkingIndependent(tricky.replaceAll(';', ','));
    expect(commas.delimiter).toBe(',');
    expect(commas.rows).toEqual(trickyRows.map((r) => ({ ...r, fields: r.fields.map((f) => f.replaceAll(';', ',')) })));
  });

  it('gives the same result however limits, an unterminated quote or a NUL are cut into chunks', () => {
    const limited = expectChunkingIndependent('a,b,c\n123456,"1234""56",x\n"12345",1,2,3\n1,2\n', { maxFieldLength: 5, maxFields: 3 });
    expect(lines(limited)).toEqual([1, 4]);
    expect(limited.errors.map((e) => [e.line, e.column])).toEqual([
      [2, 1],
      [3, 4],
    ]);
    const open = expectChunkingIndependent('a;b\r\n"x\r\ny";"open\r\n1;2\r\n');
    expect(open.errors).toEqual([{ line: 2, column: 2, reason: expect.stringMatching(/opened on line 3/) }]);
    const binary = expectChunkingIndependent('a,b\r\n1,"2\r\n"\r\n3,\u00004\n5,6\n');
    expect(lines(binary)).toEqual([1, 2]);
    expect(binary.fatal).toEqual({ line: 4, reason: expect.stringMatching(/binary/) });
  });

  it('reads back any records written as CSV, in random chunks (seeded, so failures repeat)', () => {
    const random = seeded(20240205);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    for (let round = 0; round < 300; round++) {
      const delimiter = pick([',', ';'] as const);
      const records = Array.from({ length: 1 + Math.floor(random() * 6) }, () =>
        Array.from({ length: 1 + Math.floor(random() * 4) }, () =>
          Array.from({ length: Math.floor(random() * 6) }, () =>
            pick(['a', 'Z', '1', ' ', ',', ';', '"', '\n', '\r', '\r\n', 'é', '😷']),
          ).join(''),
        ),
      );
      let text = '';
      let line = 1;
      const expected: CsvRow[] = [];
      for (const fields of records) {
        expected.push({ line, fields });
        const quote = (f: string) => (/[",;\r\n]/.test(f) || fields.length === 1 ? `"${f.replaceAll('"', '""')}"` : f);
        const record = fields.map(quote).join(delimiter);
        text += record + pick(['\n', '\r\n', '\r']);
        line += 1 + (record.match(/\r\n|\r|\n/g)?.length ?? 0);
      }
      if (random() < 0.5) text = text.replace(/(\r\n|\r|\n)$/, '');
      const cuts = Array.from({ length: Math.floor(random() * 5) }, () => Math.floor(random() * text.length)).sort((a, b) => a - b);
      const chunks = [0, ...cuts].map((from, k) => text.slice(from, [...cuts, text.length][k]));
      const result = parse(chunks, { delimiter });
      expect(result.errors, JSON.stringify(chunks)).toEqual([]);
      expect(result.rows, JSON.stringify(chunks)).toEqual(expected);
    }
  });

  it('gives the same result for random text however it is cut (seeded)', () => {
    const random = seeded(7);
    for (let round = 0; round < 3000; round++) {
      const text = Array.from({ length: Math.floor(random() * 40) }, () => 'ab,;"\r\n '[Math.floor(random() * 9)]).join('');
      const whole = one(text, { maxFieldLength: 4, maxFields: 3 });
      const cut = Math.floor(random() * (text.length + 1));
      expect(parse([text.slice(0, cut), text.slice(cut)], { maxFieldLength: 4, maxFields: 3 }), JSON.stringify(text)).toEqual(whole);
      expect(parse([...text], { maxFieldLength: 4, maxFields: 3 }), JSON.stringify(text)).toEqual(whole);
    }
  });

  it('counts a CRLF split across chunks as one line break, outside and inside quotes', () => {
    expect(parse(['a,b\r', '\n1,2\r', '\n3,4']).rows).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 3, fields: ['3', '4'] },
    ]);
    expect(parse(['"x\r', '\ny",2\r', '\r', '\nz,3']).rows).toEqual([
      { line: 1, fields: ['x\r\ny', '2'] },
      { line: 4, fields: ['z', '3'] },
    ]);
  });

  it('takes a lone CR as a line break, also at the end of a chunk', () => {
    expect(one('a\rb\r\rc').rows).toEqual([
      { line: 1, fields: ['a'] },
      { line: 2, fields: ['b'] },
      { line: 4, fields: ['c'] },
    ]);
    expect(lines(parse(['a\r', 'b\r', '', 'c']))).toEqual([1, 2, 3]);
  });

  it('drops a BOM only at the very start, even after empty chunks', () => {
    expect(parse(['', '\uFEFFa,b\n\uFEFFc,d']).rows).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['\uFEFFc', 'd'] },
    ]);
    expect(parse(['\uFEFF', 'a;b'], { delimiter: ';' }).rows).toEqual([{ line: 1, fields: ['a', 'b'] }]);
  });

  it('uses the delimiter it is given', () => {
    expect(one('a;b,c\n1;2,3', { delimiter: ';' }).rows.map((r) => r.fields)).toEqual([
      ['a', 'b,c'],
      ['1', '2,3'],
    ]);
    expect(one('a;b,c,d\n', { delimiter: ',' }).rows[0]?.fields).toEqual(['a;b', 'c', 'd']);
  });

  it('detects the delimiter from the header, counting only outside quotes', () => {
    expect(one('a;b;c,d\n1;2;3,4').delimiter).toBe(';');
    expect(one('"x;y;z",b\n1,2').delimiter).toBe(',');
    expect(one('a,b;c;d\n').delimiter).toBe(';');
    expect(one('a;b,c\n').delimiter).toBe(',');
    // One column: nothing to count, comma it is.
    const single = one('location\nKEN\n');
    expect(single.delimiter).toBe(',');
    expect(single.rows.map((r) => r.fields)).toEqual([['location'], ['KEN']]);
    // Leading empty lines are not the header; a header with no line break is decided at end().
    expect(one('\n\na;b\n1;2').rows).toEqual([
      { line: 3, fields: ['a', 'b'] },
      { line: 4, fields: ['1', '2'] },
    ]);
    expect(one('a;b').rows).toEqual([{ line: 1, fields: ['a', 'b'] }]);
  });

  it('holds rows back while the header is incomplete and reports the delimiter once chosen', () => {
    const parser = createCsvParser();
    expect(parser.push('location;dis').rows).toEqual([]);
    expect(parser.delimiter).toBeUndefined();
    expect(parser.push('ease\nKEN;cholera\nUGA').rows).toEqual([
      { line: 1, fields: ['location', 'disease'] },
      { line: 2, fields: ['KEN', 'cholera'] },
    ]);
    expect(parser.delimiter).toBe(';');
    expect(parser.end().rows).toEqual([{ line: 3, fields: ['UGA'] }]);
  });

  it('skips empty lines but counts them; a line of spaces is a record', () => {
    expect(one('\n\na,b\n\n\r\n1,2\n  \n\n').rows).toEqual([
      { line: 3, fields: ['a', 'b'] },
      { line: 6, fields: ['1', '2'] },
      { line: 7, fields: ['  '] },
    ]);
    expect(one('').rows).toEqual([]);
    expect(one('\n\r\n').rows).toEqual([]);
  });

  it('ends the last record with or without a final line break, keeping empty fields', () => {
    expect(one('a,b\n1,').rows[1]).toEqual({ line: 2, fields: ['1', ''] });
    expect(one('a,b\n1,2\n').rows).toHaveLength(2);
    expect(one('a,b\n"1","2"').rows[1]).toEqual({ line: 2, fields: ['1', '2'] });
    expect(one('a,b\n,\n').rows[1]).toEqual({ line: 2, fields: ['', ''] });
    expect(one('a\n""\n').rows[1]).toEqual({ line: 2, fields: [''] });
  });

  it('reports a field over the length limit, with its column, and goes on with the next record', () => {
    const long = 'x'.repeat(10_001);
    const result = one(`a,b\n1,${long}\n2,${'y'.repeat(10_000)}\n3,"${long}"\n4,ok\n`);
    expect(result.errors).toEqual([
      { line: 2, column: 2, reason: 'field 2 is longer than the limit of 10000 characters' },
      { line: 4, column: 2, reason: 'field 2 is longer than the limit of 10000 characters' },
    ]);
    expect(lines(result)).toEqual([1, 3, 5]);
    expect(result.rows[1]?.fields[1]).toHaveLength(10_000);
    // A huge field arriving in many small chunks is refused without being kept.
    const chunks = ['a,b\n1,"', ...Array.from({ length: 100 }, () => 'z'.repeat(1000)), '"\n2,3\n'];
    const streamed = parse(chunks, { maxFieldLength: 5000 });
    expect(streamed.errors).toEqual([{ line: 2, column: 2, reason: 'field 2 is longer than the limit of 5000 characters' }]);
    expect(streamed.rows.map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['2', '3'],
    ]);
  });

  it('reports a record with too many fields and goes on with the next one', () => {
    const result = one('a,b,c\n1,2,3,4\n5,6,7\n', { maxFields: 3 });
    expect(result.errors).toEqual([{ line: 2, column: 4, reason: 'the record has more than 3 fields (the limit)' }]);
    expect(lines(result)).toEqual([1, 3]);
    const wide = one(`a\n${Array.from({ length: 1001 }, () => '1').join(',')}\n${Array.from({ length: 1000 }, () => '1').join(',')}\n`);
    expect(wide.errors).toEqual([{ line: 2, column: 1001, reason: 'the record has more than 1000 fields (the limit)' }]);
    expect(wide.rows[1]?.fields).toHaveLength(1000);
  });

  it('reports a quote inside an unquoted field with line and column, and still emits the next good record', () => {
    const result = one('location,disease,value\nKEN,chol"era,1\nUGA,measles,2\nTZA,a"b"c,3"\r\nRWA,"x",4\n');
    expect(result.errors).toEqual([
      { line: 2, column: 2, reason: expect.stringMatching(/field 2 has a double quote inside an unquoted value/) },
      { line: 4, column: 2, reason: expect.stringMatching(/field 2 has a double quote/) },
    ]);
    expect(result.rows).toEqual([
      { line: 1, fields: ['location', 'disease', 'value'] },
      { line: 3, fields: ['UGA', 'measles', '2'] },
      { line: 5, fields: ['RWA', 'x', '4'] },
    ]);
  });

  it('reports text after a closing quote and recovers at the end of that record, even one spanning lines', () => {
    const result = one('a,b\n"ab"c,1\n"ok",2\n"multi\nline" ,3\n4,"5"\n');
    expect(result.errors).toEqual([
      { line: 2, column: 1, reason: 'field 1 has text after its closing double quote' },
      { line: 4, column: 1, reason: 'field 1 has text after its closing double quote' },
    ]);
    expect(result.rows).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['ok', '2'] },
      { line: 6, fields: ['4', '5'] },
    ]);
  });

  it('reports only the first problem of a record', () => {
    const result = one('a,b,c\nx"y,"p"q,1,2,3\n', { maxFields: 3 });
    expect(result.errors).toEqual([{ line: 2, column: 1, reason: expect.stringMatching(/field 1 has a double quote/) }]);
  });

  it('reports a quoted field left open at the end of the input, naming the line it was opened on', () => {
    const result = one('a,b\n1,2\n3,"open\n4,5\n');
    expect(lines(result)).toEqual([1, 2]);
    expect(result.errors).toEqual([
      {
        line: 3,
        column: 2,
        reason: 'the quoted field 2 opened on line 3 is never closed: a closing double quote is missing',
      },
    ]);
    expect(one('x,"multi\nline",y,"open').errors).toEqual([
      { line: 1, column: 4, reason: expect.stringMatching(/field 4 opened on line 2/) },
    ]);
  });

  it('stops with a fatal error at a NUL character: the file is binary', () => {
    const parser = createCsvParser();
    const first = parser.push('a,b\n1,2\n3,"x\u0000');
    expect(first.rows).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
    ]);
    expect(first.fatal).toEqual({ line: 3, reason: 'line 3 contains a NUL character: the file looks binary, not CSV text' });
    expect(parser.fatal).toEqual(first.fatal);
    const consumed = parser.charsConsumed;
    expect(parser.push('4,5\n')).toEqual({ rows: [], errors: [], fatal: first.fatal });
    expect(parser.charsConsumed).toBe(consumed);
    expect(parser.end()).toEqual({ rows: [], errors: [], fatal: first.fatal });
    // Binary from the first byte, before the delimiter could be chosen.
    expect(parse(['PK\u0003\u0004\u0000\u0000garbage']).fatal).toEqual({ line: 1, reason: expect.stringMatching(/binary/) });
  });

  it('counts the characters consumed, for progress reports', () => {
    const parser = createCsvParser();
    parser.push('\uFEFFa,b\n');
    expect(parser.charsConsumed).toBe(5);
    parser.push('1,"2');
    expect(parser.charsConsumed).toBe(9);
    parser.end();
    expect(parser.charsConsumed).toBe(9);
  });

  it('refuses misuse: bad limits, and input after end()', () => {
    expect(() => createCsvParser({ maxFieldLength: 0 })).toThrow(RangeError);
    expect(() => createCsvParser({ maxFields: 1.5 })).toThrow(RangeError);
    const parser = createCsvParser();
    parser.end();
    expect(() => parser.push('a')).toThrow(/after end/);
    expect(() => parser.end()).toThrow(/twice/);
  });
});

describe('createHeaderChecker', () => {
  const check = createHeaderChecker(['location', 'disease', 'metric', 'period', 'value'], { optional: ['note'] });

  it('accepts the expected columns in any order, trimmed and case-insensitively, and maps them to indexes', () => {
    const result = check(['  Value', 'PERIOD ', 'metric', 'Disease', 'location']);
    expect(result).toEqual({ ok: true, indexes: { value: 0, period: 1, metric: 2, disease: 3, location: 4 } });
    if (result.ok) {
      const value: number = result.indexes.value;
      const note: number | undefined = result.indexes.note;
      expect([value, note]).toEqual([0, undefined]);
    }
  });

  it('accepts an optional column, present or not', () => {
    expect(check(['location', 'disease', 'metric', 'period', 'value', 'Note'])).toEqual({
      ok: true,
      indexes: { location: 0, disease: 1, metric: 2, period: 3, value: 4, note: 5 },
    });
  });

  it('reports missing columns', () => {
    expect(check(['location', 'disease', 'value'])).toEqual({
      ok: false,
      problems: ['missing column "metric"', 'missing column "period"'],
    });
  });

  it('reports unknown columns', () => {
    expect(check(['location', 'disease', 'metric', 'period', 'value', 'comments'])).toEqual({
      ok: false,
      problems: ['unknown column "comments" (column 6)'],
    });
  });

  it('suggests the closest expected name for a misspelt column instead of calling it missing', () => {
    expect(check(['lcoation', 'disease', 'metrik', 'period', 'value', 'notes'])).toEqual({
      ok: false,
      problems: [
        'unknown column "lcoation" (did you mean "location"?)',
        'unknown column "metrik" (did you mean "metric"?)',
        'unknown column "notes" (did you mean "note"?)',
      ],
    });
    // Too far from every name: no guess, and the real name is missing.
    expect(check(['place', 'disease', 'metric', 'period', 'value'])).toEqual({
      ok: false,
      problems: ['unknown column "place" (column 1)', 'missing column "location"'],
    });
  });

  it('reports duplicate and unnamed columns', () => {
    expect(check(['location', 'disease', 'metric', 'period', 'value', ' LOCATION', ''])).toEqual({
      ok: false,
      problems: ['column "location" appears more than once (columns 1 and 6)', 'column 7 has no name'],
    });
  });

  it('works on the first row of the parser', () => {
    const [header] = one('\uFEFFlocation;disease;metric;period;value\nKEN;cholera;cases;2024-W05;12\n').rows;
    expect(check(header?.fields ?? [])).toMatchObject({ ok: true, indexes: { location: 0, value: 4 } });
  });
});
