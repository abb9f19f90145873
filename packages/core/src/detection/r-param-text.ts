/**
 * Reading R control parameters given as text (`accord detect --param name=value`): the same spelling
 * rules for every method, so TRUE/FALSE, numbers, `c(5,4)` and quoted strings read alike everywhere.
 * `fail` makes the method's own error type, so messages name the method the user asked for.
 */
export interface RParamText {
  logical(name: string, text: string): boolean;
  number(name: string, text: string): number;
  /** Two numbers, as "5,4" or "c(5,4)" (limit54). */
  pair(name: string, text: string): [number, number];
  /** A string, with R's quotes removed if given. */
  string(text: string): string;
}

export function rParamText(method: string, fail: (message: string) => Error): RParamText {
  const number = (name: string, text: string): number => {
    const value = text.trim() === '' ? Number.NaN : Number(text);
    if (!Number.isFinite(value)) throw fail(`${method} parameter ${name} must be a number, not "${text}"`);
    return value;
  };
  return {
    logical(name, text) {
      const t = text.trim();
      if (['TRUE', 'true', 'T', '1'].includes(t)) return true;
      if (['FALSE', 'false', 'F', '0'].includes(t)) return false;
      throw fail(`${method} parameter ${name} must be TRUE or FALSE, not "${text}"`);
    },
    number,
    pair(name, text) {
      const parts = text
        .trim()
        .replace(/^c\((.*)\)$/, '$1')
        .split(',')
        .map((p) => number(name, p));
      if (parts.length !== 2) throw fail(`${name} must be two numbers "cases,period", not "${text}"`);
      return [parts[0]!, parts[1]!];
    },
    string: (text) => text.trim().replace(/^"(.*)"$/, '$1'),
  };
}
