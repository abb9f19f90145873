import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../time/periods.js';
import { gradeReviewDue, gradingProblems, gradingTimeliness } from './grading.js';

const request = (over: Partial<Parameters<typeof gradingProblems>[0]> = {}) => ({
  grade: 'grade_2',
  eventStatus: 'verified',
  firstGradedOn: null,
  on: '2025-05-02' as IsoDate,
  rationale: 'outbreak exceeds the country office capacity',
  ...over,
});

/** The test cases of shared/domain/risk-and-grading.md §2.6. */
describe('WHO grading', () => {
  it('1: graded 23 h after the analysis is on time; 25 h after is overdue by one hour', () => {
    expect(gradingTimeliness('2025-05-01T08:00:00Z', '2025-05-02T07:00:00Z')).toEqual({
      dueAt: '2025-05-02T08:00:00.000Z',
      late: false,
      lateByMs: 0,
    });
    expect(gradingTimeliness('2025-05-01T08:00:00Z', '2025-05-02T09:00:00Z')).toMatchObject({ late: true, lateByMs: 3_600_000 });
  });

  it('2: a grade given on 2025-01-10 is due for review on 2025-04-10 (90 days)', () => {
    expect(gradeReviewDue('2025-01-10' as IsoDate)).toBe('2025-04-10');
  });

  it('3: protracted_2 120 days after the first grading is refused without an override; 200 days after, accepted', () => {
    const first = '2025-01-10' as IsoDate;
    const early = gradingProblems(request({ grade: 'protracted_2', firstGradedOn: first, on: '2025-05-10' as IsoDate }));
    expect(early).toEqual([
      'protracted_2 is for emergencies graded for at least 180 days; this one was first graded on 2025-01-10, so not before 2025-07-09 (override with a rationale if needed)',
    ]);
    expect(
      gradingProblems(request({ grade: 'protracted_2', firstGradedOn: first, on: '2025-05-10' as IsoDate, overrideProtractedRule: true })),
    ).toEqual([]);
    expect(gradingProblems(request({ grade: 'protracted_2', firstGradedOn: first, on: '2025-07-29' as IsoDate }))).toEqual([]);
  });

  it('4: a closed event cannot be graded', () => {
    expect(gradingProblems(request({ eventStatus: 'closed' }))).toEqual(['a closed event cannot be graded; reopen it first']);
  });

  it('any grade may follow any other, with a rationale; unknown grades and empty rationales are refused', () => {
    expect(gradingProblems(request({ grade: 'grade_3' }))).toEqual([]);
    expect(gradingProblems(request({ grade: 'ungraded' }))).toEqual([]);
    expect(gradingProblems(request({ grade: 'grade_4', rationale: ' ' }))).toEqual([
      'grade must be one of ungraded, grade_1, grade_2, grade_3, protracted_1, protracted_2, protracted_3, not "grade_4"',
      'a rationale is required',
    ]);
  });
});
