/**
 * Writes the OpenAPI document generated from the route schemas to docs/openapi.json.
 * `npm run openapi` after changing a route; the test suite fails when the committed file drifts.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateOpenApiText } from '../apps/server/src/http/openapi.js';
import { REPO_ROOT } from '../apps/server/src/runtime.js';

const text = await generateOpenApiText();
writeFileSync(join(REPO_ROOT, 'docs/openapi.json'), text);
console.log(`docs/openapi.json written (${text.length} bytes)`);
