import { useState, type FormEvent } from 'react';

export interface FormSubmit {
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  /** What the server (or the network) answered to the last attempt; cleared when the form is sent again. */
  error: unknown;
  /** True while the request runs: the submit button is disabled meanwhile, so one click sends once. */
  busy: boolean;
  /** True once the last attempt succeeded, for a "saved" note; cleared when the form is sent again. */
  saved: boolean;
}

/**
 * The submit handling the forms share: the page stays put, the previous problem and "saved" note go away,
 * and the button is disabled while the request runs.
 *
 * `send` reads the form and checks what the browser cannot; it returns the request, or nothing when a check
 * failed (the form shows why itself), in which case nothing is sent and the button never turns busy.
 * With `closesOnSuccess` the parent removes the form once it succeeds, so the button stays disabled until then
 * rather than inviting a second click.
 */
export function useFormSubmit(
  send: (form: FormData, formElement: HTMLFormElement) => Promise<unknown> | undefined,
  { closesOnSuccess = false }: { closesOnSuccess?: boolean } = {},
): FormSubmit {
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    setError(undefined);
    setSaved(false);
    const request = send(new FormData(formElement), formElement);
    if (!request) return;
    setBusy(true);
    request.then(
      () => {
        setSaved(true);
        if (!closesOnSuccess) setBusy(false);
      },
      (err: unknown) => {
        setError(err);
        setBusy(false);
      },
    );
  };

  return { onSubmit, error, busy, saved };
}
