// One area on the lists: a timeline of its categories (computed and published), the early warning for the
// next list criterion by criterion, and the explanation of every list year with its criteria, the legal
// parameters used and the what-if without the ethnic criterion; the explanation as PDF or Excel.
import { useId, type ReactNode } from 'react';
import { apiUrl, useApi } from '../api.ts';
import { DataTable, type Column } from '../components/DataTable.tsx';
import { Icon } from '../components/Icon.tsx';
import { BeregningFacts, KategoriMarks } from '../components/Kategorier.tsx';
import { Page, Section } from '../components/Page.tsx';
import { Alert, ErrorAlert, Loading } from '../components/Status.tsx';
import { fmtDate, fmtInt } from '../format.ts';
import { useKommune } from '../kommune.tsx';
import {
  fmtKriterie,
  fmtMargin,
  gruppeNavn,
  kategoriListe,
  kategoriNavn,
  kategorier,
  kravTekst,
  sameKategorier,
  statusBadge,
  statusTekst,
  verifikationTekst,
  type AarStatus,
  type Kategori,
  type Klassifikation,
  type Kriterium,
  type OmraadeListe,
  type OmraadeVarsel,
} from '../lister.ts';
import { Link, useQueryState } from '../router.tsx';
import { LISTER_PATH } from './Omraadelister.tsx';

const home = { text: 'Oversigt', to: '/' };
const lister = { text: 'Områdelister', to: LISTER_PATH };

export function OmraadeListePage({ kode }: { kode: string }) {
  const { kommune } = useKommune();
  const { data, error, reload } = useApi<OmraadeListe>(kommune ? `lister/omraader/${encodeURIComponent(kode)}` : null, { kommunekode: kommune?.kode });
  const d = data && data.omraade.kommunekode === kommune?.kode ? data : undefined;
  const title = d ? d.omraade.navn : error?.status === 404 ? 'Området findes ikke på listerne' : 'Område';
  return (
    <Page title={title} crumbs={[home, lister, { text: title }]} lead={d ? `Områdekode ${d.omraade.kode}. Kategorier pr. 1. december efter almenboliglovens § 61 a og § 61 b.` : undefined}>
      {error?.status === 404 ? (
        <Alert variant="warning" heading="Området findes ikke på listerne" quiet>
          <p className="alert-text">
            Kommunens beregning og de indlæste offentliggjorte lister kender ikke området {kode}. <Link to={LISTER_PATH}>Gå til områdelisterne</Link>.
          </p>
        </Alert>
      ) : error ? (
        <ErrorAlert error={error} onRetry={reload} what="Området" />
      ) : !d ? (
        <Loading text="Henter området …" />
      ) : (
        <Content d={d} />
      )}
    </Page>
  );
}

function Content({ d }: { d: OmraadeListe }) {
  return (
    <>
      <Timeline d={d} />
      {d.varsel ? <Warning v={d.varsel} /> : null}
      <Explanations d={d} />
      {d.mangler.length > 0 && (
        <Section id="mangler" title="Manglende tal">
          <ul>
            {d.mangler.map((m) => (
              <li key={m.listeaar}>
                {m.listeaar}: mangler {m.felter.join(', ')}.
              </li>
            ))}
          </ul>
        </Section>
      )}
      <Section id="beregning" title="Beregningen">
        {d.beregning ? <BeregningFacts b={d.beregning} /> : <p>Der er ikke beregnet lister for kommunen endnu.</p>}
        <p>
          <Link to={LISTER_PATH}>Til alle kommunens områder</Link>
        </p>
      </Section>
    </>
  );
}

/* ---------- Timeline ---------- */

