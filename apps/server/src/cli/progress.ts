/** A one-line progress bar on standard error (plain lines when it is not a terminal, e.g. in CI logs). */
export function progressBar(label: string) {
  const tty = process.stderr.isTTY;
  let lastPercent = -1;
  return {
    update(done: number, total: number) {
      const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
      if (percent === lastPercent) return;
      lastPercent = percent;
      const width = 30;
      const filled = Math.round((percent / 100) * width);
      const line = `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent}% (${done}/${total})`;
      if (tty) process.stderr.write(`\r${line}`);
      else if (percent % 25 === 0) process.stderr.write(`${line}\n`);
    },
    done() {
      if (tty && lastPercent >= 0) process.stderr.write('\n');
    },
  };
}
