// Ledige boliger (issue 6): the vacancies offered under the anvisningsret (§ 59) with a status filter and exports;
// an organisation offers a vacancy from its own afdelinger; a vacancy's page (read by its id, so a link opens it in any of
// the user's municipalities) with the municipality's answer (use, or
// return with a reason), the ranked candidates with every reason and its paragraph, net rent after estimated
// boligstøtte against the household's maximum, an offer to one candidate (the law's refusals and the soft warnings
// from the server) and the applicant's answer (accepted with lease start, refused with reason, no-show, cancelled).
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { fieldErrors, getJson, postJson, useApi, type ApiError, type ApiState } from '../../api.ts';
import { useCan } from '../../auth.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { ExportButtons } from '../../components/ExportButtons.tsx';
import { FactList } from '../../components/FactList.tsx';
import { ErrorSummary, SelectField, TextField } from '../../components/Form.tsx';
import { Icon } from '../../components/Icon.tsx';
import { Page, Section } from '../../components/Page.tsx';
import { Alert, ErrorAlert, Loading } from '../../components/Status.tsx';
import { flashOn, useFlash } from '../../flash.ts';
import { fmtDate, fmtDateTime, listText, plural } from '../../format.ts';
import { useKommune } from '../../kommune.tsx';
import { kategoriNavn, type Kategori } from '../../lister.ts';
import { Link, navigate, useQueryState } from '../../router.tsx';
import type { Afdeling, Ansoeger, Boligorganisation, ListAnswer } from '../../types.ts';
import {
  afslagGrundNavn,
  capitalised,
  grundSlagsNavn,
  isIsoDate,
  kategoriKilde,
  ledigStatusNavn,
  parseDaNumber,
  prioritetNavn,
  returGrundNavn,
  tilbudStatusNavn,
  vurderingNavn,
  type AfslagGrund,
  type Grund,
  type Kandidat,
  type Kandidater,
  type Ledig,
  type ReturGrund,
  type Tilbud,
} from '../../anvisning.ts';
import { AnvisningTabs, anvisningCrumb, Badge, Checkbox, fieldId, fieldIds, home, RadioGroup, TextArea, useNotice, useOwnOrganisations } from './common.tsx';

export const ledigePath = '/anvisning/ledige';
export const ledigPath = (id: number) => `${ledigePath}/${id}`;
const ledigeCrumb = { text: 'Ledige boliger', to: ledigePath };
const sagPath = (id: number) => `/anvisning/sager/${id}`;

const statusChoices = [
  { value: 'tilbudt', label: 'Til rådighed' },
  { value: 'brugt', label: 'Brugt' },
  { value: 'returneret', label: 'Returneret' },
];

function StatusCell({ l }: { l: Ledig }) {
  return (
    <>
      <Badge {...ledigStatusNavn[l.status]} />
      {l.status === 'returneret' && l.retur_grund && <span className="status-note">{returGrundNavn[l.retur_grund]}</span>}
    </>
  );
}

