// Områdelister (issue 4): the municipality's own computation of the § 61 a / § 61 b lists, with its provenance,
// the counts, the early warning for the next list, the areas by list year, the differences from the ministry's
// published lists, missing figures, the national convicted averages, uploads and exports.
import { useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { errorFromBody, fieldErrors, postForm, putJson, useApi, type ApiError } from '../api.ts';
import { useCan } from '../auth.tsx';
import { ChartFigure, type Series } from '../components/ChartFigure.tsx';
import { DataTable, type Column } from '../components/DataTable.tsx';
import { ExportButtons } from '../components/ExportButtons.tsx';
import { TextField } from '../components/Form.tsx';
import { Icon } from '../components/Icon.tsx';
import { ImportErrors } from '../components/ImportErrors.tsx';
import { BeregningFacts, ComputeButton, KategoriLegend, KategoriMarks, useCompute } from '../components/Kategorier.tsx';
import { Page, Section } from '../components/Page.tsx';
import { Alert, ErrorAlert, Loading } from '../components/Status.tsx';
import { fmtBytes, fmtDate, fmtDateTime, fmtInt, fmtNumber, listText } from '../format.ts';
import { useKommune } from '../kommune.tsx';
import {
  isRisk,
  kategoriFarve,
  kategoriListe,
  kategoriNavn,
  kategorier,
  sameKategorier,
  statusBadge,
  statusTekst,
  type AarStatus,
  type Afvigelse,
  type Landsgennemsnit,
  type ListeOversigt,
  type Mangel,
  type VarselStatus,
} from '../lister.ts';
import { Link } from '../router.tsx';
import type { ApiErrorBody, ImportRowError } from '../types.ts';

const home = { text: 'Oversigt', to: '/' };
export const LISTER_PATH = '/omraadelister';
export const omraadePath = (kode: string) => `${LISTER_PATH}/omraader/${encodeURIComponent(kode)}`;

export function OmraadelisterPage() {
  const { kommune } = useKommune();
  const can = useCan();
  const { current: o, error, reload } = useApi<ListeOversigt>(kommune ? 'lister/oversigt' : null, { kommunekode: kommune?.kode });
  const compute = useCompute(kommune?.kode, reload);
  const mayWrite = !!kommune && can('computeLists', kommune.kode);
  return (
    <Page title="Områdelister" crumbs={[home, { text: 'Områdelister' }]} lead={kommune ? `Udsatte boligområder, parallelsamfund, omdannelses- og forebyggelsesområder i ${kommune.navn}.` : undefined}>
      <Intro />
      {error ? (
        <ErrorAlert error={error} onRetry={reload} what="Områdelisterne" />
      ) : !o ? (
        <Loading text="Henter områdelisterne …" />
      ) : !o.beregning ? (
        <>
          <Alert variant="info" heading={`Der er ikke beregnet lister for ${o.kommune.navn} endnu`} quiet>
            <p className="alert-text">
              Listerne beregnes ud fra boligområdernes nøgletal i registret (beboere, beskæftigelse, dømte, uddannelse, indkomst og
              herkomst) eller ud fra en indikatorfil.{' '}
              {mayWrite ? 'Beregn dem nedenfor.' : 'Bed kommunens boligkontor eller en administrator om at beregne dem.'}
            </p>
          </Alert>
          {mayWrite && (
            <Section id="beregning" title="Beregning">
              <ComputeButton compute={compute} primary />
            </Section>
          )}
          {mayWrite && <IndicatorUpload kommunekode={o.kommune.kode} onDone={reload} />}
        </>
      ) : (
        <Content o={o} mayWrite={mayWrite} compute={compute} reload={reload} />
      )}
    </Page>
  );
}

function Intro() {
  return (
    <div className="lister-intro">
      <p>
        Hvert år pr. 1. december offentliggør Social- og Boligministeriet listerne efter almenboliglovens § 61 a (udsatte
        boligområder, parallelsamfund og omdannelsesområder) og § 61 b (forebyggelsesområder). Almen beregner kommunens egne lister
        efter de samme regler, så I kan se dem tidligt, forstå hvert resultat og følge, hvilke områder der nærmer sig en grænse.
      </p>
      <p>
        <strong>Det er ministeriets offentliggjorte liste, der er gældende.</strong> Kommunens beregning er et arbejdsredskab; hvor
        den afviger fra den offentliggjorte liste, står årsagen nedenfor, når den kendes.
      </p>
    </div>
  );
}

function Content({
  o,
  mayWrite,
  compute,
  reload,
}: {
  o: ListeOversigt;
  mayWrite: boolean;
  compute: ReturnType<typeof useCompute>;
  reload: () => void;
}) {
  const can = useCan();
  return (
    <>
      <Section id="beregning" title="Beregningen">
        <BeregningFacts b={o.beregning!} listeaar={o.listeaar} />
        {mayWrite && <ComputeButton compute={compute} />}
      </Section>
      <Warning o={o} />
      <Counts o={o} />
      <Areas o={o} />
      <Differences o={o} mayWrite={mayWrite} onUploaded={reload} />
      <Missing mangler={o.mangler} />
      <NationalAverages rows={o.landsgennemsnit} mayEdit={can('nationalAverages')} onSaved={reload} />
      {mayWrite && <IndicatorUpload kommunekode={o.kommune.kode} onDone={reload} />}
    </>
  );
}

/* ---------- Early warning ---------- */

interface WarningRow {
  id: string;
  kode: string;
  navn: string;
  kategori: string;
  orden: number;
  status: VarselStatus;
  begrundelse: string;
  risiko: boolean;
  omraadeRisiko: boolean;
}

function Warning({ o }: { o: ListeOversigt }) {
  const next = o.naeste_listeaar;
  const rows: WarningRow[] = [];
  for (const a of o.omraader) {
    for (const s of a.varsel?.status ?? []) {
      if (s.status === 'forbliver_udenfor') continue;
      rows.push({ id: `${a.kode}|${s.kategori}`, kode: a.kode, navn: a.navn, kategori: kategoriNavn[s.kategori] ?? s.kategori, orden: kategorier.indexOf(s.kategori), status: s.status, begrundelse: s.begrundelse, risiko: isRisk(s.status), omraadeRisiko: !!a.varsel?.risiko });
    }
  }
  const collator = new Intl.Collator('da');
  rows.sort((a, b) => Number(b.omraadeRisiko) - Number(a.omraadeRisiko) || collator.compare(a.navn, b.navn) || Number(b.risiko) - Number(a.risiko) || a.orden - b.orden);
  const atRisk = o.omraader.filter((a) => a.varsel?.risiko);
  const quiet = o.omraader.filter((a) => a.varsel && !a.varsel.risiko && a.varsel.status.every((s) => s.status === 'forbliver_udenfor'));
  const none = o.omraader.filter((a) => !a.varsel);
  const columns: Column<WarningRow>[] = [
    { key: 'navn', header: 'Område', rowHeader: true, render: (r) => <Link to={omraadePath(r.kode)}>{r.navn}</Link> },
    { key: 'kategori', header: 'Kategori' },
    { key: 'status', header: 'Status', render: (r) => <span className={`badge nowrap ${statusBadge[r.status] ?? ''}`}>{statusTekst[r.status] ?? r.status}</span> },
    { key: 'begrundelse', header: 'Begrundelse', render: (r) => <span className="small-text">{r.begrundelse}</span> },
  ];
  const title = next ? `Tidlig varsling for listen 1. december ${next}` : 'Tidlig varsling';
  return (
    <Section id="varsling" title={title}>
      <p>
        En fremskrivning af hvert områdes tal fra de seneste listeår viser, hvilke områder der kan komme på eller af listerne næste
        gang. Fremskrivningen er et skøn – ikke en del af loven – og et kriterium tæt på grænsen kan vippe begge veje.
      </p>
      {atRisk.length > 0 ? (
        <Alert variant="warning" heading={`${atRisk.length === 1 ? 'Ét område' : `${fmtInt(atRisk.length)} områder`} kan skifte kategori`} headingLevel={3} quiet>
          <p className="alert-text">{listText(atRisk.map((a) => a.navn))}.</p>
        </Alert>
      ) : (
        <p>Ingen områder ser efter fremskrivningen ud til at skifte kategori.</p>
      )}
      {rows.length > 0 && <DataTable caption={`Varsling pr. område og kategori, ${next ?? ''}`} compact columns={columns} rows={rows} rowKey={(r) => r.id} />}
      {quiet.length > 0 && <p className="mt-4">Forbliver uden for alle lister efter fremskrivningen: {listText(quiet.map((a) => a.navn))}.</p>}
      {none.length > 0 && <p>Ingen fremskrivning (for få tal): {listText(none.map((a) => a.navn))}.</p>}
    </Section>
  );
}

/* ---------- Counts ---------- */

function Counts({ o }: { o: ListeOversigt }) {
  const uid = useId();
  const [uden, setUden] = useState(false);
  const years = o.antal.map((a) => a.listeaar);
  const series: Series[] = useMemo(
    () => kategorier.map((k) => ({ name: kategoriNavn[k], kind: 'int' as const, color: kategoriFarve[k], values: o.antal.map((a) => (uden ? a.uden_etnisk : a.med)[k]) })),
    [o, uden],
  );
  // The table beside the chart: categories as rows, list years as columns (narrower than the other way round).
  type Row = { id: string; navn: string } & Record<string, unknown>;
  const tableRows: Row[] = kategorier.map((k) => ({ id: k, navn: kategoriNavn[k], ...Object.fromEntries(o.antal.map((a) => [`y${a.listeaar}`, (uden ? a.uden_etnisk : a.med)[k]])) }));
  const tableColumns: Column<Row>[] = [
    { key: 'navn', header: 'Kategori', rowHeader: true },
    ...years.map((y) => ({ key: `y${y}`, header: String(y), kind: 'int' as const })),
  ];
  const changed = o.omraader.flatMap((a) => a.aar.filter((y) => !sameKategorier(y.kategorier, y.kategorier_uden_etnisk)).map((y) => ({ a, y })));
  const title = uden ? 'Antal områder pr. kategori – uden det etniske kriterium (hvad-hvis)' : 'Antal områder pr. kategori og listeår';
  return (
    <ChartFigure
      id="antal"
      title={title}
      type="bar"
      categoryHeader="Listeår"
      categories={years}
      series={series}
      height={280}
      table={<DataTable caption={title} compact columns={tableColumns} rows={tableRows} rowKey={(r) => r.id} />}
      controls={
        <div className="chart-control">
          <button type="button" id={`${uid}-uden`} className="toggle-switch" role="switch" aria-checked={uden} aria-describedby={`${uid}-uden-hint`} onClick={() => setUden((v) => !v)}>
            <span>Uden det etniske kriterium (hvad-hvis, EU-Domstolen C-417/23)</span>
          </button>
          <p className="form-hint" id={`${uid}-uden-hint`}>
            Hvad-hvis-beregningen udelader kriteriet om indvandrere og efterkommere fra ikke-vestlige lande (§ 61 a, stk. 2, og § 61
            b). Den er et skøn over betydningen af EU-Domstolens dom i sag C-417/23, ikke gældende ret.
          </p>
        </div>
      }
      footer={
        <p className="mt-0">
          {changed.length === 0
            ? 'Uden det etniske kriterium ville ingen områder få andre kategorier i de beregnede listeår.'
            : (
                <>
                  Uden det etniske kriterium ville {changed.length === 1 ? 'ét område-år' : `${fmtInt(changed.length)} område-år`} få andre kategorier:{' '}
                  {changed.map(({ a, y }, i) => (
                    <span key={`${a.kode}|${y.listeaar}`}>
                      {i > 0 && '; '}
                      <Link to={omraadePath(a.kode)}>{a.navn}</Link> {y.listeaar}: {kategoriListe(y.kategorier).toLowerCase()} → {kategoriListe(y.kategorier_uden_etnisk).toLowerCase()}
                    </span>
                  ))}
                  .
                </>
              )}
        </p>
      }
    />
  );
}

/* ---------- Areas by list year ---------- */

type AreaRow = ListeOversigt['omraader'][number] & { id: string };

function YearCell({ y }: { y: AarStatus | undefined }) {
  if (!y) return <span className="value-missing">ikke beregnet</span>;
  const whatIf = !sameKategorier(y.kategorier, y.kategorier_uden_etnisk);
  return (
    <div className="kat-cell">
      <KategoriMarks kategorier={y.kategorier} />
      {y.offentliggjort !== null &&
        (y.afviger ? (
          <span className="kat-afviger">
            <Icon name="warning" /> Afviger. Offentliggjort: <KategoriMarks kategorier={y.offentliggjort} />
          </span>
        ) : (
          <span className="kat-note">
            <Icon name="check" /> Som offentliggjort
          </span>
        ))}
      {whatIf && (
        <span className="kat-note">
          Uden etnisk kriterium: <KategoriMarks kategorier={y.kategorier_uden_etnisk} />
        </span>
      )}
    </div>
  );
}

function Areas({ o }: { o: ListeOversigt }) {
  const uid = useId();
  const years = [...new Set([...o.listeaar, ...o.omraader.flatMap((a) => a.aar.map((y) => y.listeaar))])].sort((a, b) => a - b);
  const rows: AreaRow[] = o.omraader.map((a) => ({ ...a, id: a.kode }));
  const columns: Column<AreaRow>[] = [
    {
      key: 'navn',
      header: 'Område',
      rowHeader: true,
      render: (a) => (
        <>
          <Link to={omraadePath(a.kode)}>{a.navn}</Link>
          <span className="d-block small-text weight-normal">{a.kode}</span>
        </>
      ),
    },
    ...years.map((y) => ({ key: `y${y}`, header: String(y), render: (a: AreaRow) => <YearCell y={a.aar.find((x) => x.listeaar === y)} /> })),
  ];
  const [aar, setAar] = useState('');
  const [uden, setUden] = useState(false);
  return (
    <Section id="omraader" title="Områderne pr. listeår">
      <p>
        Kategorierne efter kommunens beregning pr. 1. december. Hvor ministeriets offentliggjorte liste er indlæst, står det, om den
        afviger.
      </p>
      <KategoriLegend />
      {rows.length ? (
        <DataTable caption="Kategorier pr. område og listeår" captionHidden columns={columns} rows={rows} rowKey={(r) => r.id} />
      ) : (
        <p>Beregningen har ingen områder.</p>
      )}
      <h3 id={`${uid}-eksport`}>Eksportér listerne</h3>
      <p>Ét område og listeår pr. række med kriteriernes værdier.</p>
      <div className="lister-export" role="group" aria-labelledby={`${uid}-eksport`}>
        <div className="form-group mt-0">
          <label className="form-label" htmlFor={`${uid}-aar`}>
            Listeår
          </label>
          <select id={`${uid}-aar`} className="form-select" value={aar} onChange={(e) => setAar(e.target.value)}>
            <option value="">Alle listeår</option>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group mt-0">
          <div className="form-group-checkbox">
            <input id={`${uid}-uden`} type="checkbox" className="form-checkbox" checked={uden} onChange={(e) => setUden(e.target.checked)} />
            <label className="form-label" htmlFor={`${uid}-uden`}>
              Uden det etniske kriterium (hvad-hvis)
            </label>
          </div>
        </div>
        <ExportButtons endpoint="lister/resultater" params={{ kommunekode: o.kommune.kode, listeaar: aar, uden_etnisk: uden ? '1' : null }} what="områdelisterne" />
      </div>
    </Section>
  );
}

/* ---------- Differences from the published lists ---------- */

function Differences({ o, mayWrite, onUploaded }: { o: ListeOversigt; mayWrite: boolean; onUploaded: () => void }) {
  type Row = Afvigelse & { id: string };
  const rows: Row[] = o.afvigelser.map((a) => ({ ...a, id: `${a.listeaar}|${a.omraade_kode}` }));
  const columns: Column<Row>[] = [
    { key: 'listeaar', header: 'Listeår', kind: 'year' },
    { key: 'omraade_navn', header: 'Område', rowHeader: true, render: (a) => <Link to={omraadePath(a.omraade_kode)}>{a.omraade_navn}</Link> },
    { key: 'beregnet', header: 'Beregnet', render: (a) => (a.beregnet === null ? <span className="value-missing">ikke beregnet</span> : <KategoriMarks kategorier={a.beregnet} />) },
    { key: 'offentliggjort', header: 'Offentliggjort', render: (a) => <KategoriMarks kategorier={a.offentliggjort} /> },
    {
      key: 'aarsag',
      header: 'Årsag',
      render: (a) => (
        <>
          {!a.aarsag_kendt && <span className="badge badge-warning mr-2">Årsag ukendt</span>}
          <span className="small-text">{a.aarsag}</span>
        </>
      ),
    },
  ];
  const years = o.offentliggjort_aar;
  return (
    <Section id="afvigelser" title="Afvigelser fra de offentliggjorte lister">
      {years.length === 0 ? (
        <p>
          Der er ikke indlæst en offentliggjort liste fra ministeriet endnu, så beregningen kan ikke sammenlignes med den.
          {mayWrite ? ' Indlæs listen nedenfor.' : ''}
        </p>
      ) : (
        <>
          <p>
            Indlæste offentliggjorte lister:{' '}
            {years.map((y, i) => (
              <span key={y.listeaar}>
                {i > 0 && '; '}
                {y.listeaar} ({y.kilde}, indlæst {fmtDateTime(y.indlaest_at)})
              </span>
            ))}
            .
          </p>
          {rows.length === 0 ? (
            <p>Kommunens beregning svarer til de offentliggjorte lister for alle indlæste listeår.</p>
          ) : (
            <>
              <KategoriLegend />
              <DataTable caption={`${rows.length === 1 ? 'Én afvigelse' : `${fmtInt(rows.length)} afvigelser`}, nyeste listeår først`} compact columns={columns} rows={rows} rowKey={(r) => r.id} />
              <div className="list-toolbar">
                <span />
                <ExportButtons endpoint="lister/afvigelser" params={{ kommunekode: o.kommune.kode }} what="afvigelserne" />
              </div>
            </>
          )}
        </>
      )}
      {mayWrite && (
        <ListUpload
          title="Indlæs ministeriets offentliggjorte liste"
          endpoint="lister/offentliggjort"
          hint={
            <>
              CSV med kolonnerne <code>listeaar</code>, <code>omraade_kode</code>, <code>omraade_navn</code>, <code>kommunekode</code> og{' '}
              <code>kategori</code> – én række pr. område, listeår og kategori. Listeårene i filen erstatter de tidligere indlæste for
              dine kommuner.
            </>
          }
          withKilde
          submitText="Indlæs listen"
          onDone={onUploaded}
        />
      )}
    </Section>
  );
}

/* ---------- Missing figures ---------- */

function Missing({ mangler }: { mangler: Mangel[] }) {
  type Row = Mangel & { id: string };
  const rows: Row[] = mangler.map((m) => ({ ...m, id: `${m.omraade_kode}|${m.listeaar}` }));
  const columns: Column<Row>[] = [
    { key: 'omraade_navn', header: 'Område', rowHeader: true, render: (m) => <Link to={omraadePath(m.omraade_kode)}>{m.omraade_navn}</Link> },
    { key: 'listeaar', header: 'Listeår', kind: 'year' },
    { key: 'felter', header: 'Mangler', value: (m) => m.felter.join(', ') },
  ];
  return (
    <Section id="mangler" title="Manglende tal">
      {rows.length === 0 ? (
        <p>Alle områder har de tal, beregningen skal bruge, for de beregnede listeår.</p>
      ) : (
        <>
          <p>For disse områder og listeår mangler der tal, så de er ikke beregnet. Importér nøgletallene, og beregn igen.</p>
          <DataTable caption="Områder og listeår uden tal nok" captionHidden compact columns={columns} rows={rows} rowKey={(r) => r.id} />
        </>
      )}
    </Section>
  );
}

/* ---------- National convicted averages ---------- */

function NationalAverages({ rows, mayEdit, onSaved }: { rows: Landsgennemsnit[]; mayEdit: boolean; onSaved: () => void }) {
  type Row = Landsgennemsnit & { id: number };
  const [editing, setEditing] = useState<{ aar: string; pct: string; kilde: string } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const formRef = useRef<HTMLDivElement>(null);
  const edit = (r?: Landsgennemsnit) => {
    setSaved(null);
    setEditing(r ? { aar: String(r.aar), pct: fmtNumber(r.doemte_pct, 4), kilde: r.kilde } : { aar: '', pct: '', kilde: '' });
    setTimeout(() => formRef.current?.querySelector('input')?.focus(), 0);
  };
  const columns: Column<Row>[] = [
    { key: 'aar', header: 'Dataår', kind: 'year', rowHeader: true },
    { key: 'doemte_pct', header: 'Andel dømte', value: (r) => `${fmtNumber(r.doemte_pct, 4)}\u00a0%`, kind: 'text' },
    { key: 'kilde', header: 'Kilde' },
    { key: 'opdateret_at', header: 'Opdateret', value: (r) => `${fmtDate(r.opdateret_at)} af ${r.opdateret_af}` },
    ...(mayEdit
      ? [
          {
            key: 'ret',
            header: 'Ret',
            render: (r: Row) => (
              <button type="button" className="button button-unstyled function-link" onClick={() => edit(r)}>
                <Icon name="edit" />
                Ret<span className="sr-only"> {r.aar}</span>
              </button>
            ),
          },
        ]
      : []),
  ];
  return (
    <Section id="landsgennemsnit" title="Landsgennemsnit for dømte">
      <p>
        Grænsen for kriteriet om dømte (§ 61 a, stk. 1, nr. 2, og § 61 b, nr. 2) er et multiplum af landsgennemsnittet. Tallet opgøres
        af Social- og Boligministeriet og indtastes her med kilde.
      </p>
      {rows.length ? (
        <DataTable caption="Landsgennemsnit for andelen dømte pr. dataår" captionHidden compact columns={columns} rows={rows.map((r) => ({ ...r, id: r.aar }))} rowKey={(r) => r.id} />
      ) : (
        <p>Der er ikke indtastet landsgennemsnit endnu; uden dem kan kriteriet om dømte ikke vurderes.</p>
      )}
      {saved && (
        <Alert variant="success" headingLevel={3} heading="Landsgennemsnittet er gemt">
          <p className="alert-text">{saved}</p>
        </Alert>
      )}
      {mayEdit && !editing && (
        <button type="button" className="button button-secondary mt-4" onClick={() => edit()}>
          Tilføj et år
        </button>
      )}
      {mayEdit && editing && (
        <div ref={formRef}>
          <AverageForm
            initial={editing}
            onCancel={() => setEditing(null)}
            onSaved={(aar) => {
              setEditing(null);
              setSaved(`Landsgennemsnittet for ${aar} er gemt. Beregn listerne igen for at bruge det.`);
              onSaved();
            }}
          />
        </div>
      )}
    </Section>
  );
}

function AverageForm({ initial, onCancel, onSaved }: { initial: { aar: string; pct: string; kilde: string }; onCancel: () => void; onSaved: (aar: string) => void }) {
  const uid = useId();
  const [v, setV] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    const aar = v.aar.trim();
    const pct = Number(v.pct.trim().replace(/\./g, '').replace(',', '.'));
    if (!/^\d{4}$/.test(aar)) errs.aar = 'Skriv dataåret med fire cifre, fx 2024.';
    if (!v.pct.trim() || !Number.isFinite(pct)) errs.doemte_pct = 'Skriv andelen som et tal, fx 0,72.';
    if (!v.kilde.trim()) errs.kilde = 'Angiv kilden.';
    setErrors(errs);
    setMessage(null);
    if (Object.keys(errs).length) return;
    setBusy(true);
    try {
      await putJson(`lister/landsgennemsnit/${aar}`, { doemte_pct: pct, kilde: v.kilde.trim() });
      onSaved(aar);
    } catch (err) {
      const f = fieldErrors(err as ApiError);
      setErrors({ ...(f.doemte_pct ? { doemte_pct: f.doemte_pct } : {}), ...(f.kilde ? { kilde: f.kilde } : {}), ...(f['params.aar'] || f.aar ? { aar: f['params.aar'] ?? f.aar } : {}) });
      setMessage((err as ApiError).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="narrow-form mt-4" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${uid}-title`}>
      <h3 id={`${uid}-title`}>{initial.aar ? `Ret landsgennemsnittet for ${initial.aar}` : 'Tilføj et landsgennemsnit'}</h3>
      {message && (
        <Alert variant="error" headingLevel={3} heading="Landsgennemsnittet er ikke gemt">
          <p className="alert-text">{message}</p>
        </Alert>
      )}
      <TextField id={`${uid}-aar`} label="Dataår" value={v.aar} onChange={(x) => setV({ ...v, aar: x })} error={errors.aar} inputMode="numeric" inputClassName="input-width-xs" readOnly={!!initial.aar} />
      <TextField id={`${uid}-pct`} label="Andel dømte i procent" hint="Med decimalkomma, fx 0,725." value={v.pct} onChange={(x) => setV({ ...v, pct: x })} error={errors.doemte_pct} inputMode="decimal" inputClassName="input-width-s" />
      <TextField id={`${uid}-kilde`} label="Kilde" hint="Fx »Social- og Boligministeriet, brev af 1. december 2024«." value={v.kilde} onChange={(x) => setV({ ...v, kilde: x })} error={errors.kilde} />
      <div className="button-row mt-5">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Gemmer …' : 'Gem'}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel} disabled={busy}>
          Annuller
        </button>
      </div>
    </form>
  );
}

/* ---------- Uploads ---------- */

type UploadPhase =
  | { s: 'idle' }
  | { s: 'busy' }
  | { s: 'done'; besked: string }
  | { s: 'rejected'; message: string; errors: ImportRowError[]; total: number; fileName: string }
  | { s: 'failed'; message: string };

/** A file (and a source) sent as multipart; a rejected file shows the import page's row report. */
function ListUpload({
  title,
  endpoint,
  hint,
  withKilde,
  kommunekode,
  submitText,
  onDone,
}: {
  title: string;
  endpoint: string;
  hint: ReactNode;
  withKilde?: boolean;
  kommunekode?: string;
  submitText: string;
  onDone: () => void;
}) {
  const uid = useId();
  const [file, setFile] = useState<File | null>(null);
  const [kilde, setKilde] = useState('');
  const [invalid, setInvalid] = useState<{ file?: string; kilde?: string }>({});
  const [phase, setPhase] = useState<UploadPhase>({ s: 'idle' });
  const fileInput = useRef<HTMLInputElement>(null);
  const kildeInput = useRef<HTMLInputElement>(null);
  const result = useRef<HTMLDivElement>(null);
  const busy = phase.s === 'busy';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems: typeof invalid = {};
    if (!file) problems.file = 'Vælg en fil.';
    if (withKilde && !kilde.trim()) problems.kilde = 'Angiv kilden, fx »Social- og Boligministeriet, lister pr. 1. december 2024«.';
    setInvalid(problems);
    if (problems.file || !file) return fileInput.current?.focus();
    if (problems.kilde) return kildeInput.current?.focus();
    const form = new FormData();
    if (kommunekode) form.append('kommunekode', kommunekode);
    if (withKilde) form.append('kilde', kilde.trim());
    form.append('file', file, file.name);
    setPhase({ s: 'busy' });
    try {
      const { status, body } = await postForm(endpoint, form, () => {}).promise;
      if (status >= 200 && status < 300) {
        setPhase({ s: 'done', besked: (body as { besked: string }).besked });
        onDone();
      } else {
        const err = (body as ApiErrorBody | undefined)?.error;
        if (status === 422 && err?.errors) {
          const errors = err.errors.map((x) => ({ ...x, line: x.line && x.line > 0 ? x.line : null }));
          setPhase({ s: 'rejected', message: err.message, errors, total: err.error_count ?? errors.length, fileName: file.name });
        } else {
          const f = err?.fields?.map((x) => x.message) ?? [];
          setPhase({ s: 'failed', message: [errorFromBody(status, body).message, ...f.filter((m) => m !== err?.message)].join(' ') });
        }
      }
    } catch (err) {
      setPhase({ s: 'failed', message: (err as Error).message });
    }
    setTimeout(() => result.current?.focus(), 0);
  };

  return (
    <section className="list-upload" aria-labelledby={`${uid}-title`}>
      <h3 id={`${uid}-title`}>{title}</h3>
      <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${uid}-title`} className="import-form">
        <div className={`form-group${invalid.file ? ' form-error' : ''}`}>
          <label className="form-label" htmlFor={`${uid}-file`}>
            Fil (CSV)
          </label>
          <span className="form-hint" id={`${uid}-file-hint`}>
            {hint}
          </span>
          {invalid.file && (
            <span className="form-error-message" id={`${uid}-file-error`}>
              <span className="sr-only">Fejl: </span>
              {invalid.file}
            </span>
          )}
          <input
            ref={fileInput}
            id={`${uid}-file`}
            className="form-file"
            type="file"
            accept=".csv,.txt,text/csv"
            aria-invalid={invalid.file ? true : undefined}
            aria-describedby={[`${uid}-file-hint`, invalid.file && `${uid}-file-error`].filter(Boolean).join(' ')}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setInvalid((i) => ({ ...i, file: undefined }));
            }}
          />
          {file && (
            <p className="form-hint mt-2">
              Valgt: {file.name} ({fmtBytes(file.size)})
            </p>
          )}
        </div>
        {withKilde && (
          <div className={`form-group${invalid.kilde ? ' form-error' : ''}`}>
            <label className="form-label" htmlFor={`${uid}-kilde`}>
              Kilde
            </label>
            <span className="form-hint" id={`${uid}-kilde-hint`}>
              Hvor listen er fra; vises ved sammenligningen.
            </span>
            {invalid.kilde && (
              <span className="form-error-message" id={`${uid}-kilde-error`}>
                <span className="sr-only">Fejl: </span>
                {invalid.kilde}
              </span>
            )}
            <input
              ref={kildeInput}
              id={`${uid}-kilde`}
              className="form-input"
              type="text"
              value={kilde}
              aria-invalid={invalid.kilde ? true : undefined}
              aria-describedby={[`${uid}-kilde-hint`, invalid.kilde && `${uid}-kilde-error`].filter(Boolean).join(' ')}
              onChange={(e) => setKilde(e.target.value)}
            />
          </div>
        )}
        <div className="button-row mt-5">
          <button type="submit" className="button button-primary" disabled={busy}>
            <Icon name="upload" />
            {busy ? 'Sender …' : submitText}
          </button>
        </div>
      </form>
      <div role="status">{busy && <p className="mt-4">Filen kontrolleres …</p>}</div>
      <div ref={result} tabIndex={-1} className="import-result">
        {phase.s === 'done' && (
          <Alert variant="success" heading="Filen er indlæst" headingLevel={3} className="mt-5">
            <p className="alert-text">{phase.besked}</p>
          </Alert>
        )}
        {phase.s === 'failed' && (
          <Alert variant="error" heading="Filen kunne ikke indlæses" headingLevel={3} className="mt-5">
            <p className="alert-text">{phase.message}</p>
          </Alert>
        )}
        {phase.s === 'rejected' && (
          <div className="mt-5">
            <Alert variant="error" heading="Filen blev afvist – intet er gemt" headingLevel={3}>
              <p className="alert-text">{phase.message} Ret fejlene i filen, og prøv igen.</p>
            </Alert>
            <ImportErrors errors={phase.errors} total={phase.total} fileName={phase.fileName} headingLevel={3} />
          </div>
        )}
      </div>
    </section>
  );
}

