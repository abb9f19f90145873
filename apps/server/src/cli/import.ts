import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { findUserByUsername } from '../db/repositories/users.repository.js';
import type { Runtime } from '../runtime.js';
import { AppError } from '../services/app-error.js';
import { labelOf } from '../services/auth.service.js';
import { systemContext, type RequestContext } from '../services/context.js';
import { ImportCancelledError } from '../services/observation-import.service.js';
import { scopeOfUser } from '../services/users.service.js';
import type { Role } from '@accord/core';
import { progressBar } from './progress.js';

const ERRORS_SHOWN = 10;

/** `accord import FILE`: streams the file into one batch, with a progress bar; Ctrl-C cancels and changes nothing. */
export async function importFile(runtime: Runtime, file: string, options: { atomic?: boolean; user?: string }): Promise<void> {
  let ctx: RequestContext = systemContext('accord import');
  if (options.user) {
    const user = await findUserByUsername(runtime.handle.db, options.user);
    if (!user || !user.active) throw new AppError('not_found', `no active user named "${options.user}"`);
    ctx = {
      actor: { kind: 'session', userId: user.id, role: user.role as Role, scope: scopeOfUser(user) },
      actorLabel: `${labelOf(user)} via accord import`,
      requestId: null,
    };
  }
  const fromStdin = file === '-';
  let totalBytes: number | null = null;
  if (!fromStdin) {
    try {
      totalBytes = statSync(file).size;
    } catch (error) {
      throw new AppError(
        'not_found',
        `cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
      );
    }
  }
  const input = fromStdin ? process.stdin : createReadStream(file, { highWaterMark: 256 * 1024 });
  const controller = new AbortController();
  const cancel = () => controller.abort();
  process.once('SIGINT', cancel);
  const bar = progressBar(`Importing ${fromStdin ? 'standard input' : basename(file)}`);
  try {
    const summary = await runtime.services.observationImport.importCsv(ctx, input, {
      fileName: fromStdin ? null : basename(file),
      channel: 'cli',
      atomic: options.atomic ?? false,
      totalBytes,
      signal: controller.signal,
      onProgress: (p) => (p.totalBytes ? bar.update(p.bytes, p.totalBytes) : undefined),
    });
    bar.done();
    console.log(`Batch ${summary.batchId} ${summary.status}: ${summary.message}.`);
    for (const error of summary.errors.slice(0, ERRORS_SHOWN)) {
      console.log(
        `  line ${error.line}${error.column ? `, ${error.column}` : ''}${error.value ? ` "${error.value}"` : ''}: ${error.reason}`,
      );
    }
    if (summary.rejected > ERRORS_SHOWN)
      console.log(`  … and ${summary.rejected - ERRORS_SHOWN} more; download the error report of batch ${summary.batchId}`);
    process.exitCode = summary.status === 'rejected' ? 1 : summary.rejected > 0 ? 2 : 0;
  } catch (error) {
    bar.done();
    if (error instanceof ImportCancelledError) throw new AppError('conflict', 'import cancelled; nothing was changed');
    throw error;
  } finally {
    process.off('SIGINT', cancel);
  }
}