export function LedigePage() {
  const uid = useId();
  const { kommune } = useKommune();
  const own = useOwnOrganisations(kommune?.kode);
  const [qs, setQs] = useQueryState();
  const status = statusChoices.some((c) => c.value === qs.get('status')) ? qs.get('status')! : '';
  const params = { kommunekode: kommune?.kode, status: status || undefined };
  // While another status or municipality is read, its count message and caption are not put on the old rows.
  const { current: data, error, loading, reload } = useApi<ListAnswer<Ledig>>(kommune ? 'anvisning/ledige' : null, params);
  const flash = useFlash();
  const [noticeNode] = useNotice(flash ? { variant: 'success', heading: flash } : null);
  const columns: Column<Ledig>[] = [
    { key: 'adresse', header: 'Adresse', rowHeader: true, render: (l) => <Link to={ledigPath(l.id)}>{l.adresse}</Link> },
    { key: 'afdeling_navn', header: 'Afdeling' },
    { key: 'boligorganisation_navn', header: 'Boligorganisation' },
    { key: 'vaerelser', header: 'Værelser', kind: 'int' },
    { key: 'areal_m2', header: 'Areal', kind: 'm2' },
    { key: 'husleje_maaned', header: 'Husleje pr. måned', kind: 'kr' },
    { key: 'tilgaengelig', header: 'Tilgængelig', value: (l) => (l.tilgaengelig ? 'Ja' : 'Nej') },
    { key: 'ledig_fra', header: 'Ledig fra', kind: 'date' },
    { key: 'svarfrist', header: 'Svarfrist', kind: 'date' },
    { key: 'status', header: 'Status', render: (l) => <StatusCell l={l} /> },
  ];
  return (
    <Page
      title="Ledige boliger"
      crumbs={[home, anvisningCrumb, { text: 'Ledige boliger' }]}
      lead={
        own.length
          ? 'Familieboliger, jeres organisation har stillet til rådighed for kommunal anvisning (almenboliglovens § 59). Kommunen bruger boligen eller returnerer den med en begrundelse.'
          : `Familieboliger, boligorganisationerne har stillet til rådighed for kommunal anvisning i ${kommune?.navn ?? 'kommunen'} (almenboliglovens § 59).`
      }
    >
      <AnvisningTabs current="ledige" />
      {noticeNode}
      <div className="list-toolbar">
        <SelectField id={`${uid}-status`} className="mt-0" label="Status" value={status} placeholder="Alle" options={statusChoices} onChange={(v) => setQs({ status: v || null })} />
        {own.length > 0 && (
          <Link to={`${ledigePath}/ny`} className="button button-primary">
            <Icon name="plus" />
            Tilbyd en ledig bolig
          </Link>
        )}
      </div>
      <div className="list-toolbar">
        <p className="rows-message" aria-live="polite" aria-atomic="true">
          {data && (data.total ? plural(data.total, 'bolig', 'boliger') : status ? 'Ingen boliger med den status.' : 'Ingen boliger er tilbudt endnu.')}
        </p>
        <ExportButtons endpoint="anvisning/ledige" params={params} what="ledige boliger" />
      </div>
      {error ? (
        <ErrorAlert error={error} onRetry={reload} what="De ledige boliger" />
      ) : !data ? (
        <Loading text="Henter ledige boliger …" />
      ) : data.items.length ? (
        <DataTable caption={`Ledige boliger i ${kommune?.navn ?? 'kommunen'}`} captionHidden columns={columns} rows={data.items} rowKey={(l) => l.id} busy={loading} />
      ) : null}
    </Page>
  );
}

/* ---------- an organisation offers a vacancy ---------- */

const nyFields = ['afdeling_id', 'adresse', 'vaerelser', 'areal_m2', 'husleje_maaned', 'ledig_fra', 'svarfrist'] as const;
type NyField = (typeof nyFields)[number];

