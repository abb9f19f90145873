/**
 * Incremental (streaming) CSV parsing for bulk imports: the caller pushes chunks of text as they arrive and gets back
 * the records each chunk completes, so memory stays bounded by the chunk size and the field limits, never the file size.
 * Pure and platform-free (it runs in browsers too): decoding bytes to text and reading the stream are the caller's job.
 *
 * Dialect: RFC 4180 with either ',' or ';' as the delimiter. A field is quoted only when its first character is '"';
 * inside quotes, delimiters and line breaks are data and '""' is one quote. CRLF, LF and lone CR all end a line.
 *
 * Per-record problems never throw and never stop the stream. The first problem in a record turns the whole record into
 * one CsvRowError (and no CsvRow); the parser keeps reading that record leniently to find its end — a quote in the
 * middle of an unquoted field is taken as data, text after a closing quote as more of the field — and carries on with
 * the next record. So every non-empty record yields exactly one row or one error, and rows and errors are each in input
 * order (merge them by `line` to interleave). The one unrecoverable case is a field whose opening quote is never
 * closed: by RFC 4180 the rest of the file is then inside that field, and it is reported at end().
 *
 * Input that contains a NUL character is not text: the parser stops with `fatal` (no throw, so the rows completed
 * before it in the same chunk are still returned) and ignores everything pushed after it.
 */

import { editDistance } from './closest.js';

export type CsvDelimiter = ',' | ';';

export interface CsvParserOptions {
  /** 'auto' (the default) picks whichever of ',' and ';' occurs more often outside quotes in the first record; ',' on a tie. */
  delimiter?: CsvDelimiter | 'auto';
  /** Longest accepted field, in UTF-16 code units after unquoting. Default 10,000. */
  maxFieldLength?: number;
  /** Most fields accepted in one record. Default 1,000. */
  maxFields?: number;
}

/** A parsed record. `line` is the 1-based physical line it starts on; a quoted field may carry it over several lines. */
export interface CsvRow {
  line: number;
  fields: string[];
}

/** A record that was dropped: `line` is where the record starts, `column` the 1-based field index when one field is to blame. */
export interface CsvRowError {
  line: number;
  column?: number;
  reason: string;
}

/** The input is not CSV at all; `line` is the physical line where that became clear. */
export interface CsvFatal {
  line: number;
  reason: string;
}

/** What one push() or end() produced. After a fatal problem every later result carries it again, with no rows. */
export interface CsvChunkResult {
  rows: CsvRow[];
  errors: CsvRowError[];
  fatal: CsvFatal | undefined;
}

export interface CsvParser {
  /** Parses the next chunk; returns the records it completes. A record still open at the chunk's end completes later. */
  push(chunk: string): CsvChunkResult;
  /** Completes the last record (the text need not end with a line break). The parser accepts nothing after this. */
  end(): CsvChunkResult;
  /** The delimiter in use; undefined while 'auto' is still waiting for the end of the first record. */
  readonly delimiter: CsvDelimiter | undefined;
  /** UTF-16 code units received by push() so far (a BOM included), for progress reports; frozen once `fatal` is set. */
  readonly charsConsumed: number;
  readonly fatal: CsvFatal | undefined;
}

export const CSV_STREAM_DEFAULTS = { maxFieldLength: 10_000, maxFields: 1_000 } as const;

/** 'auto' looks no further than this into a first record without a line break (one huge field, or not CSV at all). */
const DETECT_LIMIT = 65_536;

const NUL = 0;
const LF = 10;
const CR = 13;
const QUOTE = 34;
const COMMA = 44;
const SEMICOLON = 59;
const BOM = 0xfeff;

// Where the parser stands between characters; it is kept across chunks so that any record can be split anywhere.
const AT_RECORD = 0; // before the first character of a record (line breaks here are empty lines)
const AT_FIELD = 1; // after a delimiter
const IN_UNQUOTED = 2;
const IN_QUOTED = 3;
const AFTER_QUOTE = 4; // a quote inside a quoted field: either the first of '""' or the closing one

