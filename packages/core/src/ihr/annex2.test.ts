import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ANNEX2_ANSWERS,
  annex2AssessmentRequired,
  decideAnnex2,
  deriveCriteria,
  deriveCriterion,
  notificationTimeliness,
  type Annex2Answer,
  type Annex2Criterion,
  type Annex2Input,
} from './annex2.js';

const AT = '2025-03-10T14:00:00Z';
const criteria = (I: Annex2Answer, II: Annex2Answer, III: Annex2Answer, IV: Annex2Answer) => ({
  I_serious: I,
  II_unusual: II,
  III_spread: III,
  IV_restrictions: IV,
});
const assess = (input: Partial<Annex2Input> & Pick<Annex2Input, 'criteria'>) =>
  decideAnnex2({ group: 'other', hasHumanCaseMeetingWhoDefinition: false, assessedAt: AT, ...input });

/** The test cases of shared/domain/ihr-annex2.md §5, by their numbers. */
describe('IHR Annex 2 decision instrument', () => {
  it('1: smallpox with one confirmed human case is notified whatever the criteria, within 24 h of the assessment', () => {
    const decision = assess({ group: 'always_notify', hasHumanCaseMeetingWhoDefinition: true, criteria: criteria('no', 'no', 'no', 'no') });
    expect(decision).toMatchObject({ outcome: 'notify', reason: 'always_notify_disease', dueAt: '2025-03-11T14:00:00.000Z' });
  });

  it('2: a human case of influenza of a new subtype (A(H5N1)) is notified', () => {
    const decision = assess({
      group: 'always_notify',
      hasHumanCaseMeetingWhoDefinition: true,
      criteria: criteria('unknown', 'unknown', 'no', 'no'),
    });
    expect(decision.outcome).toBe('notify');
    expect(decision.reason).toBe('always_notify_disease');
  });

  it('3: wild poliovirus in sewage only is not automatic; the algorithm decides (II and III yes → notify)', () => {
    const decision = assess({
      group: 'always_notify',
      hasHumanCaseMeetingWhoDefinition: false,
      criteria: criteria('no', 'yes', 'yes', 'no'),
    });
    expect(decision).toMatchObject({ outcome: 'notify', reason: 'two_or_more_criteria', criteriaMet: ['II_unusual', 'III_spread'] });
  });

  it('4: cholera, 40 cases, serious and a risk of spread → notify', () => {
    expect(assess({ group: 'always_assess', criteria: criteria('yes', 'no', 'yes', 'no') })).toMatchObject({
      outcome: 'notify',
      reason: 'two_or_more_criteria',
    });
  });

  it('5: endemic cholera, one criterion → reassess, cannot reach the threshold; the event needs this assessment to close', () => {
    const decision = assess({ group: 'always_assess', criteria: criteria('yes', 'no', 'no', 'no') });
    expect(decision).toMatchObject({
      outcome: 'not_notified_reassess',
      reason: 'fewer_than_two_criteria',
      couldReachThreshold: false,
      suggestArticle8Consultation: false,
      dueAt: null,
    });
    expect(annex2AssessmentRequired('always_assess')).toBe(true);
    expect(annex2AssessmentRequired('other')).toBe(false);
  });

  it('6: a cluster of unexplained deaths, unusual with restrictions likely → notify', () => {
    expect(assess({ criteria: criteria('no', 'yes', 'no', 'yes') }).outcome).toBe('notify');
  });

  it('7: dengue, serious with unusualness unknown → reassess, could reach the threshold, consult WHO (Article 8)', () => {
    expect(assess({ group: 'always_assess', criteria: criteria('yes', 'unknown', 'no', 'no') })).toMatchObject({
      outcome: 'not_notified_reassess',
      reason: 'insufficient_information',
      couldReachThreshold: true,
      suggestArticle8Consultation: true,
    });
  });

  it('8: a chemical spill into a river crossing a border (non-infectious) → notify', () => {
    expect(assess({ criteria: criteria('no', 'no', 'yes', 'yes') }).outcome).toBe('notify');
  });

  it('9: criteria derived from sub-questions: 1.3 yes makes I yes, 2.1 yes makes II yes → notify', () => {
    const derived = deriveCriteria({ '1.1': 'no', '1.2': 'no', '1.3': 'yes', '2.1': 'yes', '2.2': 'no', '3.1': 'no', '3.2': 'no' });
    expect(derived).toEqual({ I_serious: 'yes', II_unusual: 'yes', III_spread: 'no', IV_restrictions: 'unknown' });
    expect(assess({ criteria: derived }).outcome).toBe('notify');
  });

  it('10: a notification sent 25 h after the assessment is late by one hour', () => {
    const { dueAt } = assess({ criteria: criteria('yes', 'yes', 'no', 'no') });
    expect(notificationTimeliness(dueAt!, '2025-03-11T15:00:00Z')).toEqual({ late: true, lateByMs: 3_600_000 });
    expect(notificationTimeliness(dueAt!, '2025-03-11T13:59:59Z')).toEqual({ late: false, lateByMs: 0 });
  });

  it('11: reassessing case 7 with II now yes gives notify, the first decision unchanged', () => {
    const first = assess({ group: 'always_assess', criteria: criteria('yes', 'unknown', 'no', 'no') });
    const second = assess({ group: 'always_assess', criteria: criteria('yes', 'yes', 'no', 'no'), assessedAt: '2025-03-12T09:00:00Z' });
    expect(second).toMatchObject({ outcome: 'notify', dueAt: '2025-03-13T09:00:00.000Z' });
    expect(first.outcome).toBe('not_notified_reassess');
  });

  it('derives a criterion: any yes → yes; else any unknown or unanswered → unknown; else no', () => {
    expect(deriveCriterion(['no', 'yes', 'unknown'])).toBe('yes');
    expect(deriveCriterion(['no', undefined])).toBe('unknown');
    expect(deriveCriterion(['no', 'unknown'])).toBe('unknown');
    expect(deriveCriterion(['no', 'no'])).toBe('no');
  });

  it('lets the assessor override a derived criterion only with a justification', () => {
    const sub = { '1.1': 'no', '1.2': 'no', '1.3': 'no' } as const;
    expect(deriveCriteria(sub, { I_serious: { value: 'yes', justification: 'health workers infected' } }).I_serious).toBe('yes');
    expect(() => deriveCriteria(sub, { I_serious: { value: 'yes', justification: '  ' } })).toThrow(/written justification/);
  });

  it('refuses an assessment time that is not a UTC instant', () => {
    expect(() => assess({ criteria: criteria('no', 'no', 'no', 'no'), assessedAt: '10/03/2025' })).toThrow(/not a UTC instant/);
  });

  it('notifies exactly when two or more criteria are yes (outside the always-notify case); unknown never counts as yes', () => {
    const answer = fc.constantFrom(...ANNEX2_ANSWERS);
    fc.assert(
      fc.property(answer, answer, answer, answer, (I, II, III, IV) => {
        const given = criteria(I, II, III, IV);
        const yes = Object.values(given).filter((a) => a === 'yes').length;
        const decision = assess({ criteria: given });
        expect(decision.outcome === 'notify').toBe(yes >= 2);
        expect(decision.criteriaMet).toEqual((Object.keys(given) as Annex2Criterion[]).filter((c) => given[c] === 'yes'));
        expect(decision.dueAt !== null).toBe(yes >= 2);
      }),
    );
  });
});
