/** A method's control parameters as the settings page edits them: one `name=value` a line, in R's names and R's text. */
export function paramsToLines(params: Readonly<Record<string, string>>): string {
  return Object.entries(params)
    .map(([name, value]) => `${name}=${value}`)
    .join('\n');
}

export type ParamLinesProblem = 'no-equals' | 'no-name' | 'duplicate';

export type ParamLinesResult =
  { ok: true; params: Record<string, string> } | { ok: false; line: number; problem: ParamLinesProblem; name: string };

/**
 * Reads `name=value` lines into the object the API takes. Blank lines and lines starting with # are skipped;
 * the value is everything after the first `=` (R text may hold one, e.g. a formula), trimmed.
 */
export function parseParamLines(text: string): ParamLinesResult {
  const params: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    const at = line.indexOf('=');
    if (at < 0) return { ok: false, line: i + 1, problem: 'no-equals', name: line };
    const name = line.slice(0, at).trim();
    if (name === '') return { ok: false, line: i + 1, problem: 'no-name', name };
    if (Object.hasOwn(params, name)) return { ok: false, line: i + 1, problem: 'duplicate', name };
    params[name] = line.slice(at + 1).trim();
  }
  return { ok: true, params };
}