export function createCsvParser(options: CsvParserOptions = {}): CsvParser {
  const maxFieldLength = options.maxFieldLength ?? CSV_STREAM_DEFAULTS.maxFieldLength;
  const maxFields = options.maxFields ?? CSV_STREAM_DEFAULTS.maxFields;
  if (!Number.isInteger(maxFieldLength) || maxFieldLength < 1) throw new RangeError('maxFieldLength must be a positive integer');
  if (!Number.isInteger(maxFields) || maxFields < 1) throw new RangeError('maxFields must be a positive integer');
  return new StreamingCsvParser(options.delimiter ?? 'auto', maxFieldLength, maxFields);
}

class StreamingCsvParser implements CsvParser {
  delimiter: CsvDelimiter | undefined;
  charsConsumed = 0;
  fatal: CsvFatal | undefined;

  private delimiterCode = COMMA;
  private ended = false;
  private started = false;

  // Parsing state carried between chunks.
  private state = AT_RECORD;
  private line = 1;
  private crPending = false; // the last chunk ended with CR: an LF first in the next one belongs to it
  private recordLine = 1;
  private quoteLine = 1;
  private quoteColumn = 1;
  private fieldCount = 0;
  private fields: string[] = [];
  private carry = ''; // the current field's text from earlier chunks (unquoted already)
  private bad: CsvRowError | undefined; // the first problem of the current record

  private rows: CsvRow[] = [];
  private errors: CsvRowError[] = [];

  // 'auto' holds the chunks of the first record back until it can choose.
  private held: string[] | undefined;
  private heldChars = 0;
  private scanInQuotes = false;
  private scanHasContent = false;
  private commas = 0;
  private semicolons = 0;

  constructor(
    delimiter: CsvDelimiter | 'auto',
    private readonly maxFieldLength: number,
    private readonly maxFields: number,
  ) {
    if (delimiter === 'auto') this.held = [];
    else this.useDelimiter(delimiter);
  }

  push(chunk: string): CsvChunkResult {
    if (this.ended) throw new Error('CsvParser.push() called after end()');
    if (this.fatal) return this.result();
    this.charsConsumed += chunk.length;
    if (!this.started && chunk.length > 0) {
      this.started = true;
      if (chunk.charCodeAt(0) === BOM) chunk = chunk.slice(1);
    }
    if (this.held) {
      this.held.push(chunk);
      this.heldChars += chunk.length;
      if (this.scanForDelimiter(chunk) || this.heldChars >= DETECT_LIMIT) this.releaseHeld();
    } else {
      this.run(chunk);
    }
    return this.result();
  }

  end(): CsvChunkResult {
    if (this.ended) throw new Error('CsvParser.end() called twice');
    this.ended = true;
    if (this.held && !this.fatal) this.releaseHeld();
    if (this.fatal) return this.result();
    switch (this.state) {
      case AT_FIELD:
        this.addField('');
        this.endRecord();
        break;
      case IN_UNQUOTED:
        this.endUnquoted('', 0, 0);
        this.endRecord();
        break;
      case AFTER_QUOTE:
        this.endQuoted();
        this.endRecord();
        break;
      case IN_QUOTED:
        // Reported over any earlier problem of the record: it is what swallowed the rest of the file.
        this.errors.push({
          line: this.recordLine,
          column: this.quoteColumn,
          reason: `the quoted field ${this.quoteColumn} opened on line ${this.quoteLine} is never closed: a closing double quote is missing`,
        });
        break;
    }
    this.state = AT_RECORD;
    this.fields = [];
    this.carry = '';
    return this.result();
  }

  private result(): CsvChunkResult {
    const out: CsvChunkResult = { rows: this.rows, errors: this.errors, fatal: this.fatal };
    this.rows = [];
    this.errors = [];
    return out;
  }

  private useDelimiter(delimiter: CsvDelimiter): void {
    this.delimiter = delimiter;
    this.delimiterCode = delimiter === ';' ? SEMICOLON : COMMA;
  }

