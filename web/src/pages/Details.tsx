// One page per boligorganisation, afdeling and boligområde.
import type { ReactNode } from 'react';
import { useApi, type ApiState } from '../api.ts';
import { ChartFigure, type Series } from '../components/ChartFigure.tsx';
import { FactList } from '../components/FactList.tsx';
import { KeyFigureHistory } from '../components/KeyFigureHistory.tsx';
import { ListView } from '../components/ListView.tsx';
import { Page, Section, type Crumb } from '../components/Page.tsx';
import { Provenance } from '../components/Provenance.tsx';
import { Alert, ErrorAlert, Loading } from '../components/Status.tsx';
import { Link } from '../router.tsx';
import type { Afdeling, Boligomraade, Boligorganisation } from '../types.ts';
import { afdelingColumns } from './columns.tsx';

const home: Crumb = { text: 'Oversigt', to: '/' };

/** Loading, not-found and error states around a detail page's content. */
function Detail<T>({
  state,
  section,
  noun,
  title,
  children,
}: {
  state: ApiState<T>;
  section: Crumb;
  noun: string;
  title: (d: T) => string;
  children: (d: T) => ReactNode;
}) {
  const { data, error, reload } = state;
  const name = data ? title(data) : error?.status === 404 ? `${noun} findes ikke` : noun;
  return (
    <Page title={name} crumbs={[home, section, { text: name }]}>
      {error?.status === 404 ? (
        <Alert variant="warning" heading={`${noun} findes ikke`} quiet>
          <p className="alert-text">
            Den findes ikke eller er fjernet fra registret. <Link to={section.to!}>Gå til {section.text.toLowerCase()}</Link>.
          </p>
        </Alert>
      ) : error ? (
        <ErrorAlert error={error} onRetry={reload} what={noun} />
      ) : !data ? (
        <Loading text={`Henter ${noun.toLowerCase()} …`} />
      ) : (
        children(data)
      )}
    </Page>
  );
}

const typeLabels = [
  ['antal_familie', 'Familieboliger'],
  ['antal_ungdom', 'Ungdomsboliger'],
  ['antal_aeldre', 'Ældreboliger'],
  ['antal_pleje', 'Plejeboliger'],
] as const;

function dwellingsByType(afdelinger: Afdeling[]): { categories: string[]; series: Series[] } {
  const sums = typeLabels.map(([k]) => afdelinger.reduce((s, a) => s + (a[k] ?? 0), 0));
  const total = sums.reduce((a, b) => a + b, 0);
  return {
    categories: typeLabels.map(([, l]) => l),
    series: [
      { name: 'Antal boliger', values: sums, kind: 'int' },
      { name: 'Andel', values: sums.map((s) => (total ? (100 * s) / total : null)), kind: 'pct', tableOnly: true },
    ],
  };
}

function dwellingsByDecade(afdelinger: Afdeling[]): { categories: string[]; series: Series[] } {
  const byDecade = new Map<number, number>();
  for (const a of afdelinger) {
    if (a.opfoerelsesaar == null) continue;
    const d = Math.floor(a.opfoerelsesaar / 10) * 10;
    byDecade.set(d, (byDecade.get(d) ?? 0) + a.antal_boliger);
  }
  const decades = [...byDecade.keys()].sort((a, b) => a - b);
  let acc = 0;
  return {
    categories: decades.map((d) => `${d}'erne`),
    series: [
      { name: 'Opførte boliger', values: decades.map((d) => byDecade.get(d)!), kind: 'int' },
      { name: 'Boliger i alt ved tiårets udgang', values: decades.map((d) => (acc += byDecade.get(d)!)), kind: 'int', tableOnly: true },
    ],
  };
}

export function OrganisationPage({ id }: { id: string }) {
  const state = useApi<Boligorganisation>(`boligorganisationer/${encodeURIComponent(id)}`);
  return (
    <Detail state={state} section={{ text: 'Boligorganisationer', to: '/boligorganisationer' }} noun="Boligorganisation" title={(d) => d.navn}>
      {(o) => {
        const sup = (k: string) => !!o.suppressed?.includes(k);
        const afd = o.afdelinger ?? [];
        const types = dwellingsByType(afd);
        const decades = dwellingsByDecade(afd);
        return (
          <>
            <Section id="stamdata" title="Stamdata">
              <FactList
                facts={[
                  { label: 'LBF-nummer', value: o.lbf_nr, kind: 'code' },
                  { label: 'CVR-nummer', value: o.cvr },
                  { label: 'Organisationsform', value: o.form },
                  { label: 'Administrationsorganisation', value: o.administrationsorganisation },
                  { label: 'Hjemkommune', value: o.kommunenavn },
                  { label: 'Afdelinger', value: o.antal_afdelinger, kind: 'int', suppressed: sup('antal_afdelinger') },
                  { label: 'Boliger', value: o.antal_boliger, kind: 'int', suppressed: sup('antal_boliger') },
                ]}
              />
              <Provenance items={[o.provenance]} />
            </Section>
            {afd.length > 0 && (
              <>
                <ChartFigure id="org-typer" title="Boliger efter type" type="bar" categoryHeader="Boligtype" categories={types.categories} series={types.series} />
                {decades.categories.length > 0 && (
                  <ChartFigure
                    id="org-opfoert"
                    title="Boliger efter opførelsestidspunkt"
                    type="bar"
                    categoryHeader="Opført i"
                    categories={decades.categories}
                    series={decades.series}
                  />
                )}
              </>
            )}
            {o.noegletal && o.noegletal.length > 0 && <KeyFigureHistory rows={o.noegletal} />}
            <Section id="afdelinger" title="Organisationens afdelinger">
              <ListView<Afdeling>
                endpoint="afdelinger"
                noun={['afdeling', 'afdelinger']}
                columns={afdelingColumns.filter((c) => c.key !== 'boligorganisation_navn')}
                defaultSort="afdelingsnummer"
                fixed={{ boligorganisation_id: o.id }}
                searchLabel="Søg i organisationens afdelinger"
                caption={`Afdelinger i ${o.navn}`}
              />
            </Section>
          </>
        );
      }}
    </Detail>
  );
}

