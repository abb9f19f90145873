import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsvRecords } from '@accord/core';
import { REPO_ROOT } from '../runtime.js';
import { accord, expectOneLineError } from '../testing/run-accord.js';
import { runCli } from './main.js';

const GOLDEN = join(REPO_ROOT, 'data/golden');
const dir = mkdtempSync(join(tmpdir(), 'accord-detect-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rows = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split(','));

const goldenCases = [
  'cases.csv',
  'cases-accord.csv',
  'cases-rt-accord.csv',
  'cases-cusum-accord.csv',
  'cases-farrington-accord.csv',
].flatMap((file) => parseCsvRecords(readFileSync(join(GOLDEN, file), 'utf8')).map((c): Record<string, string> => ({ ...c, file })));

/** Relative difference as the golden README defines it. */
const difference = (ours: string, reference: string) =>
  Math.abs(Number(ours) - Number(reference)) / Math.max(Math.abs(Number(reference)), 1);

/** The case's own command line (the `cli` column), with its files placed here. */
function commandOf(golden: Record<string, string>, out: string): string[] {
  const words = golden.cli!.split(' ');
  expect(words[0]).toBe('accord');
  return words.slice(1).map((word) => (word === 'OUT.csv' ? out : word.startsWith('input/') ? join(GOLDEN, word) : word));
}

const IMPLEMENTED = new Set(['ears-c1', 'ears-c2', 'ears-c3', 'cusum', 'farrington', 'farrington-flexible', 'noufaily', 'rt']);

describe.each(goldenCases.filter((c) => IMPLEMENTED.has(c.method!)))('golden case $case ($file)', (golden) => {
  it("gives R's values for every series and period, with undefined values and alarms exactly where R has them", async () => {
    const out = join(dir, `${golden.case}.csv`);
    await runCli(['node', 'accord', ...commandOf(golden, out)]);
    const ours = rows(out);
    const reference = rows(join(GOLDEN, golden.reference_output!));
    expect(ours[0]).toEqual(reference[0]);
    expect(ours.map((r) => r.slice(0, 3))).toEqual(reference.map((r) => r.slice(0, 3)));
    const valueColumns = golden.method === 'rt' ? [3, 4, 5, 6, 7] : [3, 4];
    let worst = 0;
    ours.slice(1).forEach((row, i) => {
      const expected = reference[i + 1]!;
      for (const c of valueColumns) {
        expect(row[c] === '', `${row[0]} ${row[1]} column ${c}`).toBe(expected[c] === '');
        if (expected[c] !== '') worst = Math.max(worst, difference(row[c]!, expected[c]!));
      }
      if (golden.method !== 'rt') expect(row[5], `${row[0]} ${row[1]} alarm`).toBe(expected[5]);
    });
    expect(worst).toBeLessThanOrEqual(Number(golden.tolerance));
  });
});

/** The command line of the contract, run as outside scripts run it. */
describe('accord detect and accord rt (command-line contract)', () => {
  it('accord rt reproduces EpiEstim on the Flu2009 golden case, window by window', async () => {
    const out = join(dir, 'rt.csv');
    const outcome = await accord([
      'rt',
      '--input',
      join(GOLDEN, 'input/Flu2009.csv'),
      '--output',
      out,
      '--si-mean',
      '2.6',
      '--si-sd',
      '1.5',
      '--window',
      '7',
    ]);
    expect(outcome.code).toBe(0);
    const ours = rows(out);
    const reference = rows(join(GOLDEN, 'output/Flu2009__rt.csv'));
    expect(ours[0]).toEqual(['series', 't_start', 't_end', 'mean_r', 'std_r', 'q025', 'median_r', 'q975']);
    expect(ours).toHaveLength(reference.length);
    ours.slice(1).forEach((row, i) => {
      const expected = reference[i + 1]!;
      expect(row.slice(0, 3)).toEqual(expected.slice(0, 3));
      for (let c = 3; c < 8; c++) {
        if (expected[c] === '') expect(row[c]).toBe('');
        else expect(Math.abs(Number(row[c]) - Number(expected[c])) / Math.max(Math.abs(Number(expected[c])), 1)).toBeLessThan(1e-6);
      }
    });
  });

  it('refuses bad input with the line of every bad row, and writes nothing', async () => {
    const input = join(dir, 'bad.csv');
    const out = join(dir, 'never.csv');
    writeFileSync(input, 'series,period,count\na,2024-01-01,3\na,2024-01-01,4\na,2024-01-10,1\nb,2024-01-08,-2\n');
    const outcome = await accord(['detect', '--method', 'ears-c1', '--input', input, '--output', out]);
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain('has 3 bad rows; nothing was written');
    expect(outcome.stderr).toContain('line 3 (period): series "a" has week 2024-01-01 twice (also on line 2); keep one row');
    expect(outcome.stderr).toContain('line 4 (period): "2024-01-10" is a Wednesday, not a Monday');
    expect(outcome.stderr).toContain('line 5 (count): negative count -2');
    expect(existsSync(out)).toBe(false);

    expectOneLineError(
      await accord(['detect', '--method', 'shewhart', '--input', input, '--output', out]),
      /unknown method "shewhart"; use one of ears-c1, ears-c2, ears-c3, farrington, farrington-flexible, noufaily, cusum/,
    );
    const gap = join(dir, 'gap.csv');
    writeFileSync(gap, 'series,date,incidence\nx,2009-04-27,1\nx,2009-04-29,2\n');
    expect((await accord(['rt', '--input', gap, '--output', out, '--si-mean', '2.6', '--si-sd', '1.5'])).stderr).toContain(
      'series "x" has no row for 2009-04-28: give every day, with 0 for days without cases',
    );
  });
});
