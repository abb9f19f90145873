import { createInterface } from 'node:readline';
import { StartupError } from '../startup-error.js';

/**
 * Reads a secret: prompted (not echoed) on a terminal, or the first line of piped standard input,
 * so that scripts can run `echo "$PW" | accord user add …` without the password in the process list.
 */
export async function readSecretFromStdin(prompt: string): Promise<string> {
  const input = process.stdin;
  if (input.isTTY) {
    process.stderr.write(prompt);
    input.setRawMode(true);
    let secret = '';
    return new Promise((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        for (const ch of chunk.toString('utf8')) {
          if (ch === '\r' || ch === '\n') {
            input.setRawMode(false);
            input.pause();
            input.off('data', onData);
            process.stderr.write('\n');
            resolve(secret);
            return;
          }
          if (ch === '\u0003') {
            input.setRawMode(false);
            reject(new StartupError('cancelled'));
            return;
          }
          secret = ch === '\u007f' ? secret.slice(0, -1) : secret + ch;
        }
      };
      input.on('data', onData);
      input.resume();
    });
  }
  const rl = createInterface({ input });
  for await (const line of rl) {
    rl.close();
    if (line.length > 0) return line;
  }
  throw new StartupError('no password on standard input; pipe it in (echo "$PASSWORD" | accord user add …) or run in a terminal');
}
