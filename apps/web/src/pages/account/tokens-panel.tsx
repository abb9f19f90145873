import { useState } from 'react';
import type { ApiTokenDto } from '@accord/contracts';
import { api } from '../../api/client';
import { AsyncTable } from '../../app/async-table';
import { TOKEN_SCOPE_KEYS } from '../../app/labels';
import { useAsync } from '../../app/use-async';
import { TableHead } from '../../app/ui';
import { useI18n } from '../../i18n/i18n-context';
import { TokenCreateForm } from './token-create-form';

export function TokensPanel({ canManage }: { canManage: boolean }) {
  const { t } = useI18n();
  const tokens = useAsync('tokens', () => api('listTokens'));
  const [actionError, setActionError] = useState<unknown>(undefined);

  const revoke = async (id: string) => {
    setActionError(undefined);
    try {
      await api('revokeToken', { params: { id } });
      tokens.reload();
    } catch (err) {
      setActionError(err);
    }
  };

  return (
    <section className="card" data-testid="tokens-panel">
      <h2>{t('tokens.title')}</h2>
      <p className="muted">{t('tokens.intro')}</p>
      <AsyncTable state={tokens} actionError={actionError} emptyText={t('tokens.none')}>
        {(list) => <TokenTable tokens={list.items} onRevoke={canManage ? revoke : null} />}
      </AsyncTable>
      {canManage && <TokenCreateForm onCreated={tokens.reload} />}
    </section>
  );
}

function TokenTable({ tokens, onRevoke }: { tokens: ApiTokenDto[]; onRevoke: ((id: string) => Promise<void>) | null }) {
  const { t, formatDateTime } = useI18n();
  const [confirming, setConfirming] = useState<string | null>(null);
  // The moment the table first showed is precise enough to tell expired tokens apart.
  const [now] = useState(() => Date.now());

  const status = (token: ApiTokenDto) => {
    if (token.revokedAt) return t('tokens.status.revoked', { date: formatDateTime(token.revokedAt) });
    if (token.expiresAt && Date.parse(token.expiresAt) < now) return t('tokens.status.expired');
    return token.expiresAt ? t('tokens.status.activeUntil', { date: formatDateTime(token.expiresAt) }) : t('tokens.status.active');
  };

  return (
    <table className="table" data-testid="tokens-table">
      <TableHead
        labels={[
          t('tokens.name'),
          t('tokens.prefix'),
          t('tokens.scopes'),
          t('tokens.countries'),
          t('tokens.lastUsed'),
          t('tokens.statusHeading'),
        ]}
        actions={onRevoke !== null}
      />
      <tbody>
        {tokens.map((token) => (
          <tr key={token.id} className={token.revokedAt ? 'row-muted' : undefined}>
            <td>{token.name}</td>
            <td>
              <code dir="ltr">{token.prefix}…</code>
            </td>
            <td>{token.scopes.map((s) => t(TOKEN_SCOPE_KEYS[s])).join(', ')}</td>
            <td>{token.countries ? <bdi>{token.countries.join(', ')}</bdi> : t('tokens.allMyCountries')}</td>
            <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : t('tokens.never')}</td>
            <td>{status(token)}</td>
            {onRevoke && (
              <td className="cell-actions">
                {!token.revokedAt &&
                  (confirming === token.id ? (
                    <>
                      <button
                        type="button"
                        className="button button-danger"
                        onClick={() => void onRevoke(token.id).finally(() => setConfirming(null))}
                        data-testid="token-revoke-confirm"
                      >
                        {t('tokens.confirmRevoke')}
                      </button>
                      <button type="button" className="button button-quiet" onClick={() => setConfirming(null)}>
                        {t('common.cancel')}
                      </button>
                    </>
                  ) : (
                    <button type="button" className="button" onClick={() => setConfirming(token.id)} data-testid="token-revoke">
                      {t('tokens.revoke')}
                    </button>
                  ))}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
