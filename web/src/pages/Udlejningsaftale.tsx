// One udlejningsaftale (issue 5): its header and documents, and three tabs: the agreement (warnings and coverage,
// content, the trappemodel, the afdelinger of a year on their steps with their tools, manual placement with
// history, annexes), the quota ledger (Kvoteregnskab.tsx) and the forecast (UdlejningPrognose.tsx).
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { apiUrl, fieldErrors, postJson, putJson, useApi, type ApiError } from '../api.ts';
import { useCan } from '../auth.tsx';
import { DataTable, type Column } from '../components/DataTable.tsx';
import { FactList } from '../components/FactList.tsx';
import { SelectField, TextField } from '../components/Form.tsx';
import { Icon } from '../components/Icon.tsx';
import { KategoriLegend, KategoriMarks } from '../components/Kategorier.tsx';
import { Page, Section } from '../components/Page.tsx';
import { Alert, ErrorAlert, Loading } from '../components/Status.tsx';
import { useFlash } from '../flash.ts';
import { fmtDate, fmtDateTime, fmtInt, fmtPct, listText, plural } from '../format.ts';
import { useKommune } from '../kommune.tsx';
import { verifikationTekst } from '../lister.ts';
import { Link, useQueryState } from '../router.tsx';
import {
  aftalePath,
  betingelseTekst,
  fmtPctPlain,
  kategoriKildeTekst,
  periodeAar,
  periodeTekst,
  statusBadge,
  statusNavn,
  trinTekst,
  type Advarsel,
  type AftaleAfdeling,
  type AftaleDetalje,
  type AftaleVersion,
  type Placering,
  type Trappemodel,
} from '../udlejning.ts';
import { KvoteregnskabTab } from './Kvoteregnskab.tsx';
import { MaalSection } from './Maalsaetninger.tsx';
import { TrappemodelEditor } from './TrappemodelEditor.tsx';
import { PrognoseTab } from './UdlejningPrognose.tsx';
import { aftalerCrumb, TextArea } from './Udlejningsaftaler.tsx';
import './udlejning.css';

const home = { text: 'Oversigt', to: '/' };

export type AftaleTab = 'aftale' | 'kvoter' | 'prognose';
const tabs: { tab: AftaleTab; text: string; suffix: string }[] = [
  { tab: 'aftale', text: 'Aftalen', suffix: '' },
  { tab: 'kvoter', text: 'Kvoteregnskab', suffix: '/kvoteregnskab' },
  { tab: 'prognose', text: 'Prognose', suffix: '/prognose' },
];