export function NyLedigPage() {
  const uid = useId();
  const { kommune } = useKommune();
  const own = useOwnOrganisations(kommune?.kode);
  const [afdelinger, setAfdelinger] = useState<Afdeling[] | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const ownKey = own.join(',');
  useEffect(() => {
    if (!own.length) return;
    let live = true;
    Promise.all(own.map((id) => getJson<Boligorganisation>(`boligorganisationer/${id}`))).then(
      (orgs) => live && setAfdelinger(orgs.flatMap((o) => o.afdelinger ?? []).filter((a) => a.antal_familie > 0 && a.kommunekode === kommune?.kode)),
      (e: ApiError) => live && setLoadError(e),
    );
    return () => {
      live = false;
    };
  }, [ownKey, kommune?.kode]);
  const [v, setV] = useState<Record<NyField, string>>({ afdeling_id: '', adresse: '', vaerelser: '', areal_m2: '', husleje_maaned: '', ledig_fra: '', svarfrist: '' });
  const [tilgaengelig, setTilgaengelig] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<NyField, string>>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: NyField) => (x: string) => setV((o) => ({ ...o, [k]: x }));
  const fid = (k: string) => fieldId(uid, k);

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    setMessage(null);
    const e: Partial<Record<NyField, string>> = {};
    if (!v.afdeling_id) e.afdeling_id = 'Vælg afdelingen.';
    if (!v.adresse.trim()) e.adresse = 'Skriv boligens adresse.';
    const vaer = /^\d+$/.test(v.vaerelser.trim()) ? Number(v.vaerelser) : null;
    if (vaer === null || vaer < 1 || vaer > 20) e.vaerelser = 'Skriv et helt antal værelser fra 1 til 20.';
    const areal = parseDaNumber(v.areal_m2);
    if (areal === null || areal <= 0 || areal > 1000) e.areal_m2 = 'Skriv boligens areal i m², fx 58.';
    const leje = parseDaNumber(v.husleje_maaned);
    if (leje === null || leje < 0 || leje > 100000) e.husleje_maaned = 'Skriv huslejen i kr. pr. måned, fx 4.350.';
    if (!isIsoDate(v.ledig_fra)) e.ledig_fra = 'Skriv datoen, boligen bliver ledig.';
    if (!isIsoDate(v.svarfrist)) e.svarfrist = 'Skriv kommunens svarfrist.';
    else if (isIsoDate(v.ledig_fra) && v.svarfrist > v.ledig_fra) e.svarfrist = 'Svarfristen skal ligge før eller samme dag, som boligen bliver ledig.';
    setErrors(e);
    if (Object.keys(e).length) return;
    setBusy(true);
    try {
      const l = await postJson<Ledig>('anvisning/ledige', {
        afdeling_id: Number(v.afdeling_id),
        adresse: v.adresse.trim(),
        vaerelser: vaer,
        areal_m2: areal,
        husleje_maaned: leje,
        tilgaengelig,
        ledig_fra: v.ledig_fra,
        svarfrist: v.svarfrist,
      });
      flashOn(ledigePath, `${l.adresse} er stillet til rådighed for kommunen med svarfrist ${fmtDate(l.svarfrist)}.`);
      navigate(ledigePath + location.search);
    } catch (err) {
      const f = fieldErrors(err as ApiError) as Partial<Record<NyField, string>>;
      const known = Object.fromEntries(nyFields.filter((n) => f[n]).map((n) => [n, f[n]]));
      setErrors(known);
      if (!Object.keys(known).length) setMessage((err as ApiError).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title="Tilbyd en ledig bolig" crumbs={[home, anvisningCrumb, ledigeCrumb, { text: 'Tilbyd en ledig bolig' }]} lead="Stil en ledig familiebolig til rådighed for kommunal anvisning. Kommunen svarer inden svarfristen.">
      <AnvisningTabs current="ledige" />
      {!own.length ? (
        <Alert variant="info" heading="Kun boligorganisationer tilbyder boliger her" quiet className="mt-5">
          <p className="alert-text">Boligorganisationerne stiller selv deres ledige familieboliger til rådighed. Kommunen ser dem under Ledige boliger.</p>
        </Alert>
      ) : loadError ? (
        <ErrorAlert error={loadError} what="Afdelingerne" />
      ) : !afdelinger ? (
        <Loading text="Henter jeres afdelinger …" />
      ) : (
        <>
          <ErrorSummary errors={fieldIds(uid, errors)} message={message} heading="Boligen er ikke tilbudt" />
          <form className="narrow-form mt-5" onSubmit={submit} noValidate aria-label="Tilbyd en ledig bolig">
            <SelectField
              id={fid('afdeling_id')}
              label="Afdeling"
              hint="Jeres afdelinger med familieboliger."
              value={v.afdeling_id}
              placeholder="Vælg afdeling"
              options={afdelinger.map((a) => ({ value: String(a.id), label: `${a.navn} (afd. ${a.afdelingsnummer}, ${a.boligorganisation_navn})` }))}
              error={errors.afdeling_id}
              onChange={set('afdeling_id')}
            />
            <TextField id={fid('adresse')} label="Adresse" hint="Fx Rønneparken 7, 1. th." value={v.adresse} error={errors.adresse} onChange={set('adresse')} autoComplete="off" />
            <div className="form-row">
              <TextField id={fid('vaerelser')} label="Værelser" inputMode="numeric" inputClassName="input-width-xs" value={v.vaerelser} error={errors.vaerelser} onChange={set('vaerelser')} />
              <TextField id={fid('areal_m2')} label="Areal (m²)" inputMode="decimal" inputClassName="input-width-xs" value={v.areal_m2} error={errors.areal_m2} onChange={set('areal_m2')} />
              <TextField id={fid('husleje_maaned')} label="Husleje pr. måned (kr.)" inputMode="decimal" inputClassName="input-width-s" value={v.husleje_maaned} error={errors.husleje_maaned} onChange={set('husleje_maaned')} />
            </div>
            <Checkbox id={fid('tilgaengelig')} label="Tilgængelig bolig (egnet til kørestol)" checked={tilgaengelig} onChange={setTilgaengelig} />
            <div className="form-row">
              <TextField id={fid('ledig_fra')} label="Ledig fra" type="date" value={v.ledig_fra} error={errors.ledig_fra} onChange={set('ledig_fra')} />
              <TextField id={fid('svarfrist')} label="Kommunens svarfrist" type="date" hint="Senest den dag, boligen bliver ledig." value={v.svarfrist} error={errors.svarfrist} onChange={set('svarfrist')} />
            </div>
            <div className="button-row mt-5">
              <button type="submit" className="button button-primary" disabled={busy}>
                Tilbyd boligen
              </button>
              <Link to={ledigePath} className="button button-secondary">
                Annuller
              </Link>
            </div>
          </form>
        </>
      )}
    </Page>
  );
}

