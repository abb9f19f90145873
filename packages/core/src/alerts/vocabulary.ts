import { type EventStatus } from '../ihr/event-status.js';
import { type Grade } from '../ihr/grading.js';
import { type RiskLevel } from '../ihr/risk.js';
import { type Language } from '../limits.js';

/**
 * Our codes (event status, WHO grade, risk level) in words, in the six UN languages, for messages sent
 * to people: a recipient should never see `under_verification` or `grade_2`. Verification terms follow
 * the official texts of the IHR (2005) Article 10 ("verification", « vérification », «verificación»,
 * «проверка», 核实, التحقق); grades follow WHO's Emergency Response Framework; risk levels follow
 * WHO rapid risk assessment (low, moderate, high, very high). Written as labels ("Status: verified"),
 * so they need not agree with a noun in the sentence around them.
 */

export const EVENT_STATUS_WORDS: Readonly<Record<Language, Readonly<Record<EventStatus, string>>>> = {
  ar: { under_verification: 'قيد التحقق', verified: 'تم التحقق منه', discarded: 'مستبعد', monitoring: 'قيد الرصد', closed: 'مغلق' },
  zh: { under_verification: '核实中', verified: '已核实', discarded: '已排除', monitoring: '监测中', closed: '已关闭' },
  en: {
    under_verification: 'under verification',
    verified: 'verified',
    discarded: 'discarded',
    monitoring: 'monitoring',
    closed: 'closed',
  },
  fr: { under_verification: 'en cours de vérification', verified: 'vérifié', discarded: 'écarté', monitoring: 'en suivi', closed: 'clos' },
  ru: {
    under_verification: 'на проверке',
    verified: 'подтверждено',
    discarded: 'отклонено',
    monitoring: 'под наблюдением',
    closed: 'закрыто',
  },
  es: {
    under_verification: 'en verificación',
    verified: 'verificado',
    discarded: 'descartado',
    monitoring: 'en seguimiento',
    closed: 'cerrado',
  },
};

export const GRADE_WORDS: Readonly<Record<Language, Readonly<Record<Grade, string>>>> = {
  ar: {
    ungraded: 'غير مصنّف',
    grade_1: 'الدرجة 1',
    grade_2: 'الدرجة 2',
    grade_3: 'الدرجة 3',
    protracted_1: 'الدرجة 1 (طارئة ممتدة)',
    protracted_2: 'الدرجة 2 (طارئة ممتدة)',
    protracted_3: 'الدرجة 3 (طارئة ممتدة)',
  },
  zh: {
    ungraded: '未分级',
    grade_1: '1级',
    grade_2: '2级',
    grade_3: '3级',
    protracted_1: '长期1级',
    protracted_2: '长期2级',
    protracted_3: '长期3级',
  },
  en: {
    ungraded: 'ungraded',
    grade_1: 'Grade 1',
    grade_2: 'Grade 2',
    grade_3: 'Grade 3',
    protracted_1: 'Protracted 1',
    protracted_2: 'Protracted 2',
    protracted_3: 'Protracted 3',
  },
  fr: {
    ungraded: 'non classé',
    grade_1: 'grade 1',
    grade_2: 'grade 2',
    grade_3: 'grade 3',
    protracted_1: 'grade 1 prolongé',
    protracted_2: 'grade 2 prolongé',
    protracted_3: 'grade 3 prolongé',
  },
  ru: {
    ungraded: 'без степени',
    grade_1: 'степень 1',
    grade_2: 'степень 2',
    grade_3: 'степень 3',
    protracted_1: 'затяжная, степень 1',
    protracted_2: 'затяжная, степень 2',
    protracted_3: 'затяжная, степень 3',
  },
  es: {
    ungraded: 'sin grado',
    grade_1: 'grado 1',
    grade_2: 'grado 2',
    grade_3: 'grado 3',
    protracted_1: 'grado 1 prolongado',
    protracted_2: 'grado 2 prolongado',
    protracted_3: 'grado 3 prolongado',
  },
};

export const RISK_LEVEL_WORDS: Readonly<Record<Language, Readonly<Record<RiskLevel, string>>>> = {
  ar: { low: 'منخفض', moderate: 'معتدل', high: 'مرتفع', very_high: 'مرتفع جداً' },
  zh: { low: '低', moderate: '中等', high: '高', very_high: '非常高' },
  en: { low: 'low', moderate: 'moderate', high: 'high', very_high: 'very high' },
  fr: { low: 'faible', moderate: 'modéré', high: 'élevé', very_high: 'très élevé' },
  ru: { low: 'низкий', moderate: 'умеренный', high: 'высокий', very_high: 'очень высокий' },
  es: { low: 'bajo', moderate: 'moderado', high: 'alto', very_high: 'muy alto' },
};
