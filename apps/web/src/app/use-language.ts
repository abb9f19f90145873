import { useCallback, useEffect, useState } from 'react';
import { textDirection, type Language } from '@accord/core';
import { api } from '../api/client';
import { pickInitialLanguage } from '../i18n/translate';
import { useSession } from './session-context';

const STORAGE_KEY = 'accord.language';

function readSaved(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage can be blocked (privacy settings); the browser's languages still apply.
    return null;
  }
}

function save(lang: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // See readSaved: not being able to remember the choice is not an error worth showing.
  }
}

/**
 * The language of the interface: a logged-in user's preferred language, otherwise the one saved in this
 * browser, otherwise the browser's own preference. Switching while logged in saves it to the account too.
 */
export function useLanguage(): [Language, (lang: Language) => void] {
  const { session, updateUser } = useSession();
  const [local, setLocal] = useState<Language>(() => pickInitialLanguage(readSaved(), navigator.languages ?? [navigator.language]));
  const preferred = session?.user.preferredLanguage;
  const [seenPreferred, setSeenPreferred] = useState(preferred);
  if (preferred !== seenPreferred) {
    // Keep the account's language after logging out, rather than jumping back to the browser's.
    setSeenPreferred(preferred);
    if (preferred) setLocal(preferred);
  }
  const lang = preferred ?? local;

  useEffect(() => {
    if (preferred) save(preferred);
  }, [preferred]);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.documentElement.dir = textDirection(lang);
  }, [lang]);

  const choose = useCallback(
    (next: Language) => {
      setLocal(next);
      save(next);
      if (!session || session.authenticatedBy !== 'session') return;
      const previous = session.user;
      // Switch at once; the server's answer then confirms (or the old choice comes back on failure).
      updateUser({ ...previous, preferredLanguage: next });
      api('updateAccount', { body: { preferredLanguage: next } }, { keepalive: true }).then(updateUser, (error: unknown) => {
        console.error(error);
        updateUser(previous);
      });
    },
    [session, updateUser],
  );

  return [lang, choose];
}