export function UdlejningsaftalePage({ id, tab }: { id: string; tab: AftaleTab }) {
  const { kommune } = useKommune();
  const can = useCan();
  const flash = useFlash();
  const [qs] = useQueryState();
  const { data, error, reload } = useApi<AftaleDetalje>(kommune ? `udlejningsaftaler/${encodeURIComponent(id)}` : null, { aar: qs.get('aar') });
  const d = data && data.aftale.kommunekode === kommune?.kode ? data : undefined;
  const wrongKommune = !!data && !!kommune && data.aftale.kommunekode !== kommune.kode;
  const notFound = error?.status === 404 || wrongKommune;
  const current = tabs.find((t) => t.tab === tab)!;
  const title = d ? d.aftale.navn : notFound ? 'Aftalen findes ikke' : 'Udlejningsaftale';
  const crumbs = d && tab !== 'aftale' ? [home, aftalerCrumb, { text: d.aftale.navn, to: aftalePath(d.aftale.id) }, { text: current.text }] : [home, aftalerCrumb, { text: title }];
  const mayWrite = !!kommune && can('udlejningWrite', kommune.kode);
  return (
    <Page title={title} crumbs={crumbs}>
      {flash && <Alert variant="success" heading={flash} />}
      {notFound ? (
        <Alert variant="warning" heading="Aftalen findes ikke" quiet>
          <p className="alert-text">
            {kommune?.navn ?? 'Kommunen'} har ingen udlejningsaftale med nummer {id}. <Link to={aftalerCrumb.to}>Gå til udlejningsaftalerne</Link>.
          </p>
        </Alert>
      ) : error && !d ? (
        <ErrorAlert error={error} onRetry={reload} what="Udlejningsaftalen" />
      ) : !d ? (
        <Loading text="Henter udlejningsaftalen …" />
      ) : (
        <>
          <AftaleHeader d={d} />
          <nav className="tab-container aftale-tabs" aria-label="Udlejningsaftalens sider">
            <ul className="tab-list">
              {tabs.map((t) => (
                <li key={t.tab}>
                  <Link to={`${aftalePath(d.aftale.id)}${t.suffix}${t.tab !== 'kvoter' && qs.get('aar') ? `?aar=${qs.get('aar')}` : ''}`} className="tab-button" aria-current={t.tab === tab ? 'page' : undefined}>
                    <span>{t.text}</span>
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          {error && <ErrorAlert error={error} onRetry={reload} what="Udlejningsaftalen" />}
          {tab === 'aftale' && <AftaleTabContent d={d} mayWrite={mayWrite} reload={reload} />}
          {tab === 'kvoter' && <KvoteregnskabTab d={d} mayWrite={mayWrite} />}
          {tab === 'prognose' && <PrognoseTab d={d} />}
        </>
      )}
    </Page>
  );
}

/* ---------- Header ---------- */

function AftaleHeader({ d }: { d: AftaleDetalje }) {
  const a = d.aftale;
  const file = (path: string, params: Record<string, string | number | undefined>) => apiUrl(`udlejningsaftaler/${a.id}/${path}`, params);
  // The document's step table is of the year shown when it is placed, else of the latest placed year (the server's choice).
  const placedYear = d.afdelinger.some((x) => x.placering) ? d.aar : undefined;
  return (
    <div className="aftale-header">
      <FactList
        className="fact-list--inline"
        facts={[
          { label: 'Periode', value: periodeTekst(a) },
          { label: 'Status', content: <span className={`badge ${statusBadge[a.status]}`}>{statusNavn[a.status] ?? a.status}</span> },
          { label: 'Version', content: <>{fmtInt(a.version)}{a.version > 1 ? `, ændret ${fmtDate(a.opdateret_at)}` : ''}</> },
          { label: 'Fleksibel udlejning', value: a.fleksibel_udlejning ? 'Ja' : 'Nej' },
          {
            label: 'Parter',
            wide: true,
            content: a.parter.length ? `${a.parter.length === 1 ? 'Én boligorganisation' : `${fmtInt(a.parter.length)} boligorganisationer`}: ${listText(a.parter.map((p) => p.navn))}` : 'Ingen parter endnu: aftalen dækker ingen afdelinger.',
          },
        ]}
      />
      <div className="aftale-dokumenter" role="group" aria-label="Dokumenter">
        <a className="button button-secondary" href={file('dokument', { aar: placedYear, format: 'pdf' })} download>
          <Icon name="file-pdf" />
          Aftaledokument (PDF)
        </a>
        <a className="button button-secondary" href={file('evaluering', { aar: d.aar, format: 'pdf' })} download>
          <Icon name="file-pdf" />
          Evaluering {d.aar} (PDF)
        </a>
        <a className="button button-secondary" href={file('evaluering', { aar: d.aar, format: 'xlsx' })} download>
          <Icon name="file-excel" />
          Evaluering {d.aar} (Excel)
        </a>
      </div>
    </div>
  );
}

/* ---------- The agreement tab ---------- */

function AftaleTabContent({ d, mayWrite, reload }: { d: AftaleDetalje; mayWrite: boolean; reload: () => void }) {
  return (
    <>
      <Vurdering d={d} />
      <Indhold d={d} mayWrite={mayWrite} />
      <MaalSection d={d} mayWrite={mayWrite} reload={reload} />
      <TrappemodelSection d={d} mayWrite={mayWrite} reload={reload} />
      <Afdelinger d={d} mayWrite={mayWrite} reload={reload} />
      <BilagSection d={d} mayWrite={mayWrite} reload={reload} />
      <VersionerSection d={d} />
    </>
  );
}

const advarselOverskrift: Record<string, string> = {
  loebetid_over_max: 'Løbetiden er længere end loven tillader for fleksibel udlejning',
  daekning_over_50_pct: 'Aftalen dækker mere end 50 % af kommunens familieboliger',
  udvidelse_revision_frist: 'Frist for revision af udvidelsen til alle boligorganisationer',
  udvidelse_revision_overskredet: 'Fristen for revision af udvidelsen er overskredet',
  udvidelse_bortfalder: 'Udvidelsen til alle boligorganisationer bortfalder',
  udvidelse_ministertilladelse: 'Udvidelsen hviler på ministerens tilladelse',
};

function AdvarselAlert({ a }: { a: Advarsel }) {
  return (
    <Alert variant={a.niveau === 'advarsel' ? 'warning' : 'info'} heading={`${a.paragraf}: ${advarselOverskrift[a.kode] ?? 'Bemærk'}`} headingLevel={3} quiet className="mt-4">
      <p className="alert-text">{a.tekst}</p>
      {a.verificeret !== 'VERIFIED' && <p className="alert-text small-text">Retsgrundlag: {verifikationTekst[a.verificeret] ?? a.verificeret}.</p>}
    </Alert>
  );
}

function Vurdering({ d }: { d: AftaleDetalje }) {
  const v = d.vurdering;
  const { daekkede_familieboliger: dk, kommunens_familieboliger: k } = d.daekning;
  const pct = v?.daekningPct ?? (k > 0 ? (100 * dk) / k : null);
  const lob = v?.loebetid;
  return (
    <Section id="vurdering" title="Vurdering efter loven">
      <dl className="key-figures daekning">
        <div className="key-figure">
          <dt>
            Dækning <span className="key-figure-note">({fmtInt(dk)} af kommunens {fmtInt(k)} almene familieboliger)</span>
          </dt>
          <dd>{pct === null ? '–' : fmtPct(pct)}</dd>
        </div>
        <div className="key-figure">
          <dt>
            Løbetid <span className="key-figure-note">({periodeTekst(d.aftale)})</span>
          </dt>
          <dd>{lob ? [lob.aar > 0 || lob.dage === 0 ? `${lob.aar} år` : '', lob.dage > 0 ? `${lob.dage} ${lob.dage === 1 ? 'dag' : 'dage'}` : ''].filter(Boolean).join(' og ') : '–'}</dd>
        </div>
      </dl>
      {!v ? (
        <Alert variant="info" heading="Advarslerne kan ikke vurderes" headingLevel={3} quiet className="mt-4">
          <p className="alert-text">Der er ingen gældende lovparametre for i dag, så løbetid og dækning kan ikke vurderes efter §§ 60 og 60 b.</p>
        </Alert>
      ) : v.advarsler.length === 0 ? (
        <p className="mt-4">Ingen advarsler: løbetiden holder sig inden for loven, og aftalen dækker ikke over 50 % af kommunens familieboliger.</p>
      ) : (
        <div className="advarsler">
          {v.advarsler.map((a) => (
            <AdvarselAlert key={a.kode} a={a} />
          ))}
        </div>
      )}
    </Section>
  );
}

function Indhold({ d, mayWrite }: { d: AftaleDetalje; mayWrite: boolean }) {
  const a = d.aftale;
  const s = a.samarbejde ?? {};
  return (
    <Section id="indhold" title="Aftalens indhold">
      <FactList
        facts={[
          { label: 'Mål', wide: true, content: a.maal ? <span className="pre-line">{a.maal}</span> : <span className="value-missing">ikke skrevet</span> },
          { label: 'Politisk møde', value: s.politisk_moede || null },
          { label: 'Embedsmandsgruppe', value: s.embedsmandsgruppe || null },
          { label: 'Mødedatoer', value: s.moededatoer?.length ? listText(s.moededatoer.map((x) => fmtDate(x))) : null },
          { label: 'Oprettet', value: `${fmtDate(a.oprettet_at)} af ${a.oprettet_af}` },
        ]}
      />
      {mayWrite && (
        <p className="mt-4">
          <Link to={`${aftalePath(a.id)}/ret`} className="button button-secondary">
            <Icon name="edit" />
            Ret aftalen
          </Link>
        </p>
      )}
    </Section>
  );
}

type TrinRow = Trappemodel['trin'][number] & { nr: number };
/** The steps of a trappemodel as table columns (the model in force and a saved version's). */
const trinColumns: Column<TrinRow>[] = [
  { key: 'navn', header: 'Trin', rowHeader: true, value: (t) => `${t.nr} · ${t.navn}` },
  {
    key: 'betingelser',
    header: 'Betingelser',
    render: (t) =>
      t.betingelser.length === 0 ? (
        'Ingen: alle øvrige afdelinger'
      ) : (
        <>
          {t.betingelser.length > 1 && <span className="d-block small-text">{(t.kombination ?? 'alle') === 'alle' ? 'Alle skal være opfyldt:' : 'Mindst én skal være opfyldt:'}</span>}
          {t.betingelser.map((b, i) => (
            <span key={i} className="d-block">
              {betingelseTekst(b)}
            </span>
          ))}
        </>
      ),
  },
  { key: 'anvisning', header: 'Kommunal anvisning', kind: 'number', render: (t) => fmtPctPlain(t.redskaber.kommunalAnvisningPct, 2) },
  {
    key: 'fleksibel',
    header: 'Fleksibel udlejning',
    render: (t) =>
      t.redskaber.fleksibelUdlejning.aktiv ? (
        <>
          {fmtPctPlain(t.redskaber.fleksibelUdlejning.andelPct)} af de øvrige udlejninger
          {t.redskaber.fleksibelUdlejning.kriterier.length > 0 && (
            <span className="d-block small-text">Kriterier: {listText(t.redskaber.fleksibelUdlejning.kriterier.map((k) => k.beskrivelse))}</span>
          )}
          {t.redskaber.fleksibelUdlejning.undtagInternOprykning && <span className="d-block small-text">Intern oprykning er undtaget</span>}
        </>
      ) : (
        'Nej'
      ),
  },
  { key: 'kombineret', header: 'Kombineret udlejning', value: (t) => (t.redskaber.kombineretUdlejning ? 'Ja' : 'Nej') },
  {
    key: 'grundlag',
    header: 'Grundlag',
    render: (t) =>
      t.grundlag?.length ? (
        <ul className="small-text compact-list">
          {t.grundlag.map((g, i) => (
            <li key={i}>{g}</li>
          ))}
        </ul>
      ) : (
        <span className="value-missing">ikke angivet</span>
      ),
  },
];

const trinRows = (m: Trappemodel): TrinRow[] => m.trin.map((t, i) => ({ ...t, nr: i + 1 }));

function TrappemodelSection({ d, mayWrite, reload }: { d: AftaleDetalje; mayWrite: boolean; reload: () => void }) {
  const model = d.aftale.trappemodel;
  const problemer = d.modelproblemer;
  const [editing, setEditing] = useState(false);
  // After saving: the new version, and the offer to place the year's afdelinger again on the changed steps.
  const [saved, setSaved] = useState<{ version: number; placed: string | null; error: string | null } | null>(null);
  const [placing, setPlacing] = useState(false);
  const savedRef = useRef<HTMLDivElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const placeAgain = async () => {
    setPlacing(true);
    try {
      const r = await postJson<{ aar: number; placeret: number; ikke_placeret: number; manuelle_bevaret: number }>(`udlejningsaftaler/${d.aftale.id}/placering`, { aar: d.aar });
      const text =
        `${plural(r.placeret, 'afdeling er', 'afdelinger er')} placeret for ${r.aar} efter den nye trappemodel` +
        (r.ikke_placeret ? `; ${plural(r.ikke_placeret, 'afdeling', 'afdelinger')} kunne ikke placeres (nøgletal mangler)` : '') +
        (r.manuelle_bevaret ? `; ${plural(r.manuelle_bevaret, 'manuel placering er', 'manuelle placeringer er')} bevaret` : '') +
        '.';
      setSaved((s) => s && { ...s, placed: text, error: null });
      reload();
    } catch (err) {
      setSaved((s) => s && { ...s, error: (err as ApiError).message });
    } finally {
      setPlacing(false);
    }
  };
  return (
    <Section id="trappemodel" title="Trappemodel">
      <p>
        {model.navn}. En afdeling placeres på det første trin, hvis betingelser den opfylder, regnet fra det mest udsatte. Trinnet giver
        redskaberne; loven kan kræve mere, end trinnet giver (se afdelingerne nedenfor).
      </p>
      {problemer.length > 0 && (
        <Alert variant="warning" heading="Trappemodellen har problemer" headingLevel={3} quiet>
          <ul className="alert-text">
            {problemer.map((p, i) => (
              <li key={i}>{p.tekst}</li>
            ))}
          </ul>
        </Alert>
      )}
      <DataTable caption="Trappemodellens trin" compact columns={trinColumns} rows={trinRows(model)} rowKey={(t) => t.id} />
      <div role="status">
        {saved && (
          <div ref={savedRef} tabIndex={-1} className="trappe-gemt">
            <Alert variant="success" heading="Trappemodellen er gemt" headingLevel={3} quiet className="mt-4">
              <p className="alert-text">Aftalen er gemt som version {fmtInt(saved.version)}.</p>
              {saved.placed ? (
                <p className="alert-text">{saved.placed}</p>
              ) : (
                <p className="alert-text">
                  Trinnene er ændret, men afdelingernes placeringer for {d.aar} er beregnet efter den tidligere model. Placér dem igen, så
                  de følger de nye trin; manuelle placeringer bevares. Andre år vælges under »Afdelingerne i {d.aar}«.
                </p>
              )}
            </Alert>
          </div>
        )}
      </div>
      {saved?.error && (
        <Alert variant="error" heading="Afdelingerne kunne ikke placeres" headingLevel={3} className="mt-4">
          <p className="alert-text">{saved.error}</p>
        </Alert>
      )}
      {mayWrite && saved && !saved.placed && (
        <p className="mt-4">
          <button type="button" className="button button-primary" disabled={placing} onClick={() => void placeAgain()}>
            {placing ? 'Placerer …' : `Placér afdelingerne igen for ${d.aar}`}
          </button>
        </p>
      )}
      {mayWrite && !editing && (
        <p className="mt-4">
          <button
            type="button"
            ref={editButton}
            className="button button-secondary"
            onClick={() => {
              setSaved(null);
              setEditing(true);
            }}
          >
            <Icon name="edit" />
            Ret trappemodellen
          </button>
        </p>
      )}
      {mayWrite && editing && (
        <TrappemodelEditor
          d={d}
          onSaved={(a) => {
            setEditing(false);
            setSaved({ version: a.version, placed: null, error: null });
            reload();
            setTimeout(() => savedRef.current?.focus(), 0);
          }}
          onCancel={() => {
            setEditing(false);
            setTimeout(() => editButton.current?.focus(), 0);
          }}
        />
      )}
    </Section>
  );
}

/* ---------- The afdelinger of a year ---------- */

function Afdelinger({ d, mayWrite, reload }: { d: AftaleDetalje; mayWrite: boolean; reload: () => void }) {
  const uid = useId();
  const [, setQs] = useQueryState();
  const model = d.aftale.trappemodel;
  const years = periodeAar(d.aftale);
  if (!years.includes(d.aar)) years.push(d.aar);
  years.sort((a, b) => a - b);
  const [placing, setPlacing] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const placed = d.afdelinger.filter((a) => a.placering);
  const manual = placed.filter((a) => a.placering!.manuel);
  const place = async () => {
    setPlacing(true);
    setResult(null);
    setSaved(null);
    try {
      const r = await postJson<{ aar: number; placeret: number; ikke_placeret: number; manuelle_bevaret: number }>(`udlejningsaftaler/${d.aftale.id}/placering`, { aar: d.aar });
      setResult({
        ok: true,
        text:
          `${plural(r.placeret, 'afdeling er', 'afdelinger er')} placeret for ${r.aar}` +
          (r.ikke_placeret ? `; ${plural(r.ikke_placeret, 'afdeling', 'afdelinger')} kunne ikke placeres (nøgletal mangler)` : '') +
          (r.manuelle_bevaret ? `; ${plural(r.manuelle_bevaret, 'manuel placering er', 'manuelle placeringer er')} bevaret` : '') +
          '.',
      });
      reload();
    } catch (err) {
      setResult({ ok: false, text: (err as ApiError).message });
    } finally {
      setPlacing(false);
    }
  };
  const columns: Column<AftaleAfdeling>[] = [
    {
      key: 'afdeling',
      header: 'Afdeling',
      rowHeader: true,
      render: (a) => (
        <>
          <Link to={`/afdelinger/${a.afdeling_id}`}>{a.afdeling_navn}</Link>
          <span className="d-block small-text weight-normal">
            {a.boligorganisation_navn}, afd. {a.afdelingsnummer} · {fmtInt(a.antal_familie)} familieboliger
          </span>
        </>
      ),
    },
    { key: 'kategorier', header: 'Områdelister', render: (a) => <KategoriMarks kategorier={a.kategorier} /> },
    {
      key: 'uden_for_arbejde_pct',
      header: 'Uden for arbejde',
      kind: 'number',
      render: (a) =>
        a.uden_for_arbejde_pct == null ? (
          <span className="value-missing">ikke oplyst</span>
        ) : (
          <>
            {fmtPct(a.uden_for_arbejde_pct)}
            <span className="d-block small-text">{a.noegletal_aar}</span>
          </>
        ),
    },
    {
      key: 'beregnet',
      header: 'Beregnet trin',
      render: (a) => (a.placering ? trinTekst(model, a.placering.beregnet_trin) || <span className="value-missing">kan ikke placeres</span> : <span className="value-missing">ikke placeret</span>),
    },
    {
      key: 'trin',
      header: 'Gældende trin',
      render: (a) => {
        const p = a.placering;
        if (!p) return <span className="value-missing">ikke placeret</span>;
        if (!p.trin) return <span className="value-missing">kan ikke placeres</span>;
        return (
          <>
            <span className="nowrap">{trinTekst(model, p.trin)}</span>
            {p.manuel && (
              <>
                <span className="badge badge-warning d-block mt-1 nowrap">Manuel placering</span>
                <span className="d-block small-text">Begrundelse: {p.begrundelse}</span>
              </>
            )}
          </>
        );
      },
    },
    { key: 'anvisning', header: 'Kommunal anvisning', kind: 'number', render: (a) => (a.redskaber ? fmtPctPlain(a.redskaber.kommunal_anvisning_pct, 2) : <NoTools />) },
    {
      key: 'fleksibel',
      header: 'Fleksibel udlejning',
      kind: 'number',
      render: (a) =>
        a.redskaber ? (
          <>
            {fmtPctPlain(a.redskaber.fleksibel_udlejning_pct)}
            {a.redskaber.fleksibel_obligatorisk && <span className="d-block small-text nowrap">lovpligtig (§ 60, stk. 4)</span>}
          </>
        ) : (
          <NoTools />
        ),
    },
    {
      key: 'lovbestemte',
      header: 'Lovbestemte redskaber og konflikter',
      render: (a) =>
        !a.redskaber ? (
          <NoTools />
        ) : a.redskaber.lovbestemte.length === 0 && a.redskaber.konflikter.length === 0 ? (
          'Ingen'
        ) : (
          <ul className="compact-list small-text lov-list">
            {a.redskaber.lovbestemte.map((l) => (
              <li key={l.paragraf}>
                <strong className="nowrap">{l.paragraf}</strong> {l.titel}
              </li>
            ))}
            {a.redskaber.konflikter.map((k, i) => (
              <li key={`k${i}`}>
                <span className={`badge ${k.alvor === 'konflikt' ? 'badge-error' : 'badge-warning'}`}>{k.alvor === 'konflikt' ? 'Konflikt' : 'Forbehold'}</span>{' '}
                <strong className="nowrap">{k.paragraf}</strong>
                <details className="konflikt-details">
                  <summary>Hvad loven kræver</summary>
                  <p className="mt-1 mb-0">{k.tekst}</p>
                </details>
              </li>
            ))}
          </ul>
        ),
    },
    {
      key: 'handling',
      header: mayWrite ? 'Placering' : 'Historik',
      render: (a) => (
        <button
          type="button"
          className="button button-unstyled function-link nowrap"
          onClick={() => {
            setSaved(null);
            setOpen(a.afdeling_id);
          }}
        >
          <Icon name={mayWrite ? 'edit' : 'time'} />
          {mayWrite ? 'Placér manuelt' : 'Historik'}
          <span className="sr-only"> {a.afdeling_navn}</span>
        </button>
      ),
    },
  ];
  const openAfd = d.afdelinger.find((a) => a.afdeling_id === open) ?? null;
  return (
    <Section id="afdelinger" title={`Afdelingerne i ${d.aar}`}>
      <div className="aar-vaelger">
        <SelectField
          id={`${uid}-aar`}
          label="Udlejningsår"
          value={String(d.aar)}
          onChange={(x) => {
            setResult(null);
            setSaved(null);
            setQs({ aar: x }, { replace: true });
          }}
          options={years.map((y) => ({ value: String(y), label: String(y) }))}
        />
      </div>
      <p>
        Aftalen dækker {plural(d.afdelinger.length, 'familieafdeling', 'familieafdelinger')}. Trinnet beregnes ud fra afdelingens seneste
        nøgletal til og med {d.aar - 1}; områdelisternes kategorier er fra listen 1. december {d.kategorier_fra.listeaar} (
        {kategoriKildeTekst[d.kategorier_fra.kilde]}), som gælder for udlejning i {d.aar}.
      </p>
      <p>
        Placeret for {d.aar}: {fmtInt(placed.length)} af {fmtInt(d.afdelinger.length)}
        {manual.length > 0 && `, heraf ${plural(manual.length, 'manuelt', 'manuelt')}`}.
      </p>
      {mayWrite && (
        <div className="button-row mb-4">
          <button type="button" className="button button-primary" disabled={placing} onClick={() => void place()}>
            {placing ? 'Placerer …' : `Placér afdelingerne for ${d.aar}`}
          </button>
        </div>
      )}
      <div role="status">
        {result?.ok && (
          <Alert variant="success" heading="Afdelingerne er placeret" headingLevel={3} quiet>
            <p className="alert-text">{result.text}</p>
          </Alert>
        )}
        {saved && (
          <Alert variant="success" heading="Placeringen er gemt" headingLevel={3} quiet>
            <p className="alert-text">{saved}</p>
          </Alert>
        )}
      </div>
      {result && !result.ok && (
        <Alert variant="error" heading="Afdelingerne kunne ikke placeres" headingLevel={3}>
          <p className="alert-text">{result.text}</p>
        </Alert>
      )}
      {d.afdelinger.length === 0 ? (
        <Alert variant="info" heading="Aftalen dækker ingen familieafdelinger" headingLevel={3} quiet>
          <p className="alert-text">Tilføj boligorganisationer som parter, så deres familieafdelinger kommer med.</p>
        </Alert>
      ) : (
        <>
          {placed.length === 0 && (
            <Alert variant="info" heading={`Afdelingerne er ikke placeret for ${d.aar} endnu`} headingLevel={3} quiet>
              <p className="alert-text">{mayWrite ? `Vælg »Placér afdelingerne for ${d.aar}«.` : 'Kommunens boligkontor placerer afdelingerne.'} Indtil da har de ingen redskaber for året.</p>
            </Alert>
          )}
          <KategoriLegend />
          <DataTable caption={`Afdelingernes trin og redskaber i ${d.aar}`} compact columns={columns} rows={d.afdelinger.map((a) => ({ ...a, suppressed: a.uden_for_arbejde_skjult ? ['uden_for_arbejde_pct'] : [] }))} rowKey={(a) => a.afdeling_id} />
        </>
      )}
      <PlacementDialog
        d={d}
        afd={openAfd}
        mayWrite={mayWrite}
        onClose={() => setOpen(null)}
        onSaved={(text) => {
          setSaved(text);
          setResult(null);
          reload();
        }}
      />
    </Section>
  );
}

function NoTools() {
  return (
    <span className="value-missing">
      <span aria-hidden="true">–</span>
      <span className="sr-only">ingen redskaber (ikke placeret)</span>
    </span>
  );
}

const BEREGNET = '__beregnet';

/** The placement of one afdeling: its history, and for a writer the manual placement with a required reason. */
function PlacementDialog({ d, afd, mayWrite, onClose, onSaved }: { d: AftaleDetalje; afd: AftaleAfdeling | null; mayWrite: boolean; onClose: () => void; onSaved: (text: string) => void }) {
  const uid = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const model = d.aftale.trappemodel;
  const hist = useApi<{ historik: Placering[] }>(afd ? `udlejningsaftaler/${d.aftale.id}/placering/${afd.afdeling_id}` : null);
  // The dialog is reused for the next afdeling: the previous one's history is not shown under its name.
  const historik = hist.current?.historik;
  const [trin, setTrin] = useState('');
  const [begrundelse, setBegrundelse] = useState('');
  const [errors, setErrors] = useState<{ trin?: string; begrundelse?: string }>({});
  const [message, setMessage] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (afd && !el.open) {
      opener.current = document.activeElement as HTMLElement | null;
      setTrin(afd.placering?.manuel ? (afd.placering.trin ?? '') : '');
      setBegrundelse('');
      setErrors({});
      setMessage(null);
      setDone(null);
      el.showModal();
      heading.current?.focus();
    } else if (!afd && el.open) {
      el.close();
      if (opener.current?.isConnected) opener.current.focus();
    }
  }, [afd]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!afd) return;
    const errs: typeof errors = {};
    if (!trin) errs.trin = 'Vælg et trin.';
    if (trin && trin !== BEREGNET && !begrundelse.trim()) errs.begrundelse = 'Skriv en begrundelse for den manuelle placering.';
    setErrors(errs);
    setMessage(null);
    setDone(null);
    if (Object.keys(errs).length) {
      document.getElementById(`${uid}-${errs.trin ? 'trin' : 'begrundelse'}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const tilbage = trin === BEREGNET;
      await putJson(`udlejningsaftaler/${d.aftale.id}/placering/${afd.afdeling_id}`, { aar: d.aar, trin: tilbage ? null : trin, begrundelse: tilbage ? '' : begrundelse.trim() });
      const text = tilbage
        ? `${afd.afdeling_navn} er tilbage på det beregnede trin for ${d.aar}.`
        : `${afd.afdeling_navn} er placeret manuelt på trin ${trinTekst(model, trin)} for ${d.aar}.`;
      setDone(text);
      setBegrundelse('');
      hist.reload();
      onSaved(text);
    } catch (err) {
      const f = fieldErrors(err as ApiError);
      setErrors({ trin: f.trin, begrundelse: f.begrundelse });
      if (!f.trin && !f.begrundelse) setMessage((err as ApiError).message);
    } finally {
      setBusy(false);
    }
  };
  type HRow = Placering;
  const histColumns: Column<HRow>[] = [
    { key: 'aar', header: 'År', kind: 'year', rowHeader: true },
    { key: 'trin', header: 'Trin', value: (p) => trinTekst(model, p.trin) || 'kan ikke placeres' },
    { key: 'beregnet_trin', header: 'Beregnet trin', value: (p) => trinTekst(model, p.beregnet_trin) || 'kan ikke placeres' },
    { key: 'manuel', header: 'Manuel', render: (p) => (p.manuel ? <>Ja: {p.begrundelse}</> : 'Nej') },
    { key: 'placeret', header: 'Placeret', value: (p) => `${fmtDateTime(p.placeret_at)} af ${p.placeret_af}` },
  ];
  const p = afd?.placering;
  return (
    <dialog
      ref={ref}
      className="confirm-dialog placering-dialog"
      aria-labelledby={`${uid}-title`}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onClose();
      }}
    >
      {afd && (
        <>
          <h2 className="confirm-dialog-title" id={`${uid}-title`} ref={heading} tabIndex={-1}>
            {mayWrite ? `Placering af ${afd.afdeling_navn} i ${d.aar}` : `Placeringshistorik for ${afd.afdeling_navn}`}
          </h2>
          <FactList
            className="fact-list--inline"
            facts={[
              { label: 'Beregnet trin', value: p ? trinTekst(model, p.beregnet_trin) || 'kan ikke placeres' : 'ikke placeret' },
              { label: 'Gældende trin', value: p ? trinTekst(model, p.trin) || 'kan ikke placeres' : 'ikke placeret' },
            ]}
          />
          {afd.redskaber && (afd.redskaber.lovbestemte.length > 0 || afd.redskaber.konflikter.length > 0) && (
            <div className="mt-4">
              <h3>Loven for afdelingen i {d.aar}</h3>
              <ul>
                {afd.redskaber.lovbestemte.map((l) => (
                  <li key={l.paragraf}>
                    <strong>
                      {l.paragraf}: {l.titel}.
                    </strong>{' '}
                    {l.forklaring}
                  </li>
                ))}
                {afd.redskaber.konflikter.map((k, i) => (
                  <li key={`k${i}`}>
                    <strong>
                      {k.alvor === 'konflikt' ? 'Konflikt' : 'Forbehold'} ({k.paragraf}):
                    </strong>{' '}
                    {k.tekst}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {p?.forklaring && (
            <details className="details mt-4">
              <summary className="details-summary">Sådan er trinnet beregnet</summary>
              <div className="details-text">
                <p>{p.forklaring}</p>
              </div>
            </details>
          )}
          {mayWrite && (
            <form onSubmit={(e) => void submit(e)} noValidate className="mt-5" aria-labelledby={`${uid}-form`}>
              <h3 id={`${uid}-form`}>Placér manuelt</h3>
              {message && (
                <Alert variant="error" heading="Placeringen er ikke gemt" headingLevel={3}>
                  <p className="alert-text">{message}</p>
                </Alert>
              )}
              <SelectField
                id={`${uid}-trin`}
                label="Trin"
                value={trin}
                onChange={setTrin}
                error={errors.trin}
                placeholder="Vælg trin"
                options={[
                  ...model.trin.map((t, i) => ({ value: t.id, label: `${i + 1} · ${t.navn}` })),
                  ...(p?.manuel ? [{ value: BEREGNET, label: 'Tilbage til det beregnede trin' }] : []),
                ]}
              />
              {trin !== BEREGNET && (
                <TextArea
                  id={`${uid}-begrundelse`}
                  label="Begrundelse"
                  hint="Kræves: hvorfor afdelingen skal på et andet trin end det beregnede. Gemmes i historikken."
                  value={begrundelse}
                  onChange={setBegrundelse}
                  error={errors.begrundelse}
                  rows={3}
                />
              )}
              <div role="status">
                {done && (
                  <Alert variant="success" heading="Placeringen er gemt" headingLevel={3} quiet>
                    <p className="alert-text">{done}</p>
                  </Alert>
                )}
              </div>
              <div className="button-row mt-4">
                <button type="submit" className="button button-primary" disabled={busy}>
                  {busy ? 'Gemmer …' : 'Gem placeringen'}
                </button>
              </div>
            </form>
          )}
          <h3 className="mt-6">Historik</h3>
          {hist.error ? (
            <ErrorAlert error={hist.error} onRetry={hist.reload} what="Historikken" />
          ) : !historik ? (
            <Loading text="Henter historikken …" />
          ) : historik.length === 0 ? (
            <p>Afdelingen er ikke placeret under aftalen endnu.</p>
          ) : (
            <DataTable caption={`Placeringer af ${afd.afdeling_navn}, nyeste først`} compact columns={histColumns} rows={historik} rowKey={(r) => r.id} />
          )}
          <div className="button-row confirm-dialog-buttons">
            <button type="button" className="button button-secondary" onClick={onClose} disabled={busy}>
              Luk
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}

/* ---------- Annexes ---------- */

function BilagSection({ d, mayWrite, reload }: { d: AftaleDetalje; mayWrite: boolean; reload: () => void }) {
  const uid = useId();
  const years = periodeAar(d.aftale);
  const [open, setOpen] = useState(false);
  const [aar, setAar] = useState(String(d.aar));
  const [titel, setTitel] = useState('');
  const [indhold, setIndhold] = useState('');
  const [errors, setErrors] = useState<{ aar?: string; titel?: string; indhold?: string }>({});
  const [message, setMessage] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errs: typeof errors = {};
    if (!titel.trim()) errs.titel = 'Giv bilaget en titel.';
    setErrors(errs);
    setMessage(null);
    if (errs.titel) return document.getElementById(`${uid}-titel`)?.focus();
    setBusy(true);
    try {
      await postJson(`udlejningsaftaler/${d.aftale.id}/bilag`, { aar: Number(aar), titel: titel.trim(), indhold });
      setDone(`Bilaget »${titel.trim()}« for ${aar} er tilføjet.`);
      setTitel('');
      setIndhold('');
      setOpen(false);
      reload();
    } catch (err) {
      const f = fieldErrors(err as ApiError);
      setErrors({ aar: f.aar, titel: f.titel, indhold: f.indhold });
      if (!f.aar && !f.titel && !f.indhold) setMessage((err as ApiError).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section id="bilag" title="Bilag">
      <p>Årlige bilag til aftalen, fx afdelingernes placering på trappen eller ændrede kriterier for fleksibel udlejning.</p>
      {d.bilag.length === 0 ? (
        <p>Aftalen har ingen bilag endnu.</p>
      ) : (
        <ul className="bilag-list nobullet-list">
          {d.bilag.map((b) => (
            <li key={b.id} className="bilag">
              <h3 className="h4 mt-0">
                {b.aar}: {b.titel}
              </h3>
              <p className="small-text mt-1">
                Tilføjet {fmtDateTime(b.oprettet_at)} af {b.oprettet_af}
              </p>
              {b.indhold ? <p className="pre-line">{b.indhold}</p> : <p className="value-missing">Intet indhold.</p>}
            </li>
          ))}
        </ul>
      )}
      <div role="status">
        {done && (
          <Alert variant="success" heading="Bilaget er tilføjet" headingLevel={3} quiet>
            <p className="alert-text">{done}</p>
          </Alert>
        )}
      </div>
      {mayWrite && !open && (
        <button
          type="button"
          className="button button-secondary mt-4"
          onClick={() => {
            setDone(null);
            setOpen(true);
            setTimeout(() => document.getElementById(`${uid}-aar`)?.focus(), 0);
          }}
        >
          <Icon name="plus" />
          Tilføj bilag
        </button>
      )}
      {mayWrite && open && (
        <form className="narrow-form mt-4" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${uid}-title`}>
          <h3 id={`${uid}-title`}>Tilføj bilag</h3>
          {message && (
            <Alert variant="error" heading="Bilaget er ikke tilføjet" headingLevel={3}>
              <p className="alert-text">{message}</p>
            </Alert>
          )}
          <SelectField id={`${uid}-aar`} label="År" value={aar} onChange={setAar} error={errors.aar} options={years.map((y) => ({ value: String(y), label: String(y) }))} />
          <TextField id={`${uid}-titel`} label="Titel" value={titel} onChange={setTitel} error={errors.titel} />
          <TextArea id={`${uid}-indhold`} label="Indhold" value={indhold} onChange={setIndhold} error={errors.indhold} rows={6} />
          <div className="button-row mt-5">
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? 'Gemmer …' : 'Tilføj bilaget'}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setOpen(false)} disabled={busy}>
              Annuller
            </button>
          </div>
        </form>
      )}
    </Section>
  );
}

