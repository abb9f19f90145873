import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../runtime.js';
import { generateOpenApiText } from './openapi.js';

describe('OpenAPI document', () => {
  it('is committed and matches the route schemas (run `npm run openapi` after changing a route)', async () => {
    const committed = readFileSync(join(REPO_ROOT, 'docs/openapi.json'), 'utf8');
    expect(committed).toBe(await generateOpenApiText());
  });
});
