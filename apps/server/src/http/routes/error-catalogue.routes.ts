import type { FastifyInstance } from 'fastify';
import { ERROR_CODES } from '@accord/contracts';

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** The page that every problem `type` points to (`/docs/errors#code`), generated from the catalogue. */
export function registerErrorCatalogue(app: FastifyInstance): void {
  const rows = Object.entries(ERROR_CODES)
    .map(
      ([code, e]) =>
        `<tr id="${code}"><td><code>${code}</code></td><td>${e.status}</td><td>${escape(e.title)}</td><td>${escape(e.fix)}</td></tr>`,
    )
    .join('\n');
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Accord API errors</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem}td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:start;vertical-align:top}</style>
</head><body><h1>Accord API errors</h1><p>Every error is an RFC 9457 problem document (<code>application/problem+json</code>) whose
<code>type</code> points here and whose <code>errors</code> list names each offending field.</p>
<table><thead><tr><th>code</th><th>HTTP status</th><th>title</th><th>how to fix</th></tr></thead><tbody>${rows}</tbody></table></body></html>`;
  app.get('/docs/errors', { config: { access: { public: true } }, schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(html),
  );
}
