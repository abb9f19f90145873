import { useState } from 'react';
import type { SignalDto } from '@accord/contracts';
import { api } from '../../api/client';
import { useSession } from '../../app/session-context';
import { useFormSubmit } from '../../app/use-form-submit';
import { Field, FieldError, ProblemAlert } from '../../app/ui';
import { useI18n } from '../../i18n/i18n-context';

const NOTE_MAX = 2000;

/** The decision on a signal once made; until then, for those who may triage, accepting it or dismissing it. */
export function SignalTriage({ signal, onDecided }: { signal: SignalDto; onDecided: () => void }) {
  const { t } = useI18n();
  const { can } = useSession();

  return (
    <section className="subsection signal-triage" aria-labelledby="signal-triage-heading" data-testid="signal-triage">
      <h3 id="signal-triage-heading">{t('signals.triage')}</h3>
      {signal.status !== 'new' ? (
        <Decision signal={signal} />
      ) : can('signals:triage') ? (
        <div className="grid-two signal-triage-forms">
          <AcceptForm id={signal.id} onDecided={onDecided} />
          <DismissForm id={signal.id} onDecided={onDecided} />
        </div>
      ) : (
        <p className="muted">{t('signals.awaitingTriage')}</p>
      )}
    </section>
  );
}

function Decision({ signal }: { signal: SignalDto }) {
  const { t, formatDateTime } = useI18n();
  const params = { who: signal.decidedBy ?? '—', when: signal.decidedAt ? formatDateTime(signal.decidedAt) : '—' };
  return (
    <div
      className={`alert ${signal.status === 'accepted' ? 'alert-success' : 'alert-info'}`}
      role="status"
      data-testid="signal-decision"
      data-status={signal.status}
    >
      <strong className="alert-title">
        {signal.status === 'accepted' ? t('signals.decision.accepted', params) : t('signals.decision.dismissed', params)}
      </strong>
      {signal.decisionNote && (
        <span dir="auto" className="signal-note">
          {signal.decisionNote}
        </span>
      )}
    </div>
  );
}

function AcceptForm({ id, onDecided }: { id: string; onDecided: () => void }) {
  const { t } = useI18n();
  const { onSubmit, error, busy } = useFormSubmit(
    (form) => {
      const note = String(form.get('note') ?? '').trim();
      return api('triageSignal', { params: { id }, body: { decision: 'accept', ...(note ? { note } : {}) } }).then(onDecided);
    },
    { closesOnSuccess: true },
  );
  return (
    <form className="form" onSubmit={onSubmit} data-testid="signal-accept-form">
      <ProblemAlert error={error} />
      <Field label={t('signals.acceptNote')} error={error} field="note">
        <textarea name="note" rows={3} maxLength={NOTE_MAX} dir="auto" />
      </Field>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy} data-testid="signal-accept">
          {t('signals.accept')}
        </button>
      </div>
    </form>
  );
}

function DismissForm({ id, onDecided }: { id: string; onDecided: () => void }) {
  const { t } = useI18n();
  const [missing, setMissing] = useState(false);
  const { onSubmit, error, busy } = useFormSubmit(
    (form) => {
      const note = String(form.get('note') ?? '').trim();
      setMissing(note === '');
      if (!note) return;
      return api('triageSignal', { params: { id }, body: { decision: 'dismiss', note } }).then(onDecided);
    },
    { closesOnSuccess: true },
  );
  return (
    <form className="form" onSubmit={onSubmit} noValidate data-testid="signal-dismiss-form">
      <ProblemAlert error={error} />
      <label className="field">
        <span>{t('signals.dismissReason')}</span>
        <textarea
          name="note"
          rows={3}
          maxLength={NOTE_MAX}
          dir="auto"
          required
          aria-invalid={missing || undefined}
          onChange={(e) => missing && e.target.value.trim() && setMissing(false)}
        />
        <span className="hint">{t('signals.dismissHint')}</span>
        {missing && (
          <span className="field-error" data-testid="dismiss-reason-missing">
            {t('signals.dismissReasonMissing')}
          </span>
        )}
        <FieldError error={error} field="note" />
      </label>
      <div className="form-actions">
        <button type="submit" className="button button-danger" disabled={busy} data-testid="signal-dismiss">
          {t('signals.dismiss')}
        </button>
      </div>
    </form>
  );
}