/* ---------- one vacancy ---------- */

export function LedigPage({ id }: { id: string }) {
  const can = useCan();
  // One vacancy by its id (GET …/ledige/:id): one the user may not see answers 404, as one that does not exist.
  const valid = /^[1-9]\d{0,15}$/.test(id);
  const one = useApi<Ledig>(valid ? `anvisning/ledige/${id}` : null);
  const bolig = one.data ?? undefined;
  const missing = !valid || one.error?.status === 404;
  // Decisions in the vacancy's own municipality (a user of several may open one of another by its address).
  const decides = !!bolig && can('applicants', bolig.kommunekode);
  const tilbud = useApi<{ items: Tilbud[] }>(decides && bolig ? 'anvisning/tilbud' : null, { anvisningsbolig_id: bolig?.id });
  const [qs, setQs] = useQueryState();
  const dato = qs.get('dato') && isIsoDate(qs.get('dato')!) ? qs.get('dato')! : undefined;
  // Candidates only while the vacancy is at the municipality's disposal: reading them reads (and logs) every open case.
  const kandidater = useApi<Kandidater>(decides && bolig?.status === 'tilbudt' ? `anvisning/ledige/${bolig.id}/kandidater` : null, { dato });
  const [noticeNode, setNotice] = useNotice();
  const [ask, setAsk] = useState<'brug' | 'returner' | null>(null);
  const [answer, setAnswer] = useState<Tilbud | null>(null);
  /** After a decision or an answer: the message, and everything on the page read again. */
  const done = (heading: string) => {
    setAsk(null);
    setAnswer(null);
    setNotice({ variant: 'success', heading });
    one.reload();
    tilbud.reload();
    kandidater.reload();
  };
  const names = new Map((kandidater.data?.kandidater ?? []).map((k) => [k.ansoeger_id, k.navn]));
  const open = tilbud.data?.items.find((t) => t.status === 'tilbudt' || t.status === 'accepteret');
  const title = bolig ? bolig.adresse : missing ? 'Boligen findes ikke' : 'Ledig bolig';

  const offer = async (k: Kandidat) => {
    const who = k.navn ?? `ansøger nr. ${k.ansoeger_id}`;
    try {
      const res = await postJson<{ tilbud: Tilbud; advarsler: Kandidat['grunde'] }>('anvisning/tilbud', { anvisningsbolig_id: bolig!.id, ansoeger_id: k.ansoeger_id, dato: kandidater.current?.dato });
      setNotice(
        res.advarsler.length
          ? { variant: 'warning', heading: `Boligen er tilbudt ${who} – bemærk:`, lines: res.advarsler.map((g) => grundText(g)) }
          : { variant: 'success', heading: `Boligen er tilbudt ${who}. Registrér svaret, når det kommer.` },
      );
      tilbud.reload();
    } catch (err) {
      setNotice({ variant: 'error', heading: `Boligen er ikke tilbudt ${who}`, lines: [(err as ApiError).message] });
    }
  };

  return (
    <Page title={title} crumbs={[home, anvisningCrumb, ledigeCrumb, { text: title }]}>
      <AnvisningTabs current="ledige" />
      {noticeNode}
      {missing ? (
        <Alert variant="warning" heading="Boligen findes ikke" quiet>
          <p className="alert-text">
            Der er ingen ledig bolig nr. {id}, som du kan se. <Link to={ledigePath}>Gå til de ledige boliger</Link>.
          </p>
        </Alert>
      ) : one.error ? (
        <ErrorAlert error={one.error} what="Boligen" onRetry={one.reload} />
      ) : !bolig ? (
        <Loading text="Henter boligen …" />
      ) : (
        <>
          <Section id="boligen" title="Boligen">
            <FactList
              facts={[
                { label: 'Status', content: <StatusCell l={bolig} /> },
                { label: 'Afdeling', value: bolig.afdeling_navn },
                { label: 'Boligorganisation', value: bolig.boligorganisation_navn },
                { label: 'Værelser', value: bolig.vaerelser, kind: 'int' },
                { label: 'Areal', value: bolig.areal_m2, kind: 'm2' },
                { label: 'Husleje pr. måned', value: bolig.husleje_maaned, kind: 'kr' },
                { label: 'Tilgængelig', value: bolig.tilgaengelig ? 'Ja' : 'Nej' },
                { label: 'Ledig fra', value: bolig.ledig_fra, kind: 'date' },
                { label: 'Kommunens svarfrist', value: bolig.svarfrist, kind: 'date' },
                { label: 'Tilbudt', value: `${fmtDateTime(bolig.tilbudt_at)} af ${bolig.tilbudt_af}` },
                ...(bolig.besluttet_at ? [{ label: bolig.status === 'brugt' ? 'Brugt' : 'Returneret', value: `${fmtDateTime(bolig.besluttet_at)} af ${bolig.besluttet_af}` }] : []),
                ...(bolig.status === 'returneret'
                  ? [{ label: 'Returneret fordi', value: [bolig.retur_grund ? returGrundNavn[bolig.retur_grund] : null, bolig.retur_tekst].filter(Boolean).join(': '), wide: true }]
                  : []),
              ]}
            />
            {decides && bolig.status === 'tilbudt' && (
              <div className="button-row">
                <button type="button" className="button button-secondary" onClick={() => setAsk('brug')} disabled={!!open}>
                  <Icon name="check" />
                  Brug boligen
                </button>
                <button type="button" className="button button-secondary" onClick={() => setAsk('returner')} disabled={!!open}>
                  <Icon name="reply" />
                  Returnér boligen
                </button>
              </div>
            )}
            {decides && bolig.status === 'tilbudt' && open && <p className="form-hint">Boligen er tilbudt en ansøger; registrér svaret, før boligen bruges eller returneres.</p>}
          </Section>
          {decides && (
            <>
              <TilbudTable state={tilbud} names={names} onAnswer={setAnswer} />
              {bolig.status === 'tilbudt' && (
                <KandidaterSection bolig={bolig} state={kandidater} dato={dato} onDato={(d) => setQs({ dato: d }, { replace: true })} canOffer={!open} onOffer={offer} />
              )}
            </>
          )}
          <BrugDialog open={ask === 'brug'} bolig={bolig} onClose={() => setAsk(null)} onDone={done} />
          <ReturnerDialog open={ask === 'returner'} bolig={bolig} onClose={() => setAsk(null)} onDone={done} />
          <SvarDialog tilbud={answer} name={answer ? (names.get(answer.ansoeger_id) ?? null) : null} onClose={() => setAnswer(null)} onDone={done} />
        </>
      )}
    </Page>
  );
}