function Timeline({ d }: { d: OmraadeListe }) {
  const years = d.tidslinje;
  const v = d.varsel;
  const anyPublished = years.some((y) => y.offentliggjort !== null);
  type Row = AarStatus & { id: string; prognose?: boolean };
  const rows: Row[] = [
    ...years.map((y) => ({ ...y, id: String(y.listeaar) })),
    ...(v ? [{ id: `p${v.naesteListeaar}`, listeaar: v.naesteListeaar, kategorier: v.prognose, kategorier_uden_etnisk: [], offentliggjort: null, afviger: false, prognose: true }] : []),
  ];
  const columns: Column<Row>[] = [
    { key: 'listeaar', header: 'Listeår', rowHeader: true, value: (r) => (r.prognose ? `${r.listeaar} (prognose)` : String(r.listeaar)) },
    { key: 'kategorier', header: 'Beregnet', value: (r) => kategoriListe(r.kategorier) },
    { key: 'offentliggjort', header: 'Offentliggjort', render: (r) => (r.prognose ? '–' : r.offentliggjort === null ? <span className="value-missing">ikke indlæst</span> : kategoriListe(r.offentliggjort)) },
    { key: 'afviger', header: 'Afviger', value: (r) => (r.prognose || r.offentliggjort === null ? '–' : r.afviger ? 'Ja' : 'Nej') },
    { key: 'uden', header: 'Uden etnisk kriterium (hvad-hvis)', value: (r) => (r.prognose ? '–' : kategoriListe(r.kategorier_uden_etnisk)) },
  ];
  const summary = years.map((y) => `${y.listeaar}: ${kategoriListe(y.kategorier).toLowerCase()}`).join('; ');
  return (
    <Section id="tidslinje" title="Tidslinje">
      <p>
        Områdets kategorier pr. 1. december efter kommunens beregning
        {anyPublished ? ' og efter ministeriets offentliggjorte liste' : ''}
        {v ? `, og fremskrivningen til ${v.naesteListeaar}` : ''}.
        {!anyPublished && ' Der er ikke indlæst en offentliggjort liste for området.'}
      </p>
      {years.length === 0 ? (
        <p>Området har ingen beregnede listeår.</p>
      ) : (
        <>
          <div className="timeline" role="img" aria-label={`Tidslinje over områdets kategorier: ${summary}. Tallene står også i tabellen under.`}>
            <div className="timeline-grid" style={{ gridTemplateColumns: `minmax(14rem, max-content) repeat(${rows.length}, minmax(7rem, 1fr))` }}>
              <div className="timeline-corner" />
              {rows.map((r) => (
                <div key={r.id} className={`timeline-year${r.prognose ? ' timeline-year--prognose' : ''}`}>
                  {r.listeaar}
                  {r.prognose && <span className="d-block small-text weight-normal">prognose</span>}
                </div>
              ))}
              {kategorier.map((k) => (
                <TimelineRow key={k} k={k} rows={rows} />
              ))}
            </div>
            <ul className="timeline-legend nobullet-list">
              <li>
                <span className="timeline-swatch timeline-swatch--on" /> Beregnet: på listen
              </li>
              {anyPublished && (
                <li>
                  <span className="timeline-swatch timeline-swatch--pub" /> Offentliggjort: på listen
                </li>
              )}
              {anyPublished && (
                <li>
                  <span className="timeline-swatch timeline-swatch--diff" /> Beregning og offentliggjort liste afviger
                </li>
              )}
              {v && (
                <li>
                  <span className="timeline-swatch timeline-swatch--prognose" /> Prognose
                </li>
              )}
            </ul>
          </div>
          <DataTable caption="Kategorier pr. listeår" compact columns={columns} rows={rows} rowKey={(r) => r.id} />
        </>
      )}
    </Section>
  );
}

function TimelineRow({ k, rows }: { k: Kategori; rows: (AarStatus & { id: string; prognose?: boolean })[] }) {
  return (
    <>
      <div className="timeline-label">{kategoriNavn[k]}</div>
      {rows.map((r) => {
        const on = r.kategorier.includes(k);
        const pub = r.offentliggjort?.includes(k) ?? null;
        const diff = pub !== null && pub !== on;
        return (
          <div key={r.id} className={`timeline-cell${diff ? ' timeline-cell--diff' : ''}`}>
            <div className={`timeline-bar${on ? ` timeline-bar--on kat-bg-${k}` : ''}${r.prognose ? ' timeline-bar--prognose' : ''}`} />
            {pub !== null && <div className={`timeline-pub${pub ? ' timeline-pub--on' : ''}`} />}
          </div>
        );
      })}
    </>
  );
}

/* ---------- Early warning ---------- */

