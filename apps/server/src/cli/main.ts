import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { LANGUAGES, ROLES, TOKEN_SCOPES, isCountryCode, type Language, type Role, type TokenScope } from '@accord/core';
import { loadConfig, SETTINGS, type Config } from '../config.js';
import { AppError } from '../services/app-error.js';
import { systemContext } from '../services/context.js';
import { REPO_ROOT, VERSION } from '../paths.js';
// The runtime (database drivers, the HTTP server…) is loaded only by the commands that need it, so that
// file-only commands such as `accord detect --input` start quickly.
import type { Runtime } from '../runtime.js';
import { StartupError } from '../startup-error.js';
import { progressBar } from './progress.js';
import { readSecretFromStdin } from './stdin.js';

const settingsHelp = `\nSettings (environment variables):\n${Object.entries(SETTINGS)
  .map(([k, v]) => `  ${k.padEnd(26)} ${v}`)
  .join('\n')}\n`;

function config(): Config {
  return loadConfig(process.env, REPO_ROOT);
}

async function withRuntime<T>(fn: (runtime: Runtime) => Promise<T>): Promise<T> {
  const { startRuntime } = await import('../runtime.js');
  const runtime = await startRuntime(config());
  try {
    return await fn(runtime);
  } finally {
    await runtime.close();
  }
}

const countryCode = (value: string, previous: string[] = []) => {
  const code = value.trim().toUpperCase();
  if (!isCountryCode(code)) throw new InvalidArgumentError(`"${value}" is not an ISO 3166-1 alpha-3 code (e.g. KEN)`);
  return [...previous, code];
};

