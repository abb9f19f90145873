import { readFileSync } from 'node:fs';
import { validateXML } from 'xmllint-wasm';

/**
 * Checks our hand-written XML with libxml2 (xmllint compiled to WebAssembly): the same parser many
 * receiving systems use, so "it parses here" means something.
 */

/** The parser's complaints about `xml` (empty: well-formed). */
export async function wellFormednessErrors(xml: string): Promise<string[]> {
  const result = await validateXML({ xml: [{ fileName: 'document.xml', contents: xml }], normalization: 'format' });
  return result.valid ? [] : result.errors.map((e) => e.message);
}

/** Path from the repository root: tests run with the root as working directory. */
export const CAP_SCHEMA_PATH = 'data/schemas/cap-1.2.xsd';

/** Why `xml` is not a valid CAP 1.2 alert according to our schema (empty: valid). */
export async function capSchemaErrors(xml: string): Promise<string[]> {
  const schema = readFileSync(CAP_SCHEMA_PATH, 'utf8');
  const result = await validateXML({
    xml: [{ fileName: 'alert.xml', contents: xml }],
    schema: [{ fileName: 'cap-1.2.xsd', contents: schema }],
  });
  return result.valid ? [] : result.errors.map((e) => e.message);
}
