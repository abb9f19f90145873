import { describe, expect, it } from 'vitest';
import { interpolate, pickInitialLanguage } from './translate';

describe('interpolate', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(interpolate('{from}–{to} of {total}', { from: 1, to: 50, total: '1,234' })).toBe('1–50 of 1,234');
    expect(interpolate('Hello {name}', {})).toBe('Hello {name}');
    expect(interpolate('No params')).toBe('No params');
  });
});

describe('pickInitialLanguage', () => {
  it('prefers a saved choice, then the browser languages by their base tag, then English', () => {
    expect(pickInitialLanguage('ar', ['fr-FR'])).toBe('ar');
    expect(pickInitialLanguage(null, ['de-DE', 'zh-Hans-CN', 'fr'])).toBe('zh');
    expect(pickInitialLanguage('xx', ['ES-mx'])).toBe('es');
    expect(pickInitialLanguage(null, ['de', 'pt-BR'])).toBe('en');
    expect(pickInitialLanguage(null, [])).toBe('en');
  });
});
