import { useState } from 'react';
import { ApiProblem } from '../../../api/client';
import { useFormSubmit } from '../../../app/use-form-submit';
import { Field, Notice, ProblemAlert } from '../../../app/ui';
import { useI18n } from '../../../i18n/i18n-context';
import { lineOfField, type ParsedLines } from './mapping-lines';

/**
 * A textarea for many mappings at once, as CSV lines, sent in one request (all or none). Lines that cannot be
 * read are named before anything is sent; what the server refuses is named by line too.
 */
export function PasteForm<T>({
  columns,
  example,
  parse,
  send,
  testId,
}: {
  columns: readonly string[];
  example: string;
  parse: (text: string) => ParsedLines<T>;
  send: (rows: T[]) => Promise<unknown>;
  testId: string;
}) {
  const { t, formatNumber } = useI18n();
  const [problems, setProblems] = useState<{ line: number; fields: number }[]>([]);
  const [lines, setLines] = useState<number[]>([]);
  const [count, setCount] = useState(0);
  const { onSubmit, error, busy, saved } = useFormSubmit((form, element) => {
    const parsed = parse(String(form.get('lines') ?? ''));
    setProblems(parsed.problems);
    if (parsed.problems.length > 0 || parsed.rows.length === 0) return;
    setLines(parsed.rows.map((r) => r.line));
    setCount(parsed.rows.length);
    return send(parsed.rows.map((r) => r.value)).then(() => element.reset());
  });
  const refused =
    error instanceof ApiProblem
      ? (error.problem.errors ?? []).flatMap((e) => {
          const at = lineOfField(e.field, lines);
          return at ? [{ ...at, reason: e.reason }] : [];
        })
      : [];

  return (
    <details className="paste-form">
      <summary>{t('dhis2.pasteOpen')}</summary>
      <form className="form" onSubmit={onSubmit} data-testid={testId}>
        {saved && <Notice>{t('dhis2.pasteSaved', { count: formatNumber(count) })}</Notice>}
        <ProblemAlert error={error} />
        <Field label={t('dhis2.pasteLabel', { columns: columns.join(',') })}>
          <textarea name="lines" rows={6} dir="ltr" spellCheck={false} placeholder={example} required aria-describedby={`${testId}-hint`} />
          <span className="hint" id={`${testId}-hint`}>
            {t('dhis2.pasteHint')}
          </span>
        </Field>
        {problems.length > 0 && (
          <ul className="field-error" role="alert">
            {problems.map((p) => (
              <li key={p.line}>{t('dhis2.lineFields', { line: formatNumber(p.line), count: formatNumber(columns.length) })}</li>
            ))}
          </ul>
        )}
        {refused.length > 0 && (
          <ul className="field-error">
            {refused.map((r, i) => (
              <li key={i}>
                {t('dhis2.lineRefused', { line: formatNumber(r.line), column: r.column })}{' '}
                <span lang="en" dir="auto">
                  {r.reason}
                </span>
              </li>
            ))}
          </ul>
        )}
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy}>
            {t('dhis2.pasteSubmit')}
          </button>
        </div>
      </form>
    </details>
  );
}
