import { describe, expect, it } from 'vitest';
import { EVENT_STATUSES } from '../ihr/event-status.js';
import { GRADES } from '../ihr/grading.js';
import { RISK_LEVELS } from '../ihr/risk.js';
import { LANGUAGES, type Language } from '../limits.js';
import { InstantError, type IsoInstant } from '../time/instants.js';
import { formatUtcMinute, MESSAGE_KINDS, MessageFactsError, renderMessage, type MessageFacts } from './messages.js';
import { EVENT_STATUS_WORDS, GRADE_WORDS, RISK_LEVEL_WORDS } from './vocabulary.js';

/** What the caller would pass: names already in the recipient's language, the title as written by its author. */
const NAMES: Record<Language, { countries: string[]; disease: string; actor: string; note: string }> = {
  ar: {
    countries: ['هايتي', 'الجمهورية الدومينيكية'],
    disease: 'الكوليرا',
    actor: 'المكتب القطري',
    note: 'وردت تقارير جديدة من المقاطعة.',
  },
  zh: { countries: ['海地', '多米尼加共和国'], disease: '霍乱', actor: '国家联络人', note: '该省报告了新的病例。' },
  en: {
    countries: ['Haiti', 'Dominican Republic'],
    disease: 'Cholera',
    actor: 'WHO Country Office',
    note: 'New reports from the department.',
  },
  fr: {
    countries: ['Haïti', 'République dominicaine'],
    disease: 'Choléra',
    actor: 'Bureau de pays',
    note: 'Nouveaux rapports du département.',
  },
  ru: { countries: ['Гаити', 'Доминиканская Республика'], disease: 'Холера', actor: 'Страновое бюро', note: 'Поступили новые сообщения.' },
  es: {
    countries: ['Haití', 'República Dominicana'],
    disease: 'Cólera',
    actor: 'Oficina en el país',
    note: 'Nuevos informes del departamento.',
  },
};

const facts = (language: Language, overrides: Partial<MessageFacts> = {}): MessageFacts => ({
  eventTitle: 'Cholera outbreak — Ouest department',
  eventUrl: 'https://accord.example.org/events/5f0c2f1e',
  countryNames: NAMES[language].countries,
  diseaseName: NAMES[language].disease,
  status: 'verified',
  previousStatus: 'under_verification',
  grade: 'grade_2',
  riskLevel: 'high',
  dueAt: '2026-11-24T10:00:00.000Z' as IsoInstant,
  actorLabel: NAMES[language].actor,
  note: NAMES[language].note,
  ...overrides,
});

/** Latin words of three letters or more left once the caller's own text and our brand are taken out. */
function latinWords(text: string, f: MessageFacts): string[] {
  let rest = text;
  for (const own of [f.eventTitle, f.eventUrl, ...f.countryNames, f.diseaseName, f.actorLabel, f.note]) {
    if (own) rest = rest.split(own).join(' ');
  }
  // Accord is the product's name; UTC is the international symbol for the time scale, the same in every language.
  return (rest.match(/[A-Za-z\u00C0-\u024F]{3,}/g) ?? []).filter((word) => word !== 'Accord' && word !== 'UTC');
}

