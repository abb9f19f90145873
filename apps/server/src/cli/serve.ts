import type { Config } from '../config.js';
import { DEMO_PASSWORD } from '../services/seed.service.js';
import { buildHttpApp, seedDemo, startRuntime } from '../runtime.js';
import { StartupError } from '../startup-error.js';

/** How often verification deadlines are checked for reminders and escalations. */
const DEADLINE_SWEEP_MS = 60_000;

export async function serve(config: Config, options: { demo: boolean }): Promise<void> {
  const runtime = await startRuntime(config);
  const demo = options.demo ? await seedDemo(runtime) : null;
  const app = await buildHttpApp(runtime, config, {
    level: config.logLevel,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'],
  });
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app.close().catch(() => undefined);
    await runtime.close();
    const code = (error as { code?: string }).code;
    if (code === 'EADDRINUSE') {
      throw new StartupError(
        `port ${config.port} on ${config.host} is already in use; stop the other program or choose another port, e.g. PORT=8081`,
      );
    }
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
      throw new StartupError(`cannot listen on HOST=${config.host}; use an address of this machine, e.g. 127.0.0.1 or 0.0.0.0`);
    }
    if (code === 'EACCES') {
      throw new StartupError(`not allowed to listen on port ${config.port}; use a port above 1023, e.g. PORT=8080`);
    }
    throw error;
  }
  const shownHost = config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host;
  const lines = [
    '',
    `Accord is running at http://${shownHost}:${config.port}`,
    `  database: ${runtime.handle.description}`,
    `  API docs: http://${shownHost}:${config.port}/api/docs`,
  ];
  if (demo) {
    lines.push(`  demo logins (password for all: ${DEMO_PASSWORD}):`);
    for (const login of demo.logins) lines.push(`    ${login.username.padEnd(14)} ${login.role.padEnd(12)} ${login.scope}`);
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);

  // Every process sweeps; each reminder and escalation is claimed once in the database, so several processes never repeat one.
  const sweeper = setInterval(() => {
    runtime.services.events.sweepDeadlines().catch((error: unknown) => app.log.error({ err: error }, 'verification deadline sweep failed'));
  }, DEADLINE_SWEEP_MS);
  sweeper.unref();

  const stop = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    clearInterval(sweeper);
    await app.close();
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}
