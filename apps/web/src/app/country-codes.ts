/** Reads a list of ISO 3166-1 alpha-3 codes as people type them: commas or spaces, any case, repeats allowed. */
export function parseCountryCodes(text: string): { codes: string[]; invalid: string[] } {
  const parts = text
    .split(/[\s,;]+/)
    .map((p) => p.trim().toUpperCase())
    .filter(Boolean);
  const codes = [...new Set(parts.filter((p) => /^[A-Z]{3}$/.test(p)))];
  const invalid = [...new Set(parts.filter((p) => !/^[A-Z]{3}$/.test(p)))];
  return { codes, invalid };
}