export const grundText = (g: Kandidat['grunde'][number]) => `${grundSlagsNavn[g.slags]}${g.paragraf ? ` (${g.paragraf})` : ''}: ${g.tekst}`;

/** The reasons of one judgment (a case for a dwelling), each with its paragraph; the candidates and a case's dwellings. */
export function GrundList({ grunde }: { grunde: Grund[] }) {
  return grunde.length ? (
    <ul className="grund-list">
      {grunde.map((g, i) => (
        <li key={i} className={`grund grund--${g.slags}`}>
          <strong>
            {grundSlagsNavn[g.slags]}
            {g.paragraf ? ` (${g.paragraf})` : ''}:
          </strong>{' '}
          {g.tekst}
        </li>
      ))}
    </ul>
  ) : (
    <>Opfylder lovens betingelser, behovet og betalingsevnen.</>
  );
}

/** An applicant's name: known from the candidates, else read (and logged) one by one. */
function AnsoegerNavn({ id, known }: { id: number; known: string | null | undefined }) {
  const { data } = useApi<Ansoeger>(known === undefined ? `ansoegere/${id}` : null);
  const navn = known ?? data?.navn ?? null;
  return <Link to={sagPath(id)}>{navn ?? `Ansøger nr. ${id}`}</Link>;
}

