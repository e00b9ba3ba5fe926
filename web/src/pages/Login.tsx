import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { ApiError } from '../api.ts';
import { useAuth } from '../auth.tsx';
import { Page } from '../components/Page.tsx';
import { Alert } from '../components/Status.tsx';

/** What a refused sign-in means, in words a user can act on. */
export function loginMessage(e: ApiError): string {
  switch (e.status) {
    case 401:
      return 'Brugernavnet eller adgangskoden er forkert. Tjek, at du har skrevet dem rigtigt, og prøv igen.';
    case 423:
      return 'Din konto er midlertidigt spærret efter for mange forkerte forsøg. Vent lidt, og prøv igen, eller kontakt kommunens administrator.';
    case 429:
      return 'Der har været for mange forsøg på at logge ind på kort tid. Vent et minut, og prøv igen.';
    default:
      return e.message;
  }
}

export function LoginPage() {
  const uid = useId();
  const { state, login } = useAuth();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  // A refused sign-in through the municipality's login comes back as /login?fejl=… (see the OIDC callback).
  const [error, setError] = useState<string | null>(() => new URLSearchParams(window.location.search).get('fejl'));
  const [busy, setBusy] = useState(false);
  const errorRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);
  const oidc = state.s === 'signedOut' && state.oidc;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!username.trim() || !password) {
      setError(!username.trim() ? 'Skriv dit brugernavn.' : 'Skriv din adgangskode.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await login(username.trim(), password);
    } catch (err) {
      setError(loginMessage(err as ApiError));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title="Log ind" crumbs={[{ text: 'Log ind' }]} lead="Almen er kommunens system for almene boliger. Log ind for at se registret.">
      <div ref={errorRef} tabIndex={-1} className="login-error">
        {error && (
          <Alert variant="error" heading="Du blev ikke logget ind">
            {error}
          </Alert>
        )}
        {state.s === 'signedOut' && state.error && !error && <Alert variant="error">{state.error.message}</Alert>}
      </div>
      <form className="login-form" onSubmit={submit} noValidate aria-label="Log ind">
        <div className="form-group">
          <label className="form-label" htmlFor={`${uid}-user`}>
            Brugernavn
          </label>
          <input id={`${uid}-user`} className="form-input" type="text" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} />
        </div>
        <div className="form-group">
          <label className="form-label" htmlFor={`${uid}-pw`}>
            Adgangskode
          </label>
          <input id={`${uid}-pw`} className="form-input" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </div>
        <div className="button-row mt-5">
          <button type="submit" className="button button-primary" disabled={busy}>
            Log ind
          </button>
          {oidc && (
            <a className="button button-secondary" href="/api/auth/oidc/login">
              Log ind med kommunens login
            </a>
          )}
        </div>
      </form>
    </Page>
  );
}
