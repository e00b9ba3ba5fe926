// The municipality's fact sheet: what "Almene boliger gør <kommune> bedre" answers, from the register.
import { useApi } from '../api.ts';
import { ChartFigure, type Series } from '../components/ChartFigure.tsx';
import { Page, Section } from '../components/Page.tsx';
import { Provenance } from '../components/Provenance.tsx';
import { Alert, ErrorAlert, Loading } from '../components/Status.tsx';
import { Value } from '../components/Value.tsx';
import type { ValueKind } from '../format.ts';
import { useCan } from '../auth.tsx';
import { useKommune } from '../kommune.tsx';
import { Link } from '../router.tsx';
import type { Overview } from '../types.ts';

const types = [
  { key: 'familie', label: 'Familieboliger' },
  { key: 'ungdom', label: 'Ungdomsboliger' },
  { key: 'aeldre', label: 'Ældreboliger' },
  { key: 'pleje', label: 'Plejeboliger' },
] as const;

function suppressedIn(list: string[] | undefined, ...names: string[]) {
  return !!list && names.some((n) => list.includes(n));
}

interface KeyFigure {
  label: string;
  value: number | null;
  kind: ValueKind;
  note?: string;
  field: string;
}

function KeyFigures({ o }: { o: Overview }) {
  const figures: KeyFigure[] = [
    { label: 'Almene boliger', value: o.boliger.i_alt, kind: 'int', field: 'boliger.i_alt' },
    {
      label: 'Andel af boligmassen',
      value: o.andel_af_boligmassen_pct,
      kind: 'pct',
      field: 'andel_af_boligmassen_pct',
      // The housing stock may be counted in another year than the key figures.
      note: o.boligmasse_aar && o.boligmasse_aar !== o.aar ? `${o.boligmasse_aar}` : undefined,
    },
    { label: 'Fraflytning i familieboliger', value: o.fraflytning_familie_pct, kind: 'pct', field: 'fraflytning_familie_pct' },
    { label: 'Gns. husleje pr. m² om året', value: o.gns_husleje_pr_m2, kind: 'kr', field: 'gns_husleje_pr_m2' },
    { label: 'Huslejeomsætning om året', value: o.huslejeomsaetning_kr, kind: 'mio', field: 'huslejeomsaetning_kr' },
    { label: 'Beboere', value: o.beboere, kind: 'int', field: 'beboere' },
    { label: 'Boligorganisationer', value: o.antal_boligorganisationer, kind: 'int', field: 'antal_boligorganisationer' },
    { label: 'Afdelinger', value: o.antal_afdelinger, kind: 'int', field: 'antal_afdelinger' },
    { label: 'Boligområder', value: o.antal_boligomraader, kind: 'int', field: 'antal_boligomraader' },
  ];
  const links: Record<string, string> = {
    antal_boligorganisationer: '/boligorganisationer',
    antal_afdelinger: '/afdelinger',
    antal_boligomraader: '/boligomraader',
  };
  return (
    <dl className="key-figures">
      {figures.map((f) => (
        <div className="key-figure" key={f.field}>
          <dt>
            {links[f.field] ? <Link to={links[f.field]}>{f.label}</Link> : f.label}
            {f.note && <span className="key-figure-note"> ({f.note})</span>}
          </dt>
          <dd>
            <Value value={f.value} kind={f.kind} suppressed={suppressedIn(o.suppressed, f.field, f.field.replace('boliger.', ''))} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

function byType(o: Overview) {
  const total = o.boliger.i_alt ?? types.reduce((s, t) => s + (o.boliger[t.key] ?? 0), 0);
  const counts = types.map((t) => o.boliger[t.key]);
  const sup = types.map((t) => suppressedIn(o.suppressed, t.key, `boliger.${t.key}`));
  const series: Series[] = [
    { name: 'Antal boliger', values: counts, suppressed: sup, kind: 'int' },
    { name: 'Andel', values: counts.map((c) => (c == null || !total ? null : (100 * c) / total)), suppressed: sup, kind: 'pct', tableOnly: true },
  ];
  return { categories: types.map((t) => t.label), series };
}

function development(o: Overview) {
  const rows = [...o.udvikling].sort((a, b) => a.aar - b.aar);
  const sup = (name: string) => rows.map((r) => suppressedIn((r as { suppressed?: string[] }).suppressed, name));
  return {
    years: rows.map((r) => r.aar),
    beboere: [{ name: 'Beboere', values: rows.map((r) => r.beboere), suppressed: sup('beboere'), kind: 'int' }] as Series[],
    rates: [
      { name: 'Fraflytning', values: rows.map((r) => r.fraflytning_pct), suppressed: sup('fraflytning_pct'), kind: 'pct' },
      { name: 'Uden for arbejde eller uddannelse (18-64 år)', values: rows.map((r) => r.uden_for_arbejde_pct), suppressed: sup('uden_for_arbejde_pct'), kind: 'pct' },
    ] as Series[],
  };
}

export function OverviewPage() {
  const { kommune } = useKommune();
  const allowed = useCan()('register');
  // While another municipality is read, its title does not stand over the previous one's figures.
  const { current: o, error, reload } = useApi<Overview>(kommune && allowed ? 'overview' : null, { kommunekode: kommune?.kode });
  if (!allowed) {
    return (
      <Page title="Almen" crumbs={[{ text: 'Oversigt' }]}>
        <Alert variant="info" heading="Oversigten er for kommunens medarbejdere" quiet>
          <p className="alert-text">
            Din rolle giver adgang til din boligorganisations oplysninger. <Link to="/boligorganisationer">Gå til boligorganisationer</Link>.
          </p>
        </Alert>
      </Page>
    );
  }
  const title = kommune ? `Almene boliger i ${kommune.navn}` : 'Oversigt';
  const empty = o && !o.boliger.i_alt && !o.antal_afdelinger;
  return (
    <Page
      title={title}
      crumbs={[{ text: 'Oversigt' }]}
    >
      {error ? (
        <ErrorAlert error={error} onRetry={reload} what="Oversigten" />
      ) : !o ? (
        <Loading text="Henter oversigten …" />
      ) : empty ? (
        <Alert variant="info" heading={`Ingen data for ${o.kommune.navn} endnu`} quiet>
          <p className="alert-text">
            Der er ikke importeret boligorganisationer eller afdelinger for kommunen. <Link to="/import">Importér data</Link>.
          </p>
        </Alert>
      ) : (
        <Content o={o} />
      )}
    </Page>
  );
}

function Content({ o }: { o: Overview }) {
  const t = byType(o);
  const d = development(o);
  return (
    <>
      <Section id="noegletal" title={o.aar ? `Kort fortalt – seneste år med data: ${o.aar}` : 'Kort fortalt'}>
        <KeyFigures o={o} />
      </Section>
      <ChartFigure id="boliger-efter-type" title="Almene boliger efter type" type="bar" categoryHeader="Boligtype" categories={t.categories} series={t.series} />
      {d.years.length > 0 && (
        <>
          <ChartFigure id="beboere-udvikling" title="Beboere i almene boliger pr. år" type="line" categoryHeader="År" categories={d.years} series={d.beboere} />
          <ChartFigure id="fraflytning-udvikling" title="Fraflytning og beskæftigelse pr. år" type="line" categoryHeader="År" categories={d.years} series={d.rates} />
        </>
      )}
      <Section id="kilder" title="Kilder og opgørelse">
        <p>
          Antal boliger og husleje stammer fra registret over afdelinger; beboere og fraflytning fra nøgletal pr. afdeling. Andelen
          af boligmassen er almene boliger i forhold til alle boliger i kommunen. Små tal er diskretioneret.
        </p>
        <Provenance items={o.provenance} />
      </Section>
    </>
  );
}