function TilbudTable({ state, names, onAnswer }: { state: ApiState<{ items: Tilbud[] }>; names: Map<number, string | null>; onAnswer: (t: Tilbud) => void }) {
  const columns: Column<Tilbud>[] = [
    { key: 'ansoeger', header: 'Ansøger', rowHeader: true, render: (t) => <AnsoegerNavn id={t.ansoeger_id} known={names.has(t.ansoeger_id) ? names.get(t.ansoeger_id) : undefined} /> },
    { key: 'tilbudt_at', header: 'Tilbudt', value: (t) => `${fmtDateTime(t.tilbudt_at)} af ${t.tilbudt_af}` },
    { key: 'status', header: 'Status', render: (t) => <Badge {...tilbudStatusNavn[t.status]} /> },
    {
      key: 'svar',
      header: 'Svar',
      value: (t) =>
        t.status === 'accepteret'
          ? `Lejestart ${fmtDate(t.lejestart)}${t.dage_fra_ansoegning !== null ? `; ${plural(t.dage_fra_ansoegning, 'dag', 'dage')} fra ansøgning til lejestart` : ''}`
          : t.status === 'afslaaet' && t.afslag_grund
            ? afslagGrundNavn[t.afslag_grund]
            : t.besvaret_at
              ? `${fmtDateTime(t.besvaret_at)} af ${t.besvaret_af}`
              : null,
    },
    {
      key: 'handling',
      header: 'Handling',
      render: (t) =>
        t.status === 'tilbudt' ? (
          <button type="button" className="button button-unstyled function-link" onClick={() => onAnswer(t)}>
            <Icon name="edit" />
            Registrér svar<span className="sr-only"> fra {names.get(t.ansoeger_id) ?? `ansøger nr. ${t.ansoeger_id}`}</span>
          </button>
        ) : null,
    },
  ];
  return (
    <Section id="tilbud" title="Tilbud på boligen">
      {state.error ? (
        <ErrorAlert error={state.error} what="Tilbuddene" onRetry={state.reload} />
      ) : !state.data ? (
        <Loading text="Henter tilbud …" />
      ) : state.data.items.length ? (
        <DataTable caption="Tilbud på boligen, nyeste først" captionHidden columns={columns} rows={state.data.items} rowKey={(t) => t.id} />
      ) : (
        <p>Boligen er ikke tilbudt nogen endnu. Vælg en kandidat nedenfor.</p>
      )}
    </Section>
  );
}

function KandidaterSection({
  bolig,
  state,
  dato,
  onDato,
  canOffer,
  onOffer,
}: {
  bolig: Ledig;
  state: ApiState<Kandidater>;
  dato: string | undefined;
  onDato: (d: string) => void;
  canOffer: boolean;
  onOffer: (k: Kandidat) => Promise<void>;
}) {
  const uid = useId();
  const [draft, setDraft] = useState(dato ?? '');
  const touched = useRef(false);
  const [bad, setBad] = useState<string | undefined>();
  const [busy, setBusy] = useState<number | null>(null);
  // While another date is read, the old verdicts are not shown (nor offered from) under the new date.
  const k = state.current;
  // Until the user types one: the date the server judged on (by default the day the dwelling becomes vacant).
  useEffect(() => {
    if (!touched.current && k?.dato) setDraft(k.dato);
  }, [k?.dato]);
  const type = (v: string) => {
    touched.current = true;
    setDraft(v);
  };
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    if (!isIsoDate(draft)) return setBad('Skriv datoen, kandidaterne skal vurderes på.');
    setBad(undefined);
    onDato(draft);
  };
  const columns: Column<Kandidat>[] = [
    { key: 'rang', header: 'Rang', kind: 'int', render: (x) => (x.rang === null ? <span className="value-missing">–</span> : x.rang) },
    {
      key: 'navn',
      header: 'Ansøger',
      rowHeader: true,
      render: (x) => (
        <>
          <Link to={sagPath(x.ansoeger_id)}>{x.navn ?? `Ansøger nr. ${x.ansoeger_id}`}</Link>
          <span className="kandidat-facts">
            {capitalised(x.maalgruppe)}, prioritet {prioritetNavn[x.prioritet] ?? x.prioritet}, ansøgt {fmtDate(x.ansoegt_dato)}
          </span>
        </>
      ),
    },
    { key: 'vurdering', header: 'Vurdering', render: (x) => <Badge {...vurderingNavn[x.vurdering]} /> },
    { key: 'netto_husleje', header: 'Husleje efter anslået boligstøtte', kind: 'kr' },
    { key: 'max_netto_husleje', header: 'Husstandens maksimum', kind: 'kr' },
    {
      key: 'grunde',
      header: 'Begrundelse',
      render: (x) => <GrundList grunde={x.grunde} />,
    },
    ...(canOffer
      ? [
          {
            key: 'tilbyd',
            header: 'Tilbud',
            render: (x: Kandidat) => (
              <button
                type="button"
                className="button button-secondary button-small"
                disabled={busy !== null}
                onClick={() => {
                  setBusy(x.ansoeger_id);
                  void onOffer(x).finally(() => setBusy(null));
                }}
              >
                Tilbyd<span className="sr-only"> boligen til {x.navn ?? `ansøger nr. ${x.ansoeger_id}`}</span>
              </button>
            ),
          },
        ]
      : []),
  ];
  const counts = k ? (['egnet', 'ikke_afgjort', 'udelukket'] as const).map((v) => ({ v, n: k.kandidater.filter((x) => x.vurdering === v).length })) : [];
  return (
    <Section id="kandidater" title="Kandidater">
      <p>
        Kommunens åbne sager vurderet til boligen: lovens betingelser efter områdets kategori (§ 59, stk. 6 og 7), husstandens behov og betalingsevnen efter
        anslået boligstøtte. Egnede ansøgere står først, efter prioritet og ventetid. Visningen logges.
      </p>
      <form className="inline-form" onSubmit={submit} noValidate aria-label="Vurderingsdato">
        <TextField id={`${uid}-dato`} label="Vurdér pr." type="date" hint="Reglerne, listerne og boligstøtten på datoen; som udgangspunkt den dag, boligen bliver ledig." value={draft} error={bad} onChange={type} />
        <div className="form-group">
          <button type="submit" className="button button-secondary">
            Vurdér
          </button>
        </div>
      </form>
      {state.error ? (
        <ErrorAlert error={state.error} what="Kandidaterne" onRetry={state.reload} />
      ) : !k ? (
        <Loading text="Vurderer kandidaterne …" />
      ) : (
        <>
          <p className="kandidat-summary">
            Vurderet pr. {fmtDate(k.dato)}: {counts.map((c) => `${c.n} ${vurderingNavn[c.v].text.toLowerCase()}`).join(', ')}.{' '}
            {k.kategorier.length ? `Området er ${listText(k.kategorier.map((x) => kategoriNavn[x as Kategori] ?? x))}. ` : 'Området er ikke på en liste. '}
            {kategoriKilde(k.kategorier_fra)}
          </p>
          {/* Decision 021: the boligstøtte satser of the date's year are not entered; the estimate uses an earlier year's. */}
          {[...new Set(k.kandidater.map((x) => x.boligstoette_note).filter((x): x is string => !!x))].map((n) => (
            <p key={n} className="form-hint kandidat-satser">
              Boligstøtte: {n}
            </p>
          ))}
          {!canOffer && bolig.status === 'tilbudt' && <p className="form-hint">Boligen afventer svar på et tilbud; der kan ikke gives et nyt, før svaret er registreret.</p>}
          {k.kandidater.length ? (
            <DataTable caption={`Kandidater til ${bolig.adresse} pr. ${fmtDate(k.dato)}`} compact columns={columns} rows={k.kandidater} rowKey={(x) => x.ansoeger_id} busy={state.loading} />
          ) : (
            <p>Kommunen har ingen åbne sager.</p>
          )}
        </>
      )}
    </Section>
  );
}

