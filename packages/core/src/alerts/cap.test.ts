import { describe, expect, it } from 'vitest';
import { InstantError } from '../time/instants.js';
import {
  CAP_GEOCODE_ISO3,
  CapAlertError,
  capAlertProblems,
  capDateTime,
  capReferences,
  renderCapAlert,
  type CapAlert,
  type CapInfo,
} from './cap.js';
import { capSchemaErrors, wellFormednessErrors } from './xmllint.test-support.js';

const WEB = 'https://accord.example.org/public/events/5f0c2f1e';
const HAITI = { ar: 'هايتي', zh: '海地', en: 'Haiti', fr: 'Haïti', ru: 'Гаити', es: 'Haití' } as const;

const texts = {
  en: [
    'Cholera outbreak',
    'Cholera outbreak in Haiti',
    'Since 1 November 2026, 412 suspected cholera cases including 9 deaths have been reported in the Ouest department.',
    'Drink only treated water and seek care at once for acute watery diarrhoea.',
  ],
  fr: [
    'Flambée de choléra',
    'Flambée de choléra en Haïti',
    'Depuis le 1er novembre 2026, 412 cas suspects de choléra, dont 9 décès, ont été notifiés dans le département de l’Ouest.',
    'Ne buvez que de l’eau traitée et consultez immédiatement en cas de diarrhée aqueuse aiguë.',
  ],
  es: [
    'Brote de cólera',
    'Brote de cólera en Haití',
    'Desde el 1 de noviembre de 2026 se han notificado 412 casos sospechosos de cólera, incluidas 9 defunciones, en el departamento Oeste.',
    'Beba solo agua tratada y acuda de inmediato a un centro de salud en caso de diarrea acuosa aguda.',
  ],
  ru: [
    'Вспышка холеры',
    'Вспышка холеры в Гаити',
    'С 1 ноября 2026 года в департаменте Уэст зарегистрировано 412 подозрительных на холеру случаев, в том числе 9 летальных исходов.',
    'Пейте только обработанную воду и при острой водянистой диарее немедленно обращайтесь за медицинской помощью.',
  ],
  zh: [
    '霍乱疫情',
    '海地暴发霍乱疫情',
    '自2026年11月1日以来，西部省报告了412例霍乱疑似病例，其中包括9例死亡。',
    '只饮用经过处理的水；如出现急性水样腹泻，请立即就医。',
  ],
  ar: [
    'فاشية الكوليرا',
    'فاشية الكوليرا في هايتي',
    'منذ 1 تشرين الثاني/نوفمبر 2026، أُبلغ عن 412 حالة يُشتبه في إصابتها بالكوليرا، منها 9 وفيات، في مقاطعة الغرب.',
    'لا تشرب إلا المياه المعالجة، والتمس الرعاية فوراً عند الإصابة بإسهال مائي حاد.',
  ],
} as const;

const SENDER_NAMES = {
  en: 'World Health Organization',
  fr: 'Organisation mondiale de la Santé',
  es: 'Organización Mundial de la Salud',
  ru: 'Всемирная организация здравоохранения',
  zh: '世界卫生组织',
  ar: 'منظمة الصحة العالمية',
} as const;

const infos: CapInfo[] = (['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const).map((language) => {
  const [event, headline, description, instruction] = texts[language];
  return {
    language,
    event,
    responseType: 'Monitor',
    urgency: 'Expected',
    severity: 'Severe',
    certainty: 'Observed',
    effective: '2026-11-23T10:00:00.000Z',
    expires: '2026-12-23T10:00:00.000Z',
    senderName: SENDER_NAMES[language],
    headline,
    description,
    instruction,
    web: WEB,
    areas: [{ areaDesc: HAITI[language], geocodes: [{ valueName: CAP_GEOCODE_ISO3, value: 'HTI' }] }],
  };
});

