import type { ReactNode } from 'react';
import { Layout } from './components/Layout.tsx';
import { Page } from './components/Page.tsx';
import { KommuneProvider } from './kommune.tsx';
import { AfdelingPage, OmraadePage, OrganisationPage } from './pages/Details.tsx';
import { ImportJobPage, ImportPage } from './pages/Import.tsx';
import { AfdelingerPage, OmraaderPage, OrganisationerPage } from './pages/Lists.tsx';
import { OverviewPage } from './pages/Overview.tsx';
import { Link, matchPath, useLocation } from './router.tsx';

type Params = Record<string, string>;
const routes: [string, (p: Params) => ReactNode][] = [
  ['/', () => <OverviewPage />],
  ['/boligorganisationer', () => <OrganisationerPage />],
  ['/boligorganisationer/:id', (p) => <OrganisationPage key={p.id} id={p.id} />],
  ['/afdelinger', () => <AfdelingerPage />],
  ['/afdelinger/:id', (p) => <AfdelingPage key={p.id} id={p.id} />],
  ['/boligomraader', () => <OmraaderPage />],
  ['/boligomraader/:id', (p) => <OmraadePage key={p.id} id={p.id} />],
  ['/import', () => <ImportPage />],
  ['/import/:id', (p) => <ImportJobPage key={p.id} id={p.id} />],
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
  for (const [pattern, render] of routes) {
    const m = matchPath(pattern, pathname);
    if (m) return <>{render(m)}</>;
  }
  return <NotFound />;
}

export function App() {
  return (
    <KommuneProvider>
      <Layout>
        <Routes />
      </Layout>
    </KommuneProvider>
  );
}
