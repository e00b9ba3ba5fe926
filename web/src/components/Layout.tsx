import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { kommuneLabel, useKommune } from '../kommune.tsx';
import { Link, useLocation } from '../router.tsx';
import { useAuth, useCan, type Ability } from '../auth.tsx';
import { Icon, IconSprite } from './Icon.tsx';

export const sections: { to: string; text: string; need?: Ability }[] = [
  { to: '/', text: 'Oversigt', need: 'register' },
  { to: '/boligorganisationer', text: 'Boligorganisationer' },
  { to: '/afdelinger', text: 'Afdelinger' },
  { to: '/boligomraader', text: 'Boligområder', need: 'register' },
  { to: '/omraadelister', text: 'Områdelister', need: 'lists' },
  { to: '/udlejningsaftaler', text: 'Udlejningsaftale', need: 'udlejning' },
  { to: '/anvisning', text: 'Anvisning', need: 'anvisning' },
  { to: '/import', text: 'Import', need: 'import' },
  { to: '/brugere', text: 'Brugere', need: 'users' },
  { to: '/revisionsspor', text: 'Revisionsspor', need: 'audit' },
];

function KommuneChooser() {
  const { kommuner, kommune, choose, loading } = useKommune();
  const [value, setValue] = useState(kommune?.kode ?? '');
  useEffect(() => setValue(kommune?.kode ?? ''), [kommune]);
  const withData = kommuner.filter((k) => k.antal_afdelinger > 0 || k.demo);
  const without = kommuner.filter((k) => !(k.antal_afdelinger > 0 || k.demo));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (value && value !== kommune?.kode) choose(value);
  };
  return (
    <form className="kommune-chooser" onSubmit={submit} aria-label="Vælg kommune">
      <label className="form-label" htmlFor="kommune-select">
        Kommune
      </label>
      <div className="kommune-chooser-row">
        <select
          id="kommune-select"
          className="form-select"
          value={value}
          disabled={loading && !kommuner.length}
          onChange={(e) => setValue(e.target.value)}
        >
          {!kommuner.length && <option value="">Henter kommuner …</option>}
          {withData.length > 0 && (
            <optgroup label="Med data">
              {withData.map((k) => (
                <option key={k.kode} value={k.kode}>
                  {kommuneLabel(k)}
                  {k.demo ? ' – demodata' : ''}
                </option>
              ))}
            </optgroup>
          )}
          {without.length > 0 && (
            <optgroup label="Uden data">
              {without.map((k) => (
                <option key={k.kode} value={k.kode}>
                  {kommuneLabel(k)}
                </option>
              ))}
            </optgroup>
          )}
        </select>
        <button type="submit" className="button button-secondary">
          Skift
        </button>
      </div>
    </form>
  );
}

function MainMenu({ pathname }: { pathname: string }) {
  const can = useCan();
  return (
    <div className="navigation-menu">
      <div className="navigation-menu-inner container">
        <nav className="nav" aria-label="Hovedmenu">
          <ul className="mainmenu">
            {sections.filter((s) => !s.need || can(s.need)).map((s) => {
              const current = pathname === s.to;
              const active = current || (s.to !== '/' && pathname.startsWith(s.to + '/'));
              return (
                <li key={s.to} className={active ? `active${current ? ' current' : ''}` : undefined}>
                  <Link to={s.to} className="nav-link" aria-current={current ? 'page' : active ? 'true' : undefined}>
                    <span>{s.text}</span>
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
      </div>
    </div>
  );
}

function UserMenu() {
  const { state, logout } = useAuth();
  if (state.s !== 'signedIn' || !state.me.user) return null;
  return (
    <div className="user-menu">
      <span className="user-name">{state.me.user.display_name}</span>
      <Link to="/adgangskode" className="function-link">
        <Icon name="settings" />
        Skift adgangskode
      </Link>
      <button type="button" className="function-link" onClick={() => void logout()}>
        <Icon name="lock" />
        Log ud
      </button>
    </div>
  );
}

/** Header, menu and footer; `chooser` shows the municipality choice and the menu (not on the login page). */
export function Layout({ children, chooser }: { children: ReactNode; chooser?: boolean }) {
  const { pathname } = useLocation();
  const { error } = useKommune();
  return (
    <>
      <IconSprite />
      <a className="skipnav" href="#main-content">
        Gå til sidens indhold
      </a>
      <header className="header">
        <div className="solution-info">
          <div className="solution-info-inner container">
            <div className="solution-heading">
              <Link to="/" aria-label="Almen – til forsiden">
                Almen
              </Link>
              <span className="solution-subtitle">Kommunens register over almene boliger</span>
            </div>
            {chooser && <KommuneChooser />}
            <UserMenu />
          </div>
        </div>
        {chooser && <MainMenu pathname={pathname} />}
      </header>
      <div className="container page-container">
        {error && (
          <div className="alert alert-error mt-5" role="alert">
            <div className="alert-body">
              <p className="alert-text">Kommunelisten kunne ikke hentes: {error.message}</p>
            </div>
          </div>
        )}
        {children}
      </div>
      <footer>
        <div className="footer">
          <div className="container">
            <p className="mb-0">
              <strong>Almen</strong> – kommunens system for almene boliger. Små tal er diskretioneret, så enkeltpersoner ikke
              kan genkendes.
            </p>
          </div>
        </div>
      </footer>
    </>
  );
}