/* ---------- Versions ---------- */

/** The parts of an agreement a version may change, in words. */
const versionDele: { navn: string; af: (a: AftaleVersion['indhold']) => unknown }[] = [
  { navn: 'navn', af: (a) => a.navn },
  { navn: 'periode', af: (a) => [a.gyldig_fra, a.gyldig_til] },
  { navn: 'status', af: (a) => a.status },
  { navn: 'parter', af: (a) => a.parter.map((p) => p.id) },
  { navn: 'fleksibel udlejning', af: (a) => a.fleksibel_udlejning },
  { navn: 'mål', af: (a) => a.maal },
  { navn: 'målsætninger', af: (a) => a.maalsaetninger ?? [] },
  { navn: 'samarbejdet', af: (a) => a.samarbejde },
  { navn: 'trappemodellen', af: (a) => a.trappemodel },
];

function aendringer(v: AftaleVersion, forrige: AftaleVersion | undefined): string {
  if (!forrige) return v.version === 1 ? 'Oprettet' : 'Den første gemte version (de tidligere står i revisionssporet)';
  const dele = versionDele.filter((x) => JSON.stringify(x.af(v.indhold)) !== JSON.stringify(x.af(forrige.indhold))).map((x) => x.navn);
  return dele.length ? `Ændret: ${listText(dele)}` : 'Gemt uden ændringer';
}

