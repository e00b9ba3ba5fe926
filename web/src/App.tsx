import type { ReactNode } from 'react';
import { AuthProvider, useAuth, useCan, type Ability } from './auth.tsx';
import { Layout } from './components/Layout.tsx';
import { NoAccess } from './components/NoAccess.tsx';
import { Loading } from './components/Status.tsx';
import { LoginPage } from './pages/Login.tsx';
import { Page } from './components/Page.tsx';
import { KommuneProvider } from './kommune.tsx';
import { ApplicantsPage, NewApplicantPage } from './pages/Applicants.tsx';
import { AnvisningHome } from './pages/anvisning/common.tsx';
import { BilligeBoligerPage } from './pages/anvisning/BilligeBoliger.tsx';
import { KravPage } from './pages/anvisning/Krav.tsx';
import { LedigePage, LedigPage, NyLedigPage } from './pages/anvisning/Ledige.tsx';
import { SagPage } from './pages/anvisning/Sag.tsx';
import { StatistikPage } from './pages/anvisning/Statistik.tsx';
import { TildelingPage } from './pages/anvisning/Tildeling.tsx';
import { AuditPage } from './pages/Audit.tsx';
import { AfdelingPage, OmraadePage, OrganisationPage } from './pages/Details.tsx';
import { ImportJobPage, ImportPage } from './pages/Import.tsx';
import { AfdelingerPage, OmraaderPage, OrganisationerPage } from './pages/Lists.tsx';
import { OverviewPage } from './pages/Overview.tsx';
import { OmraadeListePage } from './pages/OmraadeListe.tsx';
import { OmraadelisterPage } from './pages/Omraadelister.tsx';
import { PasswordPage } from './pages/Password.tsx';
import { UdlejningsaftalePage } from './pages/Udlejningsaftale.tsx';
import { NyAftalePage, RetAftalePage, UdlejningsaftalerPage } from './pages/Udlejningsaftaler.tsx';
import { EditUserPage, NewUserPage, UsersPage } from './pages/Users.tsx';
import { Link, matchPath, useLocation } from './router.tsx';

type Params = Record<string, string>;
/** Path, page, and what the user's roles must allow (otherwise "Du har ikke adgang"); the first match wins. */
const routes: [string, (p: Params) => ReactNode, Ability?][] = [
  ['/', () => <OverviewPage />], // explains itself to a boligorganisation
  ['/boligorganisationer', () => <OrganisationerPage />],
  ['/boligorganisationer/:id', (p) => <OrganisationPage key={p.id} id={p.id} />],
  ['/afdelinger', () => <AfdelingerPage />],
  ['/afdelinger/:id', (p) => <AfdelingPage key={p.id} id={p.id} />],
  ['/boligomraader', () => <OmraaderPage />, 'register'],
  ['/boligomraader/:id', (p) => <OmraadePage key={p.id} id={p.id} />, 'register'],
  ['/omraadelister', () => <OmraadelisterPage />, 'lists'],
  ['/omraadelister/omraader/:kode', (p) => <OmraadeListePage key={p.kode} kode={p.kode} />, 'lists'],
  ['/udlejningsaftaler', () => <UdlejningsaftalerPage />, 'udlejning'],
  ['/udlejningsaftaler/ny', () => <NyAftalePage />, 'udlejning'],
  ['/udlejningsaftaler/:id', (p) => <UdlejningsaftalePage key={p.id} id={p.id} tab="aftale" />, 'udlejning'],
  ['/udlejningsaftaler/:id/kvoteregnskab', (p) => <UdlejningsaftalePage key={p.id} id={p.id} tab="kvoter" />, 'udlejning'],
  ['/udlejningsaftaler/:id/prognose', (p) => <UdlejningsaftalePage key={p.id} id={p.id} tab="prognose" />, 'udlejning'],
  ['/udlejningsaftaler/:id/ret', (p) => <RetAftalePage key={p.id} id={p.id} />, 'udlejning'],
  ['/import', () => <ImportPage />, 'import'],
  ['/import/:id', (p) => <ImportJobPage key={p.id} id={p.id} />, 'import'],
  ['/anvisning', () => <AnvisningHome />, 'anvisning'],
  ['/anvisning/sager', () => <ApplicantsPage />, 'applicants'],
  ['/anvisning/sager/ny', () => <NewApplicantPage />, 'applicants'],
  ['/anvisning/sager/:id', (p) => <SagPage key={p.id} id={p.id} />, 'applicants'],
  ['/anvisning/ledige', () => <LedigePage />, 'anvisning'],
  ['/anvisning/ledige/ny', () => <NyLedigPage />, 'anvisning'],
  ['/anvisning/ledige/:id', (p) => <LedigPage key={p.id} id={p.id} />, 'anvisning'],
  ['/anvisning/tildeling', () => <TildelingPage />, 'applicants'],
  ['/anvisning/krav', () => <KravPage />, 'anvisning'],
  ['/anvisning/billige-boliger', () => <BilligeBoligerPage />, 'anvisningKommune'],
  ['/anvisning/statistik', () => <StatistikPage />, 'anvisningKommune'],
  // The applicants' first addresses (kept for links and bookmarks).
  ['/ansoegere', () => <ApplicantsPage />, 'applicants'],
  ['/ansoegere/ny', () => <NewApplicantPage />, 'applicants'],
  ['/brugere', () => <UsersPage />, 'users'],
  ['/brugere/ny', () => <NewUserPage />, 'users'],
  ['/brugere/:id', (p) => <EditUserPage key={p.id} id={p.id} />, 'users'],
  ['/revisionsspor', () => <AuditPage />, 'audit'],
  ['/adgangskode', () => <PasswordPage />],
];

function NotFound() {
  return (
    <Page title="Siden findes ikke" crumbs={[{ text: 'Oversigt', to: '/' }, { text: 'Siden findes ikke' }]}>
      <p>
        Adressen passer ikke til nogen side i Almen. <Link to="/">Gå til oversigten</Link>.
      </p>
    </Page>
  );
}

function Routes() {
  const { pathname } = useLocation();
  const can = useCan();
  for (const [pattern, render, need] of routes) {
    const m = matchPath(pattern, pathname);
    if (m) return need && !can(need) ? <NoAccess need={need} /> : <>{render(m)}</>;
  }
  return <NotFound />;
}

/** The app once we may read: signed in, or a server without sign-in. */
function Gate() {
  const { state } = useAuth();
  if (state.s === 'loading') {
    return (
      <Layout>
        <Page title="Almen" crumbs={[]}>
          <Loading text="Henter Almen …" />
        </Page>
      </Layout>
    );
  }
  if (state.s === 'signedOut') {
    return (
      <Layout>
        <LoginPage />
      </Layout>
    );
  }
  return (
    <KommuneProvider>
      <Layout chooser>
        <Routes />
      </Layout>
    </KommuneProvider>
  );
}

export function App() {
  return (
    <AuthProvider>
      <Gate />
    </AuthProvider>
  );
}
