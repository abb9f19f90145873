import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONSEQUENCES, LIKELIHOODS, RiskInputError, SEED_RISK_MATRIX, characterizeRisk, riskMatrixProblems } from './risk.js';

/** The test cases of shared/domain/risk-and-grading.md §1.5. */
describe('rapid risk assessment: the risk matrix', () => {
  it('1–4: reads the seed matrix', () => {
    expect(characterizeRisk({ likelihood: 'likely', consequences: 'major' })).toEqual({
      level: 'high',
      matrixVersion: SEED_RISK_MATRIX.version,
    });
    expect(characterizeRisk({ likelihood: 'almost_certain', consequences: 'minimal' }).level).toBe('moderate');
    expect(characterizeRisk({ likelihood: 'very_unlikely', consequences: 'moderate' }).level).toBe('low');
    expect(characterizeRisk({ likelihood: 'unlikely', consequences: 'severe' }).level).toBe('high');
  });

  it('5: an unknown likelihood is an error naming the field and the valid values', () => {
    expect(() => characterizeRisk({ likelihood: 'possible', consequences: 'major' })).toThrow(RiskInputError);
    expect(() => characterizeRisk({ likelihood: 'possible', consequences: 'major' })).toThrow(
      /^likelihood must be one of very_unlikely, unlikely/,
    );
    expect(() => characterizeRisk({ likelihood: 'likely', consequences: 'huge' })).toThrow(/^consequences must be one of/);
  });

  it('6: a matrix whose risk falls as likelihood rises is refused, naming the cell', () => {
    const cells = structuredClone(SEED_RISK_MATRIX.cells) as Record<string, Record<string, string>>;
    cells.likely!.major = 'low';
    cells.unlikely!.major = 'high';
    const problems = riskMatrixProblems(cells);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toContain('(likely, major) = low is lower than (unlikely, major) = high');
  });

  it('refuses a matrix with a missing or invalid cell', () => {
    const cells = structuredClone(SEED_RISK_MATRIX.cells) as Record<string, Record<string, string>>;
    cells.unlikely!.minor = 'medium';
    delete cells.likely!.severe;
    expect(riskMatrixProblems(cells)).toEqual([
      '(unlikely, minor) must be one of low, moderate, high, very_high, not "medium"',
      '(likely, severe) must be one of low, moderate, high, very_high, not null',
    ]);
    expect(riskMatrixProblems(null)).toHaveLength(25);
  });

  it('the seed matrix is valid and monotonic: raising likelihood or consequences never lowers the risk', () => {
    expect(riskMatrixProblems(SEED_RISK_MATRIX.cells)).toEqual([]);
    const order = ['low', 'moderate', 'high', 'very_high'];
    fc.assert(
      fc.property(fc.nat(4), fc.nat(4), fc.nat(4), fc.nat(4), (l1, l2, c1, c2) => {
        const low = characterizeRisk({ likelihood: LIKELIHOODS[Math.min(l1, l2)]!, consequences: CONSEQUENCES[Math.min(c1, c2)]! }).level;
        const high = characterizeRisk({ likelihood: LIKELIHOODS[Math.max(l1, l2)]!, consequences: CONSEQUENCES[Math.max(c1, c2)]! }).level;
        expect(order.indexOf(high)).toBeGreaterThanOrEqual(order.indexOf(low));
      }),
    );
  });
});