function Warning({ v }: { v: OmraadeVarsel }) {
  type CatRow = OmraadeVarsel['kategorier'][number] & { id: string };
  const catColumns: Column<CatRow>[] = [
    { key: 'kategori', header: 'Kategori', rowHeader: true, value: (r) => `${kategoriNavn[r.kategori]} (${r.paragraf})` },
    { key: 'nu', header: `På listen ${v.senesteListeaar}`, value: (r) => (r.nu ? 'Ja' : 'Nej') },
    { key: 'prognose', header: `Prognose ${v.naesteListeaar}`, value: (r) => (r.prognose ? 'Ja' : 'Nej') },
    { key: 'status', header: 'Status', render: (r) => <span className={`badge nowrap ${statusBadge[r.status] ?? ''}`}>{statusTekst[r.status] ?? r.status}</span> },
    { key: 'begrundelse', header: 'Begrundelse', render: (r) => <span className="small-text">{r.begrundelse}</span> },
  ];
  const groups = (['boligomraade', 'udsat', 'parallelsamfund', 'forebyggelsesomraade'] as const).map((g) => ({ g, rows: v.kriterier.filter((k) => k.gruppe === g) })).filter((x) => x.rows.length);
  return (
    <Section id="varsling" title={`Tidlig varsling for listen 1. december ${v.naesteListeaar}`}>
      <p>
        Nu ({v.senesteListeaar}): <KategoriMarks kategorier={v.nu} /> {kategoriListe(v.nu)}. Efter fremskrivningen ({v.naesteListeaar}):{' '}
        <KategoriMarks kategorier={v.prognose} /> {kategoriListe(v.prognose)}.
      </p>
      {v.risiko && (
        <Alert variant="warning" heading="Området kan skifte kategori" headingLevel={3} quiet>
          <p className="alert-text">
            {v.kategorier
              .filter((k) => k.status === 'risiko_ind' || k.status === 'risiko_ud')
              .map((k) => `${statusTekst[k.status]}: ${kategoriNavn[k.kategori].toLowerCase()}`)
              .join('. ')}
            .
          </p>
        </Alert>
      )}
      <DataTable caption={`Status pr. kategori for listen ${v.naesteListeaar}`} compact columns={catColumns} rows={v.kategorier.map((k) => ({ ...k, id: k.kategori }))} rowKey={(r) => r.id} />
      <h3>Kriterierne: nu, fremskrevet og hvad der skal til</h3>
      <p>
        Afstanden til grænsen er positiv, når kriteriet er opfyldt. »Hvad der skal til« er den ændring, der alene vil vende kriteriet på
        listen {v.naesteListeaar}, regnet fra fremskrivningen.
      </p>
      {groups.map(({ g, rows }) => (
        <div key={g} className="mt-5">
          <CriteriaForecast caption={gruppeNavn[g]} rows={rows} v={v} />
        </div>
      ))}
      <details className="details mt-5">
        <summary className="details-summary">Sådan er fremskrivningen lavet</summary>
        <div className="details-text">
          {v.forklaring.map((f, i) => (
            <p key={i}>{f}</p>
          ))}
          {!v.trend.beregnet && <p>Der var kun ét listeår at regne ud fra, så fremskrivningen antager uændrede tal.</p>}
        </div>
      </details>
    </Section>
  );
}

function CriteriaForecast({ caption, rows, v }: { caption: string; rows: OmraadeVarsel['kriterier']; v: OmraadeVarsel }) {
  type Row = OmraadeVarsel['kriterier'][number] & { key: string };
  const columns: Column<Row>[] = [
    {
      key: 'paragraf',
      header: 'Kriterium',
      rowHeader: true,
      render: (r) => (
        <>
          {r.paragraf}
          <span className="d-block small-text weight-normal">{r.beskrivelse}</span>
        </>
      ),
    },
    { key: 'nu', header: `Nu (${v.senesteListeaar})`, kind: 'number', render: (r) => (r.nu ? fmtKriterie(r.nu.vaerdi, r.id) : <span className="value-missing">ikke vurderet</span>) },
    { key: 'prognose', header: `Prognose (${v.naesteListeaar})`, kind: 'number', render: (r) => fmtKriterie(r.prognose.vaerdi, r.id) },
    { key: 'krav', header: 'Krav', render: (r) => <span className="nowrap">{kravTekst(r.operator, r.prognose.taerskel, r.id)}</span> },
    {
      key: 'margin',
      header: 'Afstand til grænsen',
      kind: 'number',
      render: (r) => (
        <>
          {fmtMargin(r.prognose.margin, r.id)}
          {r.naerGraense && <span className="badge badge-warning d-block mt-1 nowrap">Nær grænsen</span>}
        </>
      ),
    },
    { key: 'opfyldt', header: 'Opfyldt i prognosen', value: (r) => (r.prognose.opfyldt ? 'Ja' : 'Nej') },
    { key: 'aendring', header: 'Hvad der skal til', render: (r) => <span className="small-text">{r.aendring.tekst}</span> },
    {
      key: 'personer',
      header: 'Personer',
      kind: 'int',
      render: (r) => (r.aendring.personer == null ? <span className="value-missing" title={r.aendring.personerGrundlag}>kan ikke beregnes</span> : fmtInt(r.aendring.personer)),
    },
  ];
  return <DataTable caption={caption} compact columns={columns} rows={rows.map((r) => ({ ...r, key: `${r.gruppe}-${r.id}` }))} rowKey={(r) => r.key} />;
}