  /** Counts delimiters outside quotes in the first record; true once that record has ended (or the text is binary). */
  private scanForDelimiter(chunk: string): boolean {
    let inQuotes = this.scanInQuotes;
    let hasContent = this.scanHasContent;
    let done = false;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === NUL) {
        done = true;
        break;
      }
      if (c === QUOTE) {
        inQuotes = !inQuotes;
        hasContent = true;
      } else if (inQuotes) {
        continue;
      } else if (c === COMMA) {
        this.commas++;
        hasContent = true;
      } else if (c === SEMICOLON) {
        this.semicolons++;
        hasContent = true;
      } else if (c === LF || c === CR) {
        // Leading empty lines are not the header.
        if (hasContent) {
          done = true;
          break;
        }
      } else {
        hasContent = true;
      }
    }
    this.scanInQuotes = inQuotes;
    this.scanHasContent = hasContent;
    return done;
  }

  private releaseHeld(): void {
    const held = this.held ?? [];
    this.held = undefined;
    this.useDelimiter(this.semicolons > this.commas ? ';' : ',');
    for (const chunk of held) {
      if (this.fatal) break;
      this.run(chunk);
    }
  }

  /** Records a record's first problem; the record is then read to its end and reported instead of emitted. */
  private fail(column: number, reason: string): void {
    if (this.bad) return;
    this.bad = { line: this.recordLine, column, reason };
    this.carry = '';
  }

  private addField(value: string): void {
    const column = ++this.fieldCount;
    if (this.bad) return;
    if (column > this.maxFields) this.fail(column, `the record has more than ${this.maxFields} fields (the limit)`);
    else this.fields.push(value);
  }

  private tooLong(): void {
    this.fail(this.fieldCount + 1, `field ${this.fieldCount + 1} is longer than the limit of ${this.maxFieldLength} characters`);
  }

  /** Ends an unquoted field whose text is the carry plus s[start, end). */
  private endUnquoted(s: string, start: number, end: number): void {
    if (this.bad) {
      this.fieldCount++;
      return;
    }
    const carry = this.carry;
    if (carry.length + end - start > this.maxFieldLength) {
      this.tooLong();
      this.fieldCount++;
      return;
    }
    if (carry.length === 0) {
      this.addField(s.slice(start, end));
    } else {
      this.carry = '';
      this.addField(carry + s.slice(start, end));
    }
  }

  /** Ends a quoted field whose closing quote has been read: its text is all in the carry. */
  private endQuoted(): void {
    const carry = this.carry;
    this.carry = '';
    if (!this.bad && carry.length > this.maxFieldLength) {
      this.tooLong();
      this.fieldCount++;
      return;
    }
    this.addField(carry);
  }

  /** Keeps the part of the current field that is in this chunk, within the length limit. */
  private keep(s: string, start: number, end: number): void {
    if (this.bad || start === end) return;
    if (this.carry.length + end - start > this.maxFieldLength) this.tooLong();
    else this.carry += s.slice(start, end);
  }

  private endRecord(): void {
    if (this.bad) {
      this.errors.push(this.bad);
      this.bad = undefined;
    } else {
      this.rows.push({ line: this.recordLine, fields: this.fields });
    }
    this.fields = [];
    this.fieldCount = 0;
  }

  /**
   * The state machine over one chunk. Hot path: plain characters are skipped with a single comparison and whole fields
   * are sliced out of the chunk; only fields cut by a chunk boundary or containing '""' are assembled from pieces.
   */
  private run(s: string): void {
    const n = s.length;
    if (n === 0) return;
    const delimiter = this.delimiterCode;
    // Outside quotes the special characters are NUL, LF, CR, '"' and the delimiter: everything above the highest of them,
    // or between '"' and the delimiter (digits, with ';'), is plain text and costs one or two comparisons.
    const plainAbove = delimiter > QUOTE ? delimiter : QUOTE;
    let state = this.state;
    let line = this.line;
    let i = 0;
    let start = 0; // where the current unquoted field, or quoted segment, begins in s
    if (this.crPending) {
      this.crPending = false;
      // The LF of a CRLF split across chunks: the line was counted at the CR (inside quotes it stays in the field text).
      if (s.charCodeAt(0) === LF) {
        i = 1;
        if (n === 1 && state === IN_QUOTED) {
          // The loop below will not run to keep it.
          this.keep(s, 0, 1);
          return;
        }
      }
    }

    chunk: while (i < n) {
      if (state === AT_RECORD) {
        const c = s.charCodeAt(i);
        if (c === LF || c === CR) {
          // An empty line: counted, not emitted.
          line++;
          i++;
          if (c === CR) {
            if (i === n) this.crPending = true;
            else if (s.charCodeAt(i) === LF) i++;
          }
          continue;
        }
        this.recordLine = line;
        state = AT_FIELD;
      }

      if (state === AT_FIELD) {
        if (s.charCodeAt(i) === QUOTE) {
          this.quoteLine = line;
          this.quoteColumn = this.fieldCount + 1;
          i++;
          start = i;
          state = IN_QUOTED;
          continue;
        }
        start = i;
        state = IN_UNQUOTED;
      }

      if (state === IN_UNQUOTED) {
        for (;;) {
          if (i === n) {
            this.keep(s, start, n);
            break chunk;
          }
          const c = s.charCodeAt(i);
          if (c > plainAbove || (c > QUOTE && c < delimiter)) {
            i++;
          } else if (c === delimiter) {
            this.endUnquoted(s, start, i);
            i++;
            // Stay in this loop when the next field is unquoted too: most are.
            if (i < n && s.charCodeAt(i) !== QUOTE) {
              start = i;
              continue;
            }
            state = AT_FIELD;
            break;
          } else if (c === LF || c === CR) {
            this.endUnquoted(s, start, i);
            this.endRecord();
            line++;
            i++;
            if (c === CR) {
              if (i === n) this.crPending = true;
              else if (s.charCodeAt(i) === LF) i++;
            }
            if (i < n) {
              const next = s.charCodeAt(i);
              if (next !== QUOTE && next !== LF && next !== CR) {
                // The next record starts with an unquoted field: no need to go round the dispatch.
                this.recordLine = line;
                start = i;
                continue;
              }
            }
            state = AT_RECORD;
            break;
          } else if (c === QUOTE) {
            // The first problem by position is reported, however the text was chunked: the field may already be too long.
            const column = this.fieldCount + 1;
            if (this.carry.length + i - start > this.maxFieldLength) this.tooLong();
            else
              this.fail(column, `field ${column} has a double quote inside an unquoted value: quote the whole field and double the quote`);
            i++;
          } else if (c === NUL) {
            break chunk;
          } else {
            i++;
          }
        }
        continue;
      }

      if (state === IN_QUOTED) {
        for (;;) {
          if (i === n) {
            this.keep(s, start, n);
            break chunk;
          }
          const c = s.charCodeAt(i);
          if (c > QUOTE) {
            i++;
          } else if (c === QUOTE) {
            this.keep(s, start, i);
            i++;
            if (i < n && s.charCodeAt(i) === delimiter) {
              // Closed, and followed by a delimiter: the usual case, handled here to save going round the dispatch.
              this.endQuoted();
              i++;
              if (i < n && s.charCodeAt(i) === QUOTE) {
                this.quoteLine = line;
                this.quoteColumn = this.fieldCount + 1;
                i++;
                start = i;
                continue;
              }
              state = AT_FIELD;
              break;
            }
            state = AFTER_QUOTE;
            break;
          } else if (c === LF) {
            line++;
            i++;
          } else if (c === CR) {
            line++;
            i++;
            if (i === n) this.crPending = true;
            else if (s.charCodeAt(i) === LF) i++;
          } else if (c === NUL) {
            break chunk;
          } else {
            i++;
          }
        }
        continue;
      }

      // AFTER_QUOTE: the next character says whether the quote was doubled or closed the field.
      const c = s.charCodeAt(i);
      if (c === QUOTE) {
        this.keep('"', 0, 1);
        i++;
        start = i;
        state = IN_QUOTED;
      } else if (c === delimiter) {
        this.endQuoted();
        i++;
        state = AT_FIELD;
      } else if (c === LF || c === CR) {
        this.endQuoted();
        this.endRecord();
        line++;
        i++;
        if (c === CR) {
          if (i === n) this.crPending = true;
          else if (s.charCodeAt(i) === LF) i++;
        }
        state = AT_RECORD;
      } else if (c === NUL) {
        break;
      } else {
        const column = this.fieldCount + 1;
        this.fail(column, `field ${column} has text after its closing double quote`);
        // Read on as if unquoted, only to find where the record ends.
        start = i;
        state = IN_UNQUOTED;
      }
    }

    this.state = state;
    this.line = line;
    if (i < n) {
      // Only a NUL stops the loop early.
      this.fatal = { line, reason: `line ${line} contains a NUL character: the file looks binary, not CSV text` };
      this.bad = undefined;
      this.fields = [];
      this.carry = '';
    }
  }
}