function VersionerSection({ d }: { d: AftaleDetalje }) {
  // The version in the query makes the list follow a save.
  const { data, error } = useApi<AftaleVersion[]>(`udlejningsaftaler/${d.aftale.id}/versioner`, { v: String(d.aftale.version) });
  const [vist, setVist] = useState<number | null>(null);
  const shown = data?.find((v) => v.version === vist) ?? null;
  type Row = AftaleVersion & { aendret: string };
  const rows: Row[] = (data ?? []).map((v, i, all) => ({ ...v, aendret: aendringer(v, all[i + 1]) }));
  const columns: Column<Row>[] = [
    { key: 'version', header: 'Version', kind: 'number', rowHeader: true, value: (v) => v.version },
    { key: 'gemt_at', header: 'Gemt', value: (v) => fmtDateTime(v.gemt_at) },
    { key: 'gemt_af', header: 'Af', value: (v) => v.gemt_af },
    { key: 'aendret', header: 'Ændringer i forhold til versionen før', value: (v) => v.aendret },
    {
      key: 'vis',
      header: 'Indhold',
      render: (v) => (
        <button type="button" className="button button-unstyled function-link" aria-expanded={vist === v.version} onClick={() => setVist(vist === v.version ? null : v.version)}>
          {vist === v.version ? `Skjul version ${v.version}` : `Vis version ${v.version}`}
        </button>
      ),
    },
  ];
  return (
    <Section id="versioner" title="Versioner">
      <p>Hver gang aftalen gemmes, bliver den en ny version. De tidligere versioner kan læses her, som de blev gemt.</p>
      {error && <ErrorAlert error={error} />}
      {!data && !error && <Loading />}
      {data && <DataTable caption="Aftalens versioner, nyeste først" compact columns={columns} rows={rows} rowKey={(v) => v.version} />}
      {shown && (
        <div className="mt-5">
          <h3>
            Version {shown.version}, gemt {fmtDateTime(shown.gemt_at)} af {shown.gemt_af}
          </h3>
          <FactList
            facts={[
              { label: 'Navn', value: shown.indhold.navn },
              { label: 'Periode', value: periodeTekst(shown.indhold) },
              { label: 'Status', value: statusNavn[shown.indhold.status] },
              { label: 'Parter', value: listText(shown.indhold.parter.map((p) => p.navn)) || 'ingen' },
              { label: 'Fleksibel udlejning', value: shown.indhold.fleksibel_udlejning ? 'Ja' : 'Nej' },
              { label: 'Mål', value: shown.indhold.maal || 'ikke angivet', wide: true },
            ]}
          />
          <DataTable
            caption={`Trappemodellen i version ${shown.version}: ${shown.indhold.trappemodel.navn}`}
            compact
            columns={trinColumns}
            rows={trinRows(shown.indhold.trappemodel)}
            rowKey={(t) => t.id}
          />
        </div>
      )}
    </Section>
  );
}