/* ---------- Explanation per list year ---------- */

const regelTekst: Record<Klassifikation['regel'], string> = {
  'abl-61a-2018': 'Almenboligloven § 61 a og § 61 b (regler fra 1. december 2018)',
  'ghettoliste-2013': 'Ghettolisten (kriterier for listerne 2013–2017)',
};

function criteriaOf(k: Klassifikation): Kriterium[] {
  const out: Kriterium[] = [k.beboere];
  if (k.ghettoomraade2013) out.push(...k.ghettoomraade2013.kriterier, ...(k.ghettoomraade2013.ikkevestlige ? [k.ghettoomraade2013.ikkevestlige] : []));
  if (k.udsat) out.push(...k.udsat.kriterier);
  if (k.parallelsamfund?.ikkevestlige) out.push(k.parallelsamfund.ikkevestlige);
  if (k.forebyggelse) out.push(...k.forebyggelse.kriterier, ...(k.forebyggelse.ikkevestlige ? [k.forebyggelse.ikkevestlige] : []));
  return out;
}

/** "§ 61 a, stk. 1, nr. 1: andel … opfyldt." with the paragraph in bold. */
function Sentence({ text }: { text: string }) {
  const m = /^(§[^:]+):\s*(.*)$/s.exec(text);
  if (!m) return <>{text}</>;
  return (
    <>
      <strong>{m[1]}</strong>: {m[2]}
    </>
  );
}

function Explanations({ d }: { d: OmraadeListe }) {
  const uid = useId();
  const [qs, setQs] = useQueryState();
  const years = d.resultater.map((r) => r.listeaar);
  const wanted = Number(qs.get('listeaar'));
  const k = d.resultater.find((r) => r.listeaar === wanted) ?? d.resultater[0];
  if (!k) {
    return (
      <Section id="begrundelse" title="Begrundelse">
        <p>Der er ingen beregnede resultater for området, så der er ingen begrundelse at vise.</p>
      </Section>
    );
  }
  const u = d.resultater_uden_etnisk.find((r) => r.listeaar === k.listeaar);
  const file = (format: 'pdf' | 'xlsx', listeaar?: number) =>
    apiUrl(`lister/omraader/${encodeURIComponent(d.omraade.kode)}/forklaring`, { kommunekode: d.omraade.kommunekode, listeaar, format });
  return (
    <Section id="begrundelse" title="Begrundelse pr. listeår">
      <div className="lister-export">
        <div className="form-group mt-0">
          <label className="form-label" htmlFor={`${uid}-aar`}>
            Listeår
          </label>
          <select
            id={`${uid}-aar`}
            className="form-select"
            value={k.listeaar}
            onChange={(e) => setQs({ listeaar: e.target.value === String(years[0]) ? null : e.target.value }, { replace: true })}
          >
            {years.map((y) => (
              <option key={y} value={y}>
                1. december {y}
              </option>
            ))}
          </select>
        </div>
        <div className="export-buttons">
          <a className="button button-secondary" href={file('pdf', k.listeaar)} download>
            <Icon name="file-pdf" />
            Hent begrundelsen for {k.listeaar} (PDF)
          </a>
          <a className="button button-secondary" href={file('xlsx', k.listeaar)} download>
            <Icon name="file-excel" />
            Hent begrundelsen for {k.listeaar} (Excel)
          </a>
        </div>
      </div>
      <p className="small-text">
        Alle listeår samlet:{' '}
        <a href={file('pdf')} download>
          PDF
        </a>{' '}
        ·{' '}
        <a href={file('xlsx')} download>
          Excel
        </a>
      </p>
      <ExplanationYear k={k} u={u} />
    </Section>
  );
}