export function AfdelingPage({ id }: { id: string }) {
  const state = useApi<Afdeling>(`afdelinger/${encodeURIComponent(id)}`);
  return (
    <Detail state={state} section={{ text: 'Afdelinger', to: '/afdelinger' }} noun="Afdeling" title={(d) => d.navn}>
      {(a) => {
        const sup = (k: string) => !!a.suppressed?.includes(k);
        const omr = a.boligomraader ?? [];
        return (
          <>
            <Section id="stamdata" title="Stamdata">
              <FactList
                facts={[
                  {
                    label: 'Boligorganisation',
                    content: <Link to={`/boligorganisationer/${a.boligorganisation_id}`}>{a.boligorganisation_navn}</Link>,
                  },
                  { label: 'Afdelingsnummer', value: a.afdelingsnummer, kind: 'code' },
                  { label: 'Adresser', value: a.adresser },
                  { label: 'Opførelsesår', value: a.opfoerelsesaar, kind: 'year' },
                  { label: 'Boliger i alt', value: a.antal_boliger, kind: 'int', suppressed: sup('antal_boliger') },
                  ...typeLabels.map(([k, l]) => ({ label: l, value: a[k], kind: 'int' as const, suppressed: sup(k) })),
                  { label: 'Bruttoareal', value: a.bruttoareal_m2, kind: 'm2', suppressed: sup('bruttoareal_m2') },
                  { label: 'Husleje pr. m² om året', value: a.husleje_pr_m2, kind: 'kr', suppressed: sup('husleje_pr_m2') },
                  {
                    label: omr.length === 1 ? 'Boligområde' : 'Boligområder',
                    content: omr.length ? (
                      <ul className="nobullet-list mb-0">
                        {omr.map((b) => (
                          <li key={b.id}>
                            <Link to={`/boligomraader/${b.id}`}>{b.navn}</Link> ({b.kode})
                          </li>
                        ))}
                      </ul>
                    ) : (
                      'Indgår ikke i et boligområde'
                    ),
                  },
                ]}
              />
              <Provenance items={[a.provenance]} />
            </Section>
            {a.noegletal && a.noegletal.length > 0 ? (
              <KeyFigureHistory rows={a.noegletal} />
            ) : (
              <Section id="noegletal" title="Nøgletal over tid">
                <p>Der er ikke importeret nøgletal for afdelingen.</p>
              </Section>
            )}
          </>
        );
      }}
    </Detail>
  );
}

export function OmraadePage({ id }: { id: string }) {
  const state = useApi<Boligomraade>(`boligomraader/${encodeURIComponent(id)}`);
  return (
    <Detail state={state} section={{ text: 'Boligområder', to: '/boligomraader' }} noun="Boligområde" title={(d) => d.navn}>
      {(b) => {
        const sup = (k: string) => !!b.suppressed?.includes(k);
        return (
          <>
            <Section id="stamdata" title="Stamdata">
              <FactList
                facts={[
                  { label: 'Kode', value: b.kode },
                  { label: 'Afdelinger', value: b.antal_afdelinger, kind: 'int', suppressed: sup('antal_afdelinger') },
                  { label: b.beboere_aar ? `Beboere (${b.beboere_aar})` : 'Beboere', value: b.beboere, kind: 'int', suppressed: sup('beboere') },
                ]}
              />
              <Provenance items={[b.provenance]} />
            </Section>
            {b.noegletal && b.noegletal.length > 0 ? (
              <KeyFigureHistory rows={b.noegletal} />
            ) : (
              <Section id="noegletal" title="Nøgletal over tid">
                <p>Der er ikke importeret nøgletal for boligområdet.</p>
              </Section>
            )}
            <Section id="afdelinger" title="Afdelinger i boligområdet">
              <ListView<Afdeling>
                endpoint="afdelinger"
                noun={['afdeling', 'afdelinger']}
                columns={afdelingColumns}
                defaultSort="navn"
                fixed={{ boligomraade_id: b.id }}
                searchLabel="Søg i områdets afdelinger"
                caption={`Afdelinger i ${b.navn}`}
              />
            </Section>
          </>
        );
      }}
    </Detail>
  );
}