/* ---------- dialogs ---------- */

function BrugDialog({ open, bolig, onClose, onDone }: { open: boolean; bolig: Ledig; onClose: () => void; onDone: (msg: string) => void }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const confirm = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await postJson(`anvisning/ledige/${bolig.id}/brug`);
      onDone(`${bolig.adresse} er brugt til anvisning.`);
    } catch (e) {
      setProblem((e as ApiError).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <ConfirmDialog open={open} title="Brug boligen?" confirmText="Brug boligen" busy={busy} onConfirm={() => void confirm()} onCancel={onClose}>
      <p>Kommunen bruger {bolig.adresse} til anvisning. Boligorganisationen kan se det.</p>
      {problem && <Alert variant="error">{problem}</Alert>}
    </ConfirmDialog>
  );
}

function ReturnerDialog({ open, bolig, onClose, onDone }: { open: boolean; bolig: Ledig; onClose: () => void; onDone: (msg: string) => void }) {
  const uid = useId();
  const [grund, setGrund] = useState('');
  const [tekst, setTekst] = useState('');
  const [errors, setErrors] = useState<{ grund?: string; tekst?: string }>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (open) {
      setGrund('');
      setTekst('');
      setErrors({});
      setProblem(null);
    }
  }, [open]);
  const confirm = async () => {
    const e: typeof errors = {};
    if (!grund) e.grund = 'Vælg hvorfor boligen returneres.';
    if (grund === 'andet' && !tekst.trim()) e.tekst = 'Skriv en begrundelse, når grunden er "andet".';
    setErrors(e);
    if (Object.keys(e).length) return;
    setBusy(true);
    setProblem(null);
    try {
      await postJson(`anvisning/ledige/${bolig.id}/returner`, { grund, tekst: tekst.trim() || null });
      onDone(`${bolig.adresse} er returneret til ${bolig.boligorganisation_navn}: ${returGrundNavn[grund as ReturGrund].toLowerCase()}.`);
    } catch (err) {
      const f = fieldErrors(err as ApiError);
      setErrors(f);
      if (!Object.keys(f).length) setProblem((err as ApiError).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <ConfirmDialog open={open} title="Returnér boligen?" confirmText="Returnér boligen" busy={busy} onConfirm={() => void confirm()} onCancel={onClose}>
      <p>{bolig.adresse} gives tilbage til {bolig.boligorganisation_navn}, som selv udlejer den. Grunden tæller med i kommunens statistik.</p>
      <SelectField
        id={`${uid}-grund`}
        label="Hvorfor returneres boligen?"
        value={grund}
        placeholder="Vælg grund"
        options={(Object.keys(returGrundNavn) as ReturGrund[]).map((g) => ({ value: g, label: returGrundNavn[g] }))}
        error={errors.grund}
        onChange={setGrund}
      />
      <TextArea id={`${uid}-tekst`} label={grund === 'andet' ? 'Begrundelse' : 'Bemærkning (valgfrit)'} value={tekst} error={errors.tekst} onChange={setTekst} />
      {problem && <Alert variant="error">{problem}</Alert>}
    </ConfirmDialog>
  );
}

type Svar = 'accepteret' | 'afslaaet' | 'udeblevet' | 'annulleret';
const svarNavn: Record<Svar, string> = { accepteret: 'Accepteret', afslaaet: 'Afslået', udeblevet: 'Udeblevet (mødte ikke op / svarede ikke)', annulleret: 'Annullér tilbuddet' };

function SvarDialog({ tilbud, name, onClose, onDone }: { tilbud: Tilbud | null; name: string | null; onClose: () => void; onDone: (msg: string) => void }) {
  const uid = useId();
  const [svar, setSvar] = useState<Svar | ''>('');
  const [lejestart, setLejestart] = useState('');
  const [grund, setGrund] = useState('');
  const [errors, setErrors] = useState<{ svar?: string; lejestart?: string; grund?: string }>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (tilbud) {
      setSvar('');
      setLejestart('');
      setGrund('');
      setErrors({});
      setProblem(null);
    }
  }, [tilbud]);
  const who = name ?? (tilbud ? `ansøger nr. ${tilbud.ansoeger_id}` : '');
  const confirm = async () => {
    if (!tilbud) return;
    const e: typeof errors = {};
    if (!svar) e.svar = 'Vælg ansøgerens svar.';
    if (svar === 'accepteret' && !isIsoDate(lejestart)) e.lejestart = 'Skriv datoen, lejemålet begynder.';
    if (svar === 'afslaaet' && !grund) e.grund = 'Vælg hvorfor tilbuddet blev afslået.';
    setErrors(e);
    if (Object.keys(e).length) return;
    setBusy(true);
    setProblem(null);
    try {
      const body = svar === 'accepteret' ? { svar, lejestart } : svar === 'afslaaet' ? { svar, grund } : { svar };
      await postJson(`anvisning/tilbud/${tilbud.id}/svar`, body);
      onDone(
        svar === 'accepteret'
          ? `${who} har accepteret ${tilbud.adresse} med lejestart ${fmtDate(lejestart)}. Boligen er brugt, og sagen er lukket.`
          : svar === 'afslaaet'
            ? `${who} har afslået ${tilbud.adresse} (${afslagGrundNavn[grund as AfslagGrund].toLowerCase()}). Boligen kan tilbydes den næste.`
            : svar === 'udeblevet'
              ? `${who} er registreret som udeblevet. Boligen kan tilbydes den næste.`
              : `Tilbuddet til ${who} er annulleret.`,
      );
    } catch (err) {
      const f = fieldErrors(err as ApiError);
      setErrors(f);
      if (!Object.keys(f).length) setProblem((err as ApiError).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <ConfirmDialog open={!!tilbud} title={`Svar fra ${who}`} confirmText="Registrér svaret" busy={busy} onConfirm={() => void confirm()} onCancel={onClose}>
      <p>Tilbud om {tilbud?.adresse}.</p>
      <RadioGroup name={`${uid}-svar`} legend="Svar" value={svar} options={(Object.keys(svarNavn) as Svar[]).map((s) => ({ value: s, label: svarNavn[s] }))} onChange={setSvar} error={errors.svar} />
      {svar === 'accepteret' && <TextField id={`${uid}-lejestart`} label="Lejestart" type="date" value={lejestart} error={errors.lejestart} onChange={setLejestart} />}
      {svar === 'afslaaet' && (
        <SelectField
          id={`${uid}-grund`}
          label="Hvorfor blev tilbuddet afslået?"
          value={grund}
          placeholder="Vælg grund"
          options={(Object.keys(afslagGrundNavn) as AfslagGrund[]).map((g) => ({ value: g, label: afslagGrundNavn[g] }))}
          error={errors.grund}
          onChange={setGrund}
        />
      )}
      {problem && <Alert variant="error">{problem}</Alert>}
    </ConfirmDialog>
  );
}