function IndicatorUpload({ kommunekode, onDone }: { kommunekode: string; onDone: () => void }) {
  return (
    <Section id="indikatorfil" title="Beregn fra en indikatorfil">
      <p>
        Har I områdernes indikatorer fra en anden kilde (fx ministeriets datagrundlag), kan listerne beregnes ud fra en fil i stedet for
        registrets nøgletal. Beregningen gemmes som en ny beregning ved siden af de tidligere.
      </p>
      <ListUpload
        title="Indikatorfil"
        endpoint="lister/indikatorfil"
        kommunekode={kommunekode}
        hint={
          <>
            CSV med én række pr. område og listeår og kolonnerne <code>listeaar</code>, <code>omraade_kode</code>, <code>omraade_navn</code>,{' '}
            <code>kommunekode</code>, <code>beboere</code>, <code>ikkevestlige_pct</code>, <code>udenfor_pct_aar1</code>,{' '}
            <code>udenfor_pct_aar2</code>, <code>doemte_pct_aar1</code>, <code>doemte_pct_aar2</code>, <code>doemte_landsgns_pct_aar1</code>,{' '}
            <code>doemte_landsgns_pct_aar2</code>, <code>grundskole_pct</code> og <code>indkomst_pct_af_region</code>. Rækker for andre
            kommuner springes over.
          </>
        }
        submitText="Beregn fra filen"
        onDone={onDone}
      />
    </Section>
  );
}
