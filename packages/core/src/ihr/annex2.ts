import { type IHR_CATEGORIES } from '../surveillance/reference.js';
import { addHours, lateness, type IsoInstant } from '../time/instants.js';

/**
 * The IHR (2005) Annex 2 decision instrument: does an event in a State Party's territory have to be
 * notified to WHO (Article 6)? Pure: the caller supplies the disease's group, the answers and when
 * the assessment was concluded. Specification: shared/domain/ihr-annex2.md.
 */

/** The instrument's three entry boxes; a disease's group is reference data (diseases.ihr_category). */
export type Annex2Group = (typeof IHR_CATEGORIES)[number];

export const ANNEX2_CRITERIA = ['I_serious', 'II_unusual', 'III_spread', 'IV_restrictions'] as const;
export type Annex2Criterion = (typeof ANNEX2_CRITERIA)[number];

/** The Annex's guiding sub-questions under each criterion (its 1–11, numbered here by criterion). */
export const ANNEX2_SUB_QUESTIONS = {
  I_serious: ['1.1', '1.2', '1.3'],
  II_unusual: ['2.1', '2.2'],
  III_spread: ['3.1', '3.2'],
  IV_restrictions: ['4.1', '4.2', '4.3', '4.4'],
} as const satisfies Record<Annex2Criterion, readonly string[]>;
export type Annex2SubQuestion = (typeof ANNEX2_SUB_QUESTIONS)[Annex2Criterion][number];

export const ANNEX2_ANSWERS = ['yes', 'no', 'unknown'] as const;
export type Annex2Answer = (typeof ANNEX2_ANSWERS)[number];

/** Hours from the conclusion of an assessment to the notification deadline (Article 6). */
export const NOTIFICATION_DEADLINE_HOURS = 24;

export interface CriterionOverride {
  value: Annex2Answer;
  /** Why the assessor departs from the answer derived from the sub-questions: required. */
  justification: string;
}

/**
 * A criterion from its sub-questions: yes when any is yes; otherwise unknown when any is unknown or
 * unanswered; otherwise no.
 */
export function deriveCriterion(answers: readonly (Annex2Answer | undefined)[]): Annex2Answer {
  if (answers.includes('yes')) return 'yes';
  if (answers.some((a) => a === undefined || a === 'unknown')) return 'unknown';
  return 'no';
}

/** The four criteria from the sub-answers, with the assessor's overrides (each justified) applied. */
export function deriveCriteria(
  subAnswers: Readonly<Partial<Record<Annex2SubQuestion, Annex2Answer>>>,
  overrides: Readonly<Partial<Record<Annex2Criterion, CriterionOverride>>> = {},
): Record<Annex2Criterion, Annex2Answer> {
  const criteria = {} as Record<Annex2Criterion, Annex2Answer>;
  for (const criterion of ANNEX2_CRITERIA) {
    const override = overrides[criterion];
    if (override !== undefined && override.justification.trim() === '') {
      throw new Error(`${criterion}: overriding the answer derived from its sub-questions needs a written justification`);
    }
    criteria[criterion] = override?.value ?? deriveCriterion(ANNEX2_SUB_QUESTIONS[criterion].map((q) => subAnswers[q]));
  }
  return criteria;
}

export interface Annex2Input {
  group: Annex2Group;
  /** A human case meeting the WHO case definition: what makes an always-notifiable disease notifiable by itself. */
  hasHumanCaseMeetingWhoDefinition: boolean;
  criteria: Readonly<Record<Annex2Criterion, Annex2Answer>>;
  /** When the assessment was concluded (UTC); the 24-hour clock runs from here, not from detection. */
  assessedAt: string;
}

export type Annex2Outcome = 'notify' | 'not_notified_reassess';
export type Annex2Reason = 'always_notify_disease' | 'two_or_more_criteria' | 'insufficient_information' | 'fewer_than_two_criteria';

export interface Annex2Decision {
  outcome: Annex2Outcome;
  reason: Annex2Reason;
  criteriaMet: Annex2Criterion[];
  /** Notify by this instant (notify only). */
  dueAt: IsoInstant | null;
  /** Whether the unknown answers could still bring the event to two criteria. */
  couldReachThreshold: boolean;
  /** Consult WHO under Article 8 when information is insufficient to decide. */
  suggestArticle8Consultation: boolean;
  groupApplied: Annex2Group;
}

/**
 * The decision: an always-notifiable disease with a human case is notified; otherwise at least two
 * of the four criteria answered yes. An unknown never counts as yes: when unknowns could reach two,
 * the event is reassessed and consulting WHO is suggested.
 */
export function decideAnnex2(input: Annex2Input): Annex2Decision {
  // Also checks that assessedAt is an instant.
  const dueAt = addHours(input.assessedAt, NOTIFICATION_DEADLINE_HOURS);
  const criteriaMet = ANNEX2_CRITERIA.filter((c) => input.criteria[c] === 'yes');
  const unknown = ANNEX2_CRITERIA.filter((c) => input.criteria[c] === 'unknown').length;
  const base = { criteriaMet, groupApplied: input.group };
  if (input.group === 'always_notify' && input.hasHumanCaseMeetingWhoDefinition) {
    return {
      ...base,
      outcome: 'notify',
      reason: 'always_notify_disease',
      dueAt,
      couldReachThreshold: true,
      suggestArticle8Consultation: false,
    };
  }
  if (criteriaMet.length >= 2) {
    return {
      ...base,
      outcome: 'notify',
      reason: 'two_or_more_criteria',
      dueAt,
      couldReachThreshold: true,
      suggestArticle8Consultation: false,
    };
  }
  if (criteriaMet.length + unknown >= 2) {
    return {
      ...base,
      outcome: 'not_notified_reassess',
      reason: 'insufficient_information',
      dueAt: null,
      couldReachThreshold: true,
      suggestArticle8Consultation: true,
    };
  }
  return {
    ...base,
    outcome: 'not_notified_reassess',
    reason: 'fewer_than_two_criteria',
    dueAt: null,
    couldReachThreshold: false,
    suggestArticle8Consultation: false,
  };
}

/** Diseases that always go through the algorithm: an event of theirs may not be closed without an assessment. */
export function annex2AssessmentRequired(group: Annex2Group): boolean {
  return group === 'always_assess';
}

/** Whether a notification sent at `sentAt` missed `dueAt`, and by how many milliseconds. */
export function notificationTimeliness(dueAt: string, sentAt: string): { late: boolean; lateByMs: number } {
  return lateness(dueAt, sentAt);
}