function ExplanationYear({ k, u }: { k: Klassifikation; u: Klassifikation | undefined }) {
  type Row = Kriterium & { key: string };
  const rows: Row[] = criteriaOf(k).map((c, i) => ({ ...c, key: `${i}-${c.paragraf}-${c.id}` }));
  const columns: Column<Row>[] = [
    { key: 'paragraf', header: 'Bestemmelse', rowHeader: true },
    { key: 'beskrivelse', header: 'Kriterium' },
    { key: 'vaerdi', header: 'Værdi', kind: 'number', render: (c) => fmtKriterie(c.vaerdi, c.id) },
    { key: 'krav', header: 'Krav', render: (c) => <span className="nowrap">{kravTekst(c.operator, c.taerskel, c.id)}</span> },
    {
      key: 'taerskel',
      header: 'Grænse',
      kind: 'number',
      render: (c) => (
        <>
          {fmtKriterie(c.taerskel, c.id)}
          {c.taerskelGrundlag && <span className="d-block small-text">{c.taerskelGrundlag}</span>}
        </>
      ),
    },
    { key: 'margin', header: 'Afstand til grænsen', kind: 'number', render: (c) => fmtMargin(c.margin, c.id) },
    {
      key: 'opfyldt',
      header: 'Opfyldt',
      render: (c) => (
        <span className={c.opfyldt ? 'crit-met' : 'crit-unmet'}>
          <Icon name={c.opfyldt ? 'check' : 'close'} />
          {c.opfyldt ? 'Ja' : 'Nej'}
        </span>
      ),
    },
  ];
  type ParamRow = Klassifikation['parametre'][number] & { key: string };
  const paramColumns: Column<ParamRow>[] = [
    { key: 'navn', header: 'Parameter', rowHeader: true, render: (p) => <code>{p.navn}</code> },
    { key: 'vaerdi', header: 'Værdi', value: (p) => (typeof p.vaerdi === 'number' ? fmtKriterieParam(p.vaerdi) : typeof p.vaerdi === 'boolean' ? (p.vaerdi ? 'ja' : 'nej') : p.vaerdi) },
    { key: 'gyldigFra', header: 'Gælder fra', value: (p) => fmtDate(p.gyldigFra) },
    { key: 'paragraf', header: 'Bestemmelse' },
    {
      key: 'verificeret',
      header: 'Kontrol',
      render: (p) => (
        <span className={`badge ${p.verificeret === 'VERIFIED' ? 'badge-success' : 'badge-warning'}`}>{verifikationTekst[p.verificeret] ?? p.verificeret}</span>
      ),
    },
  ];
  const extra = u ? u.forklaring.filter((f) => !k.forklaring.includes(f)) : [];
  return (
    <article className="explanation" aria-labelledby="forklaring-aar">
      <h3 id="forklaring-aar">
        Listen 1. december {k.listeaar}: {kategoriListe(k.kategorier).toLowerCase()}
      </h3>
      <p>
        <KategoriMarks kategorier={k.kategorier} /> Regler: {regelTekst[k.regel] ?? k.regel}; listedato {fmtDate(k.listedato)}.
      </p>
      <h4>Begrundelse</h4>
      <ol className="forklaring">
        {k.forklaring.map((f, i) => (
          <li key={i}>
            <Sentence text={f} />
          </li>
        ))}
      </ol>
      <DataTable caption={`Kriterier for listen 1. december ${k.listeaar}`} compact columns={columns} rows={rows} rowKey={(r) => r.key} />
      <details className="details mt-5">
        <summary className="details-summary">Lovparametre brugt ({fmtInt(k.parametre.length)})</summary>
        <div className="details-text">
          <DataTable caption={`Lovparametre for listen ${k.listeaar}`} captionHidden compact columns={paramColumns} rows={k.parametre.map((p) => ({ ...p, key: `${p.navn}|${p.gyldigFra}` }))} rowKey={(r) => r.key} />
        </div>
      </details>
      <h4 className="mt-6">Uden det etniske kriterium (hvad-hvis)</h4>
      {!u ? (
        <p>Der er ingen hvad-hvis-beregning for dette listeår.</p>
      ) : (
        <WhatIf k={k} u={u} extra={extra} />
      )}
    </article>
  );
}

function WhatIf({ k, u, extra }: { k: Klassifikation; u: Klassifikation; extra: string[] }): ReactNode {
  const same = sameKategorier(k.kategorier, u.kategorier);
  return (
    <>
      <p>
        Hvis kriteriet om indvandrere og efterkommere fra ikke-vestlige lande udelades (EU-Domstolen, sag C-417/23):{' '}
        <KategoriMarks kategorier={u.kategorier} /> {kategoriListe(u.kategorier).toLowerCase()}.{' '}
        {same ? 'Det er de samme kategorier som efter de gældende regler.' : 'Det er andre kategorier end efter de gældende regler.'}
      </p>
      {extra.length > 0 && (
        <ul className="forklaring">
          {extra.map((f, i) => (
            <li key={i}>
              <Sentence text={f} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

const paramFmt = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 4 });
const fmtKriterieParam = (n: number) => paramFmt.format(n);
