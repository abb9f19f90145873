import { describe, expect, it } from 'vitest';
import { paramsToLines, parseParamLines } from './param-lines';

describe('parameter lines', () => {
  it('reads name=value lines, skipping blanks and comments, and writes them back', () => {
    const text = 'alpha = 0.01\n\n# the baseline weeks\nb=3\nformula=~1+t=1';
    const result = parseParamLines(text);
    expect(result).toEqual({ ok: true, params: { alpha: '0.01', b: '3', formula: '~1+t=1' } });
    expect(result.ok && paramsToLines(result.params)).toBe('alpha=0.01\nb=3\nformula=~1+t=1');
    expect(parseParamLines('  \n')).toEqual({ ok: true, params: {} });
  });

  it('names the line that cannot be read', () => {
    expect(parseParamLines('alpha=0.01\nbaseline 7')).toEqual({ ok: false, line: 2, problem: 'no-equals', name: 'baseline 7' });
    expect(parseParamLines('=3')).toEqual({ ok: false, line: 1, problem: 'no-name', name: '' });
    expect(parseParamLines('b=3\r\nb=4')).toEqual({ ok: false, line: 2, problem: 'duplicate', name: 'b' });
  });
});
