// Skift adgangskode: the current one, the new one twice; the server checks the current one and the strength.
import { useId, useState, type FormEvent } from 'react';
import { fieldErrors, postJson, type ApiError } from '../api.ts';
import { ErrorSummary, TextField } from '../components/Form.tsx';
import { Page } from '../components/Page.tsx';
import { Alert } from '../components/Status.tsx';

const empty = { current_password: '', new_password: '', repeat: '' };
type Name = keyof typeof empty;

export function PasswordPage() {
  const uid = useId();
  const [values, setValues] = useState(empty);
  const [errors, setErrors] = useState<Partial<Record<Name, string>>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    setMessage(null);
    const problems: typeof errors = {};
    if (!values.current_password) problems.current_password = 'Skriv din nuværende adgangskode.';
    if (!values.new_password) problems.new_password = 'Skriv en ny adgangskode.';
    if (!values.repeat) problems.repeat = 'Gentag den nye adgangskode.';
    else if (values.new_password && values.repeat !== values.new_password) problems.repeat = 'De to nye adgangskoder er ikke ens.';
    setErrors(problems);
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      await postJson('auth/password', { current_password: values.current_password, new_password: values.new_password });
      setValues(empty);
      setDone(true);
    } catch (err) {
      const f = fieldErrors(err as ApiError);
      // The strength rule names the field "password": it is the new one.
      const mapped = { current_password: f.current_password, new_password: f.new_password ?? f.password };
      setErrors(Object.fromEntries(Object.entries(mapped).filter(([, v]) => v)));
      if (!mapped.current_password && !mapped.new_password) setMessage((err as ApiError).message);
    } finally {
      setBusy(false);
    }
  };

  const field = (name: Name, label: string, autoComplete: string, hint?: string) => (
    <TextField
      id={`${uid}-${name}`}
      label={label}
      hint={hint}
      type="password"
      autoComplete={autoComplete}
      error={errors[name]}
      value={values[name]}
      onChange={(v) => setValues({ ...values, [name]: v })}
    />
  );
  const order: [Name, string][] = [
    ['current_password', 'Nuværende adgangskode'],
    ['new_password', 'Ny adgangskode'],
    ['repeat', 'Gentag ny adgangskode'],
  ];

  return (
    <Page title="Skift adgangskode" crumbs={[{ text: 'Oversigt', to: '/' }, { text: 'Skift adgangskode' }]}>
      {done && (
        <Alert variant="success" heading="Adgangskoden er skiftet">
          Brug den nye adgangskode, næste gang du logger ind. Er du logget ind andre steder, er du blevet logget ud der.
        </Alert>
      )}
      <ErrorSummary
        errors={order.filter(([n]) => errors[n]).map(([n]) => ({ id: `${uid}-${n}`, message: errors[n]! }))}
        message={message}
        heading="Adgangskoden er ikke skiftet"
      />
      <form className="narrow-form" onSubmit={submit} noValidate aria-label="Skift adgangskode">
        {field('current_password', 'Nuværende adgangskode', 'current-password')}
        {field('new_password', 'Ny adgangskode', 'new-password', 'Mindst 12 tegn og mindst 5 forskellige tegn. Den må ikke indeholde dit brugernavn.')}
        {field('repeat', 'Gentag ny adgangskode', 'new-password')}
        <div className="button-row mt-5">
          <button type="submit" className="button button-primary" disabled={busy}>
            Skift adgangskode
          </button>
        </div>
      </form>
    </Page>
  );
}
