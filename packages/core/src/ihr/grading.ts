import { addDays, isIsoDate, type IsoDate } from '../time/periods.js';
import { addHours, lateness, type IsoInstant } from '../time/instants.js';

/**
 * WHO grading under the Emergency Response Framework: the grade is a recorded judgement (no formula),
 * due within 24 hours of the analysis that showed an operational response is needed, reviewed after
 * 90 days, and protracted only for emergencies first graded at least 180 days before.
 * Specification: shared/domain/risk-and-grading.md §2. Offsets are configuration, defaults below.
 */

export const GRADES = ['ungraded', 'grade_1', 'grade_2', 'grade_3', 'protracted_1', 'protracted_2', 'protracted_3'] as const;
export type Grade = (typeof GRADES)[number];

/** The five criteria the grading group records a note on (each optionally rated). */
export const GRADING_CRITERIA = ['scale', 'urgency', 'complexity', 'capacity', 'reputational_risk'] as const;
export type GradingCriterion = (typeof GRADING_CRITERIA)[number];

export interface GradingRules {
  dueHours: number;
  reviewDays: number;
  protractedAfterDays: number;
}

export const DEFAULT_GRADING_RULES: GradingRules = { dueHours: 24, reviewDays: 90, protractedAfterDays: 180 };

export const isProtracted = (grade: Grade) => grade.startsWith('protracted_');

/** When the grade is due, and whether (and by how much) a grade recorded at `gradedAt` missed it. */
export function gradingTimeliness(
  triggeringAnalysisAt: string,
  gradedAt: string,
  rules: GradingRules = DEFAULT_GRADING_RULES,
): { dueAt: IsoInstant; late: boolean; lateByMs: number } {
  const dueAt = addHours(triggeringAnalysisAt, rules.dueHours);
  return { dueAt, ...lateness(dueAt, gradedAt) };
}

/** The date a grade given on `gradedOn` is due for review. */
export function gradeReviewDue(gradedOn: IsoDate, rules: GradingRules = DEFAULT_GRADING_RULES): IsoDate {
  return addDays(gradedOn, rules.reviewDays);
}

export interface GradeRequest {
  grade: string;
  /** Status of the event: a discarded or closed event is not graded. */
  eventStatus: string;
  /** Date of the emergency's first grading, null when this is the first. */
  firstGradedOn: IsoDate | null;
  on: IsoDate;
  rationale: string;
  /** An explicit override of the 180-day rule for a protracted grade (its reason is the rationale). */
  overrideProtractedRule?: boolean;
}

/** Why a grading may not be recorded; empty when it may. Any grade may follow any other with a rationale. */
export function gradingProblems(request: GradeRequest, rules: GradingRules = DEFAULT_GRADING_RULES): string[] {
  const problems: string[] = [];
  if (!(GRADES as readonly string[]).includes(request.grade))
    problems.push(`grade must be one of ${GRADES.join(', ')}, not "${request.grade}"`);
  if (request.eventStatus === 'closed' || request.eventStatus === 'discarded') {
    problems.push(`a ${request.eventStatus} event cannot be graded; reopen it first`);
  }
  if (request.rationale.trim() === '') problems.push('a rationale is required');
  if (!isIsoDate(request.on)) problems.push(`on: "${request.on}" is not a date (YYYY-MM-DD)`);
  if (problems.length === 0 && isProtracted(request.grade as Grade) && request.overrideProtractedRule !== true) {
    const since = request.firstGradedOn;
    const earliest = since === null ? null : addDays(since, rules.protractedAfterDays);
    if (earliest === null || request.on < earliest) {
      problems.push(
        since === null
          ? `${request.grade} is for emergencies graded for at least ${rules.protractedAfterDays} days; this one has no grade yet (override with a rationale if needed)`
          : `${request.grade} is for emergencies graded for at least ${rules.protractedAfterDays} days; this one was first graded on ${since}, so not before ${earliest} (override with a rationale if needed)`,
      );
    }
  }
  return problems;
}