const alert = (overrides: Partial<CapAlert> = {}): CapAlert => ({
  identifier: 'accord-event-5f0c2f1e-3',
  sender: 'accord.example.org',
  sent: '2026-11-23T10:00:00.000Z',
  status: 'Actual',
  msgType: 'Update',
  references: [
    { sender: 'accord.example.org', identifier: 'accord-event-5f0c2f1e-1', sent: '2026-11-20T08:30:00.000Z' },
    { sender: 'accord.example.org', identifier: 'accord-event-5f0c2f1e-2', sent: '2026-11-21T14:05:09.120Z' },
  ],
  infos,
  ...overrides,
});

describe('capDateTime', () => {
  it('writes a UTC instant with +00:00 and whole seconds, as CAP requires', () => {
    expect(capDateTime('2026-11-23T10:00:00.000Z')).toBe('2026-11-23T10:00:00+00:00');
    expect(capDateTime('2026-11-23T10:00:59.999Z')).toBe('2026-11-23T10:00:59+00:00');
    expect(capDateTime('2026-11-23T10:00Z')).toBe('2026-11-23T10:00:00+00:00');
  });

  it('refuses text that is not a UTC instant', () => {
    expect(() => capDateTime('2026-11-23T10:00:00+01:00')).toThrow(InstantError);
    expect(() => capDateTime('2026-11-31T10:00:00Z')).toThrow(InstantError);
  });
});

describe('capReferences', () => {
  it('joins sender, identifier and sent with commas, and alerts with spaces', () => {
    expect(capReferences(alert().references)).toBe(
      'accord.example.org,accord-event-5f0c2f1e-1,2026-11-20T08:30:00+00:00 accord.example.org,accord-event-5f0c2f1e-2,2026-11-21T14:05:09+00:00',
    );
  });
});

describe('renderCapAlert', () => {
  it('writes an alert in six languages that the CAP 1.2 schema accepts', async () => {
    const xml = renderCapAlert(alert());
    expect(await capSchemaErrors(xml)).toEqual([]);
    expect(xml).toContain('<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">');
    expect(xml).toContain('<sent>2026-11-23T10:00:00+00:00</sent>');
    expect(xml).toContain('<scope>Public</scope>');
    expect(xml.match(/<info>/g)).toHaveLength(6);
    expect(xml.match(/<category>Health<\/category>/g)).toHaveLength(6);
    for (const language of ['ar', 'zh', 'en', 'fr', 'ru', 'es']) expect(xml).toContain(`<language>${language}</language>`);
    expect(xml).toContain('<headline>海地暴发霍乱疫情</headline>');
    expect(xml).toContain('<geocode>\n        <valueName>ISO3166-1-alpha-3</valueName>\n        <value>HTI</value>\n      </geocode>');
    expect(xml).not.toMatch(/\d{2}:\d{2}:\d{2}(\.\d+)?Z/);
  });

  it('writes a first alert without references, and leaves out the optional parts not given', async () => {
    const minimal: CapInfo = { ...infos[2]!, responseType: null, effective: null, expires: null, instruction: null, areas: [] };
    const xml = renderCapAlert(alert({ msgType: 'Alert', references: [], infos: [minimal] }));
    expect(await capSchemaErrors(xml)).toEqual([]);
    for (const element of ['references', 'responseType', 'effective', 'expires', 'instruction', 'area'])
      expect(xml).not.toContain(`<${element}>`);
  });

  it('writes a Cancel without info blocks', async () => {
    const xml = renderCapAlert(alert({ msgType: 'Cancel', infos: [] }));
    expect(await capSchemaErrors(xml)).toEqual([]);
  });

  it('escapes hostile text and still validates', async () => {
    const hostile = '<script>alert("x")</script> & ]]> \u0000';
    const xml = renderCapAlert(
      alert({ infos: [{ ...infos[2]!, headline: hostile, description: hostile, areas: [{ areaDesc: hostile }] }] }),
    );
    expect(await capSchemaErrors(xml)).toEqual([]);
    expect(xml).toContain('<headline>&lt;script&gt;alert("x")&lt;/script&gt; &amp; ]]&gt; </headline>');
  });

  it('refuses what CAP forbids, naming every problem', () => {
    expect(capAlertProblems(alert())).toEqual([]);
    expect(() => renderCapAlert(alert({ identifier: 'event 1' }))).toThrow(CapAlertError);
    expect(() => renderCapAlert(alert({ sender: 'who,int' }))).toThrow(CapAlertError);
    expect(capAlertProblems(alert({ msgType: 'Update', references: [] }))).toEqual([
      'msgType Update needs references to the alerts it replaces',
    ]);
    expect(capAlertProblems(alert({ msgType: 'Cancel', references: [] }))).toEqual([
      'msgType Cancel needs references to the alerts it replaces',
    ]);
    expect(capAlertProblems(alert({ infos: [infos[0]!, infos[1]!, infos[0]!] }))).toEqual(['each language at most once, not ar again']);
    expect(capAlertProblems(alert({ infos: [{ ...infos[2]!, expires: infos[2]!.effective }] }))).toEqual([
      'en: expires must come after effective',
    ]);
    expect(() => renderCapAlert(alert({ sent: '2026-11-23' }))).toThrow(InstantError);
  });
});

