/**
 * WHO rapid risk assessment: likelihood × consequences → risk level through a risk matrix. The matrix
 * is data (the seed below is a monotonic reconstruction, not WHO's verified figure), versioned and
 * replaceable by an administrator; every assessment keeps the version it used.
 * Specification: shared/domain/risk-and-grading.md §1.
 */

export const LIKELIHOODS = ['very_unlikely', 'unlikely', 'likely', 'highly_likely', 'almost_certain'] as const;
export type Likelihood = (typeof LIKELIHOODS)[number];

export const CONSEQUENCES = ['minimal', 'minor', 'moderate', 'major', 'severe'] as const;
export type Consequences = (typeof CONSEQUENCES)[number];

export const RISK_LEVELS = ['low', 'moderate', 'high', 'very_high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const CONFIDENCE_LEVELS = ['low', 'moderate', 'high'] as const;
export type Confidence = (typeof CONFIDENCE_LEVELS)[number];

export interface RiskMatrix {
  version: string;
  /** False for the seed: its cells are a reconstruction awaiting WHO's figure. */
  verified: boolean;
  cells: Readonly<Record<Likelihood, Readonly<Record<Consequences, RiskLevel>>>>;
}

export const SEED_RISK_MATRIX: RiskMatrix = {
  version: 'seed-2012-reconstruction',
  verified: false,
  cells: {
    almost_certain: { minimal: 'moderate', minor: 'high', moderate: 'high', major: 'very_high', severe: 'very_high' },
    highly_likely: { minimal: 'moderate', minor: 'moderate', moderate: 'high', major: 'very_high', severe: 'very_high' },
    likely: { minimal: 'low', minor: 'moderate', moderate: 'moderate', major: 'high', severe: 'very_high' },
    unlikely: { minimal: 'low', minor: 'low', moderate: 'moderate', major: 'high', severe: 'high' },
    very_unlikely: { minimal: 'low', minor: 'low', moderate: 'low', major: 'moderate', severe: 'high' },
  },
};

export class RiskInputError extends Error {
  override readonly name = 'RiskInputError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function oneOf<T extends string>(field: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new RiskInputError(field, `${field} must be one of ${allowed.join(', ')}, not "${value}"`);
  return value as T;
}

/** The risk level of a likelihood and consequences under `matrix`; an unknown value is an error naming its field. */
export function characterizeRisk(
  input: { likelihood: string; consequences: string },
  matrix: RiskMatrix = SEED_RISK_MATRIX,
): { level: RiskLevel; matrixVersion: string } {
  const likelihood = oneOf('likelihood', input.likelihood, LIKELIHOODS);
  const consequences = oneOf('consequences', input.consequences, CONSEQUENCES);
  return { level: matrix.cells[likelihood][consequences], matrixVersion: matrix.version };
}

/**
 * Problems of a matrix an administrator wants to save: every cell a valid level, and the risk never
 * lower when likelihood or consequences rise. Empty when it may be saved.
 */
export function riskMatrixProblems(cells: unknown): string[] {
  const problems: string[] = [];
  const rows = (typeof cells === 'object' && cells !== null ? cells : {}) as Record<string, Record<string, unknown> | undefined>;
  const rank = (l: Likelihood, c: Consequences): number | null => {
    const value = rows[l]?.[c];
    const index = RISK_LEVELS.indexOf(value as RiskLevel);
    return index < 0 ? null : index;
  };
  for (const l of LIKELIHOODS) {
    for (const c of CONSEQUENCES) {
      if (rank(l, c) === null)
        problems.push(`(${l}, ${c}) must be one of ${RISK_LEVELS.join(', ')}, not ${JSON.stringify(rows[l]?.[c] ?? null)}`);
    }
  }
  if (problems.length > 0) return problems;
  for (let i = 0; i < LIKELIHOODS.length; i++) {
    for (let j = 0; j < CONSEQUENCES.length; j++) {
      const l = LIKELIHOODS[i]!;
      const c = CONSEQUENCES[j]!;
      const here = rank(l, c)!;
      if (i > 0 && rank(LIKELIHOODS[i - 1]!, c)! > here) {
        problems.push(
          `(${l}, ${c}) = ${rows[l]![c]} is lower than (${LIKELIHOODS[i - 1]}, ${c}) = ${rows[LIKELIHOODS[i - 1]!]![c]}: risk may not fall as likelihood rises`,
        );
      }
      if (j > 0 && rank(l, CONSEQUENCES[j - 1]!)! > here) {
        problems.push(
          `(${l}, ${c}) = ${rows[l]![c]} is lower than (${l}, ${CONSEQUENCES[j - 1]}) = ${rows[l]![CONSEQUENCES[j - 1]!]}: risk may not fall as consequences rise`,
        );
      }
    }
  }
  return problems;
}

/** An event may carry separate assessments at national, regional and global scale. */
export const RISK_SCALES = ['national', 'regional', 'global'] as const;
export type RiskScale = (typeof RISK_SCALES)[number];