export function buildCli(): Command {
  const program = new Command('accord')
    .description('Accord: global health security and health diplomacy platform')
    .version(VERSION)
    .addHelpText('after', settingsHelp)
    .showHelpAfterError('(run with --help for usage)');
  program.exitOverride();

  program
    .command('serve')
    .description('start the API and web server (applies migrations and loads reference data first)')
    .option('--demo', 'also add the demo organisations and users (never changes existing ones)')
    .action(async (options: { demo?: boolean }) => {
      const { serve } = await import('./serve.js');
      await serve(config(), { demo: options.demo ?? false });
    });

  program
    .command('migrate')
    .description('apply the database migrations not applied yet')
    .action(async () => {
      await withRuntime(async (runtime) => {
        const { applied, alreadyApplied } = runtime.migrations;
        console.log(
          applied.length > 0
            ? `Applied ${applied.length} migration(s) to ${runtime.handle.description}: ${applied.join(', ')}`
            : `${runtime.handle.description} is up to date (${alreadyApplied} migration(s) applied).`,
        );
      });
    });

  program
    .command('seed')
    .description('load the reference data (countries) and, with --demo, the demo organisations and users')
    .option('--demo', 'add the demo organisations, users and focal-point contacts')
    .action(async (options: { demo?: boolean }) => {
      await withRuntime(async (runtime) => {
        console.log(`Reference data loaded into ${runtime.handle.description}.`);
        if (options.demo) {
          const { seedDemo } = await import('../runtime.js');
          const { DEMO_PASSWORD } = await import('../services/seed.service.js');
          const { created } = await seedDemo(runtime);
          console.log(`Demo data: ${created} record(s) added. Demo password: ${DEMO_PASSWORD}`);
        }
      });
    });

  const user = program.command('user').description('manage users');
  user
    .command('add')
    .description('create a user (the password is read from standard input, or prompted for)')
    .requiredOption('--username <name>', 'login name')
    .addOption(new Option('--role <role>', 'role').choices(ROLES).makeOptionMandatory())
    .option('--display-name <text>', 'name shown in the app (default: the username)')
    .option('--email <address>', 'e-mail address')
    .option('--country <ISO3>', 'a country the user acts for (repeat for several)', countryCode)
    .option('--all-countries', 'act for every country')
    .addOption(new Option('--language <code>', 'preferred language').choices(LANGUAGES).default('en'))
    .option('--organisation <id>', 'organisation id')
    .action(
      async (options: {
        username: string;
        role: Role;
        displayName?: string;
        email?: string;
        country?: string[];
        allCountries?: boolean;
        language: Language;
        organisation?: string;
      }) => {
        const password = await readSecretFromStdin(`Password for ${options.username}: `);
        await withRuntime(async (runtime) => {
          const created = await runtime.services.users.create(systemContext('accord user add'), {
            username: options.username,
            password,
            displayName: options.displayName ?? options.username,
            role: options.role,
            preferredLanguage: options.language,
            allCountries: options.allCountries ?? false,
            countries: options.country ?? [],
            ...(options.email ? { email: options.email } : {}),
            ...(options.organisation ? { organisationId: options.organisation } : {}),
          });
          const scope = created.scope.all ? 'all countries' : created.scope.countries.join(', ') || 'no country';
          console.log(`Created user ${created.username} (${created.role}; ${scope}), id ${created.id}.`);
        });
      },
    );

  const token = program.command('token').description('manage API tokens');
  token
    .command('create')
    .description('create an API token for a user; the secret is printed once')
    .requiredOption('--user <username>', 'owner of the token')
    .requiredOption('--name <text>', 'what the token is for, e.g. "DHIS2 weekly push"')
    .addOption(new Option('--scope <scope...>', 'read and/or write').choices(TOKEN_SCOPES).default(['read']))
    .option('--country <ISO3>', "narrow the token to a country of the owner's scope (repeatable)", countryCode)
    .option('--expires-in-days <n>', 'expiry in days (default: never)', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number of days, 1 or more');
      return n;
    })
    .action(async (options: { user: string; name: string; scope: TokenScope[]; country?: string[]; expiresInDays?: number }) => {
      await withRuntime(async (runtime) => {
        const { findUserByUsername } = await import('../db/repositories/users.repository.js');
        const owner = await findUserByUsername(runtime.handle.db, options.user);
        if (!owner)
          throw new AppError(
            'not_found',
            `no user named "${options.user}"; list users in the web app or create one with "accord user add"`,
          );
        const created = await runtime.services.tokens.create(
          systemContext('accord token create'),
          {
            name: options.name,
            scopes: [...new Set(options.scope)],
            ...(options.country ? { countries: options.country } : {}),
            ...(options.expiresInDays ? { expiresInDays: options.expiresInDays } : {}),
          },
          owner.id,
        );
        console.error(
          `Token "${created.details.name}" for ${owner.username} (scopes: ${created.details.scopes.join(', ')}). Store it now; it is not shown again:`,
        );
        console.log(created.token);
      });
    });

  program
    .command('import')
    .description(
      'import surveillance data from a canonical CSV file (location,disease,metric,period,value); exit status 0 when every row was accepted, 2 when some rows were refused, 1 when the file was refused',
    )
    .argument('<file>', 'CSV file (comma or semicolon, UTF-8, with a header line); - for standard input')
    .option('--atomic', 'refuse the whole file if any row is bad')
    .option('--user <username>', "import as this user (within the user's country scope); default: the platform itself")
    .action(async (file: string, options: { atomic?: boolean; user?: string }) => {
      const { importFile } = await import('./import.js');
      await withRuntime((runtime) => importFile(runtime, file, options));
    });

  program
    .command('dhis2-map')
    .description(
      'load DHIS2 mappings from CSV, all or nothing: dataElement,categoryOptionCombo,disease,metric (data elements) or orgUnit,location (organisation units)',
    )
    .argument('<file>', 'CSV file with a header line')
    .action(async (file: string) => {
      const { loadDhis2Mappings } = await import('./dhis2-map.js');
      await withRuntime((runtime) => loadDhis2Mappings(runtime, file));
    });

  program
    .command('detect')
    .description(
      'outbreak detection on weekly counts: reads series,period,count[,population] (period = the Monday of the ISO week) and writes series,period,count,expected,upperbound,alarm; with --db, runs over the stored series instead (each disease with its configured method) and updates the signal queue',
    )
    .option('--method <method>', 'ears-c1, ears-c2, ears-c3, farrington, farrington-flexible, noufaily or cusum')
    .option('--input <file>', 'input CSV')
    .option('--output <file>', 'output CSV (written only when the input is good)')
    .option(
      '--from <YYYY-MM-DD>',
      'first week to evaluate (a Monday); default: the first with enough history (with --db: the same as --to)',
    )
    .option('--to <YYYY-MM-DD>', 'last week to evaluate (a Monday); default: the last week')
    .option(
      '--param <name=value>',
      "a control parameter under R's name (repeatable), e.g. --param alpha=0.01",
      (v, prev: string[] = []) => [...prev, v],
    )
    .option('--db', 'evaluate the series stored in the database (DATABASE_URL or the embedded one) instead of a file')
    .option('--country <ISO3>', 'with --db: only this country (repeatable)', (v, prev: string[] = []) => [...prev, v])
    .option('--disease <code>', 'with --db: only this disease (repeatable)', (v, prev: string[] = []) => [...prev, v])
    .action(
      async (options: {
        method?: string;
        input?: string;
        output?: string;
        from?: string;
        to?: string;
        param?: string[];
        db?: boolean;
        country?: string[];
        disease?: string[];
      }) => {
        if (options.db) {
          const misplaced = (['method', 'input', 'output', 'param'] as const).filter((name) => options[name] !== undefined);
          if (misplaced.length > 0) {
            throw new AppError(
              'validation_failed',
              `--db evaluates the stored series with each disease's configured method: leave out ${misplaced.map((m) => `--${m}`).join(', ')} (set methods with PUT /api/detection/configs/DISEASE or the Detection settings page)`,
            );
          }
          const { detectInDatabase } = await import('./detect-db.js');
          await withRuntime((runtime) => detectInDatabase(runtime, options));
          return;
        }
        const missing = (['method', 'input', 'output'] as const).filter((name) => options[name] === undefined);
        if (missing.length > 0) {
          throw new AppError(
            'validation_failed',
            `missing ${missing.map((m) => `--${m}`).join(', ')} (or give --db to evaluate the stored series)`,
          );
        }
        const stray = (['country', 'disease'] as const).filter((name) => options[name] !== undefined);
        if (stray.length > 0) throw new AppError('validation_failed', `${stray.map((m) => `--${m}`).join(', ')} go with --db only`);
        const { detect } = await import('./detect.js');
        await detect({ ...options, method: options.method!, input: options.input!, output: options.output! });
      },
    );

  program
    .command('rt')
    .description(
      'the reproduction number Rt (Cori et al., as EpiEstim with a parametric serial interval) over sliding windows: reads series,date,incidence (daily, every day) and writes series,t_start,t_end,mean_r,std_r,q025,median_r,q975',
    )
    .requiredOption('--input <file>', 'input CSV')
    .requiredOption('--output <file>', 'output CSV')
    .requiredOption('--si-mean <days>', 'mean of the serial interval, in days')
    .requiredOption('--si-sd <days>', 'standard deviation of the serial interval, in days')
    .option('--window <days>', 'length of the sliding windows (default 7)')
    .option(
      '--param <name=value>',
      "another EpiEstim setting under EpiEstim's name (repeatable): mean_prior, std_prior, cv_posterior",
      (v, prev: string[] = []) => [...prev, v],
    )
    .action(async (options: { input: string; output: string; siMean: string; siSd: string; window?: string; param?: string[] }) => {
      const { rt } = await import('./rt.js');
      await rt(options);
    });

  const audit = program.command('audit').description('the audit log');
  audit
    .command('verify')
    .description("check the audit log's hash chain; exits 1 and names the first broken entry if any")
    .action(async () => {
      await withRuntime(async (runtime) => {
        const bar = progressBar('Verifying audit log');
        const result = await runtime.services.audit.verify((checked, total) => bar.update(checked, total));
        bar.done();
        if (result.ok) {
          console.log(`Audit log intact: ${result.checked} entries verified.`);
        } else {
          const broken = result.firstBroken!;
          console.log(
            `Audit log BROKEN at entry ${broken.seq} (${broken.problem}): ${broken.detail}. ${result.checked} entries before it are intact.`,
          );
          process.exitCode = 1;
        }
      });
    });
  return program;
}

export async function runCli(argv: string[]): Promise<void> {
  const program = buildCli();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    if (error instanceof StartupError || error instanceof AppError) {
      console.error(`accord: error: ${error.message}`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
}
