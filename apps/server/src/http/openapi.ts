import { inProcessConfig } from '../config.js';
import { startRuntime, buildHttpApp } from '../runtime.js';

/** The OpenAPI document as committed in docs/openapi.json: generated from the route schemas. */
export async function generateOpenApiText(): Promise<string> {
  const runtime = await startRuntime({ memory: true });
  try {
    const app = await buildHttpApp(runtime, inProcessConfig(), false);
    await app.ready();
    const text = `${JSON.stringify(app.swagger(), null, 2)}\n`;
    await app.close();
    return text;
  } finally {
    await runtime.close();
  }
}