describe('the CAP 1.2 schema', () => {
  const valid = renderCapAlert(alert());

  it('rejects a status CAP does not define', async () => {
    const errors = await capSchemaErrors(valid.replace('<status>Actual</status>', '<status>Real</status>'));
    expect(errors.join('\n')).toContain(`status': [facet 'enumeration'] The value 'Real' is not an element of the set`);
  });

  it('rejects a time written with Z or -00:00', async () => {
    const zulu = await capSchemaErrors(valid.replace('<sent>2026-11-23T10:00:00+00:00</sent>', '<sent>2026-11-23T10:00:00Z</sent>'));
    expect(zulu.join('\n')).toContain(`sent': [facet 'pattern'] The value '2026-11-23T10:00:00Z' is not accepted`);
    const minusZero = await capSchemaErrors(
      valid.replace('<sent>2026-11-23T10:00:00+00:00</sent>', '<sent>2026-11-23T10:00:00-00:00</sent>'),
    );
    expect(minusZero.join('\n')).toContain(`sent': [facet 'pattern']`);
    expect(
      await capSchemaErrors(valid.replace('<sent>2026-11-23T10:00:00+00:00</sent>', '<sent>2026-11-23T10:00:00.000+00:00</sent>')),
    ).not.toEqual([]);
    expect(
      await capSchemaErrors(valid.replace('<sent>2026-11-23T10:00:00+00:00</sent>', '<sent>2026-11-23T05:00:00-05:00</sent>')),
    ).toEqual([]);
  });

  it('rejects elements out of order, missing or unknown', async () => {
    expect(await capSchemaErrors(valid.replace('<scope>Public</scope>\n', ''))).not.toEqual([]);
    expect(
      await capSchemaErrors(
        valid.replace(
          /<urgency>Expected<\/urgency>\n\s*<severity>Severe<\/severity>/,
          '<severity>Severe</severity><urgency>Expected</urgency>',
        ),
      ),
    ).not.toEqual([]);
    expect(
      await capSchemaErrors(valid.replace('<msgType>Update</msgType>', '<msgType>Update</msgType><priority>1</priority>')),
    ).not.toEqual([]);
  });

  it('rejects values outside the enumerations and malformed references', async () => {
    expect(await capSchemaErrors(valid.replace('<category>Health</category>', '<category>Medical</category>'))).not.toEqual([]);
    expect(await capSchemaErrors(valid.replace('<certainty>Observed</certainty>', '<certainty>Confirmed</certainty>'))).not.toEqual([]);
    expect(await capSchemaErrors(valid.replace(/<references>[^<]*<\/references>/, '<references>accord-event-1</references>'))).not.toEqual(
      [],
    );
    expect(
      await capSchemaErrors(valid.replace('<identifier>accord-event-5f0c2f1e-3</identifier>', '<identifier>a b</identifier>')),
    ).not.toEqual([]);
  });

  it('rejects an alert in another namespace', async () => {
    expect(await capSchemaErrors(valid.replace('cap:1.2', 'cap:1.1'))).not.toEqual([]);
  });

  it('is itself well-formed XML', async () => {
    const { readFileSync } = await import('node:fs');
    expect(await wellFormednessErrors(readFileSync('data/schemas/cap-1.2.xsd', 'utf8'))).toEqual([]);
  });
});