describe('renderMessage', () => {
  it('writes every kind in every language, with the title and the link', () => {
    for (const kind of MESSAGE_KINDS) {
      for (const language of LANGUAGES) {
        const f = facts(language);
        const { subject, text } = renderMessage(kind, language, f);
        expect(subject.startsWith('[Accord]'), `${kind} ${language}`).toBe(true);
        expect(subject).toContain(f.eventTitle);
        expect(subject).not.toContain('\n');
        expect(subject.length, `${kind} ${language}: ${subject}`).toBeLessThan(120);
        expect(text).toContain(f.eventTitle);
        expect(text).toContain(f.eventUrl);
        expect(text.split('\n')[0]!.length, `${kind} ${language}`).toBeGreaterThan(0);
      }
    }
  });

  it('leaves no English in Arabic, Chinese or Russian messages', () => {
    for (const language of ['ar', 'zh', 'ru'] as const) {
      for (const kind of MESSAGE_KINDS) {
        for (const status of EVENT_STATUSES) {
          const f = facts(language, { status, eventTitle: 'Cholera outbreak — Ouest department' });
          const { subject, text } = renderMessage(kind, language, f);
          expect(latinWords(`${subject}\n${text}`, f), `${kind} ${language} ${status}`).toEqual([]);
        }
      }
    }
  });

  it('words every status, grade and risk level in every language, and differently within a language', () => {
    for (const language of LANGUAGES) {
      for (const [vocabulary, codes] of [
        [EVENT_STATUS_WORDS, EVENT_STATUSES],
        [GRADE_WORDS, GRADES],
        [RISK_LEVEL_WORDS, RISK_LEVELS],
      ] as const) {
        const words = codes.map((code) => (vocabulary[language] as Record<string, string>)[code]);
        expect(words.every((w) => w !== undefined && w !== '' && !w.includes('_'))).toBe(true);
        expect(new Set(words).size).toBe(codes.length);
      }
    }
  });

  it('writes the codes in the recipient’s words', () => {
    const fr = renderMessage('event_updated', 'fr', facts('fr'));
    expect(fr.text).toContain('Le statut de l’événement est passé de « en cours de vérification » à « vérifié ».');
    expect(fr.subject).toBe('[Accord] Statut : vérifié — Cholera outbreak — Ouest department');
    expect(renderMessage('risk_assessed', 'es', facts('es', { riskLevel: 'very_high' })).text).toContain('se ha evaluado como muy alto.');
    expect(renderMessage('event_graded', 'ru', facts('ru', { grade: 'protracted_3' })).text).toContain(
      'Классификация: затяжная, степень 3',
    );
    expect(renderMessage('event_graded', 'zh', facts('zh')).subject).toBe('[Accord]【分级：2级】Cholera outbreak — Ouest department');
    expect(renderMessage('event_updated', 'en', facts('en', { previousStatus: null })).text).toContain(
      'The status of the event has changed to “verified”.',
    );
  });

  it('writes the whole English message as expected', () => {
    expect(renderMessage('verification_requested', 'en', facts('en', { status: 'under_verification' }))).toEqual({
      subject: '[Accord] Verification requested — Cholera outbreak — Ouest department',
      text: [
        'You are asked to verify this event. Please reply by 2026-11-24 10:00 UTC.',
        '',
        'Event: Cholera outbreak — Ouest department',
        'Countries: Haiti, Dominican Republic',
        'Disease: Cholera',
        'Status: under verification',
        'Risk: high',
        'Grade: Grade 2',
        'Due: 2026-11-24 10:00 UTC',
        'By: WHO Country Office',
        'Note: New reports from the department.',
        '',
        'Open in Accord: https://accord.example.org/events/5f0c2f1e',
        '',
      ].join('\n'),
    });
  });

  it('leaves out the facts that are not known, and says "country" for one', () => {
    const { text } = renderMessage(
      'event_created',
      'en',
      facts('en', { countryNames: ['Haiti'], diseaseName: null, grade: null, riskLevel: null, dueAt: null, note: null }),
    );
    expect(text).toContain('Country: Haiti\n');
    for (const label of ['Disease:', 'Risk:', 'Grade:', 'Due:', 'Note:']) expect(text).not.toContain(label);
    expect(renderMessage('verification_requested', 'en', facts('en', { dueAt: null })).text.split('\n')[0]).toBe(
      'You are asked to verify this event.',
    );
  });

  it('states the notification deadline in every language', () => {
    for (const language of LANGUAGES) {
      const { subject, text } = renderMessage(
        'notification_due',
        language,
        facts(language, { dueAt: '2026-11-24T09:41:59.999Z' as IsoInstant }),
      );
      expect(subject).toContain('2026-11-24 09:41 UTC');
      expect(text.split('\n')[0]).toContain('2026-11-24 09:41 UTC');
      expect(text.split('\n')[0]).toContain('24');
    }
  });

  it('keeps the date left to right inside Arabic text', () => {
    expect(renderMessage('notification_due', 'ar', facts('ar')).subject).toContain('\u20662026-11-24 10:00 UTC\u2069');
  });

  it('refuses a message without the fact it is about', () => {
    expect(() => renderMessage('notification_due', 'en', facts('en', { dueAt: null }))).toThrow(MessageFactsError);
    expect(() => renderMessage('risk_assessed', 'fr', facts('fr', { riskLevel: null }))).toThrow(MessageFactsError);
    expect(() => renderMessage('event_graded', 'ar', facts('ar', { grade: null }))).toThrow(MessageFactsError);
  });

  it('keeps a multi-line title on one subject line', () => {
    expect(renderMessage('event_created', 'en', facts('en', { eventTitle: 'Cholera\r\n  Haiti ' })).subject).toBe(
      '[Accord] New event — Cholera Haiti',
    );
  });
});

describe('formatUtcMinute', () => {
  it('writes date, hour and minute in UTC, dropping seconds', () => {
    expect(formatUtcMinute('2026-11-24T10:00:00.000Z')).toBe('2026-11-24 10:00 UTC');
    expect(formatUtcMinute('2026-12-31T23:59:59.999Z')).toBe('2026-12-31 23:59 UTC');
    expect(formatUtcMinute('2026-01-05T07:08Z')).toBe('2026-01-05 07:08 UTC');
  });

  it('refuses text that is not a UTC instant', () => {
    expect(() => formatUtcMinute('2026-11-24 10:00')).toThrow(InstantError);
  });
});