/** What a header check found: the column index of each expected (and present optional) name, or what is wrong. */
export type CsvHeaderCheck<Name extends string, Optional extends string> =
  { ok: true; indexes: Record<Name, number> & Partial<Record<Optional, number>> } | { ok: false; problems: string[] };

/**
 * Builds a check of a header row against the expected column names. Names are compared trimmed and case-insensitively;
 * columns may come in any order. Every problem is listed, not just the first, so a user can fix the file in one go.
 * An unknown column within edit distance 2 of a missing name is reported as a probable misspelling of it (and that name
 * is then not reported as missing again).
 */
export function createHeaderChecker<const Name extends string, const Optional extends string = never>(
  expected: readonly Name[],
  options: { optional?: readonly Optional[] } = {},
): (header: readonly string[]) => CsvHeaderCheck<Name, Optional> {
  const optional = options.optional ?? [];
  const known = new Map<string, { name: Name | Optional; required: boolean }>();
  for (const name of expected) known.set(normalise(name), { name, required: true });
  for (const name of optional) {
    const key = normalise(name);
    if (!known.has(key)) known.set(key, { name, required: false });
  }

  return (header) => {
    const problems: string[] = [];
    const indexes: Partial<Record<Name | Optional, number>> = {};
    const unknown: { label: string; key: string; column: number }[] = [];
    header.forEach((raw, index) => {
      const key = normalise(raw);
      const column = index + 1;
      if (key === '') {
        problems.push(`column ${column} has no name`);
        return;
      }
      const match = known.get(key);
      if (!match) {
        unknown.push({ label: raw.trim(), key, column });
        return;
      }
      const first = indexes[match.name];
      if (first === undefined) indexes[match.name] = index;
      else problems.push(`column "${match.name}" appears more than once (columns ${first + 1} and ${column})`);
    });

    // Suggest only names that are absent: a name already present is not what a misspelt column meant.
    const absent = [...known.entries()].filter(([, { name }]) => indexes[name] === undefined);
    const suggested = new Set<string>();
    for (const { label, key, column } of unknown) {
      let best: { name: string; distance: number } | undefined;
      for (const [candidateKey, { name }] of absent) {
        const distance = editDistance(key, candidateKey, 2);
        if (distance <= 2 && (!best || distance < best.distance)) best = { name, distance };
      }
      if (best) {
        suggested.add(best.name);
        problems.push(`unknown column "${label}" (did you mean "${best.name}"?)`);
      } else {
        problems.push(`unknown column "${label}" (column ${column})`);
      }
    }
    for (const [, { name, required }] of absent) {
      if (required && !suggested.has(name)) problems.push(`missing column "${name}"`);
    }

    if (problems.length > 0) return { ok: false, problems };
    return { ok: true, indexes: indexes as Record<Name, number> & Partial<Record<Optional, number>> };
  };
}

function normalise(name: string): string {
  return name.trim().toLowerCase();
}
