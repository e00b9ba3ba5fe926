// One case of kommunal anvisning (role boliganvisning only): the applicant (masked CPR, a logged reveal), the
// household (role, age from the birth date, EU/EØS citizenship, student), benefits month by month per member, income,
// need, reason, priority and caseworker; the edit form (PUT /api/ansoegere/:id/sag) with Danish errors at the fields;
// the dwellings that fit an open case (each judged as in its candidate list, with the reasons, the net rent against the
// maximum and a link to the vacancy, where the offer is made); the case's offers; temporary tools (create, close); the
// journal (read, add). Every read is logged by the API.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { fieldErrors, postJson, putJson, useApi, type ApiError, type ApiState } from '../../api.ts';
import { useCan } from '../../auth.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { FactList } from '../../components/FactList.tsx';
import { ErrorSummary, SelectField, TextField } from '../../components/Form.tsx';
import { Icon } from '../../components/Icon.tsx';
import { Page, Section } from '../../components/Page.tsx';
import { Alert, ErrorAlert, Loading } from '../../components/Status.tsx';
import { fmtDate, fmtDateTime, fmtInt, listText, plural } from '../../format.ts';
import { useKommune } from '../../kommune.tsx';
import { kategoriNavn, type Kategori } from '../../lister.ts';
import { Link, useQueryState } from '../../router.tsx';
import type { Ansoeger } from '../../types.ts';
import {
  capitalised,
  daInput,
  fromPeriods,
  isIsoDate,
  isMonth,
  kategoriKilde,
  MAANEDER,
  MAANEDER_KORT,
  memberAge,
  memberLabel,
  midlertidigNavn,
  monthIndex,
  monthText,
  parseDaNumber,
  prioritetNavn,
  rolleNavn,
  roller,
  tilbudStatusNavn,
  afslagGrundNavn,
  toPeriods,
  todayIso,
  vurderingNavn,
  ydelseKort,
  ydelseNavn,
  ydelsesarter,
  type BoligerTilSag,
  type JournalPost,
  type Medlem,
  type Midlertidig,
  type MidlertidigArt,
  type PassendeBolig,
  type Periode,
  type Rolle,
  type Sag,
  type SagInput,
  type Tilbud,
  type Ydelsesart,
} from '../../anvisning.ts';
import { LoggedNotice } from '../Applicants.tsx';
import { AnvisningTabs, anvisningCrumb, Badge, Checkbox, fieldId, fieldIds, fromJaNej, home, jaNej, jaNejText, TextArea, toJaNej, useNotice } from './common.tsx';
import { GrundList, ledigPath } from './Ledige.tsx';

const sagerCrumb = { text: 'Sager', to: '/anvisning/sager' };

export function SagPage({ id }: { id: string }) {
  const { kommune } = useKommune();
  const can = useCan();
  const here = !!kommune && can('applicants', kommune.kode);
  const a = useApi<Ansoeger>(here ? `ansoegere/${id}` : null);
  const s = useApi<{ sag: Sag | null }>(here ? `ansoegere/${id}/sag` : null);
  const [saved, setSaved] = useState<Sag | null | undefined>(undefined);
  const sag = saved !== undefined ? saved : s.data?.sag;
  const [editing, setEditing] = useState(false);
  const [noticeNode, setNotice] = useNotice();
  const journal = useApi<{ items: JournalPost[] }>(here ? `ansoegere/${id}/journal` : null);
  const navn = a.data ? (a.data.navn ?? `Sag nr. ${a.data.id}`) : a.error?.status === 404 ? 'Sagen findes ikke' : 'Sag';

  return (
    <Page title={navn} crumbs={[home, anvisningCrumb, sagerCrumb, { text: navn }]}>
      <AnvisningTabs current="sager" />
      <LoggedNotice />
      {noticeNode}
      {!kommune ? (
        <Loading text="Henter kommuner …" />
      ) : !here ? (
        <Alert variant="info" heading={`Du er ikke boliganvisning i ${kommune.navn}`} quiet className="mt-5">
          <p className="alert-text">Vælg en af de kommuner, hvor du har rollen boliganvisning, øverst på siden.</p>
        </Alert>
      ) : a.error ? (
        <ErrorAlert error={a.error} what="Sagen" onRetry={a.reload} />
      ) : !a.data ? (
        <Loading text="Henter sagen …" />
      ) : (
        <>
          <Ansoegeren a={a.data} sag={sag ?? null} />
          {s.error ? (
            <ErrorAlert error={s.error} what="Sagsoplysningerne" onRetry={s.reload} />
          ) : sag === undefined ? (
            <Loading text="Henter sagsoplysningerne …" />
          ) : editing ? (
            <SagForm
              id={a.data.id}
              sag={sag}
              onCancel={() => setEditing(false)}
              onSaved={(x) => {
                setSaved(x);
                setEditing(false);
                journal.reload();
                setNotice({ variant: 'success', heading: 'Sagsoplysningerne er gemt.' });
              }}
            />
          ) : (
            <SagView sag={sag} open={a.data.status === 'aaben'} onEdit={() => setEditing(true)} />
          )}
          {!editing && (
            <>
              {a.data.status === 'aaben' && <BoligerSection ansoegerId={a.data.id} />}
              <TilbudSection ansoegerId={a.data.id} />
              <Midlertidige ansoegerId={a.data.id} open={a.data.status === 'aaben'} onChange={journal.reload} />
              <Journal ansoegerId={a.data.id} state={journal} />
            </>
          )}
        </>
      )}
    </Page>
  );
}

/* ---------- the applicant ---------- */

function Ansoegeren({ a, sag }: { a: Ansoeger; sag: Sag | null }) {
  const [cpr, setCpr] = useState<string | null>(null);
  const [ask, setAsk] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const reveal = async () => {
    setBusy(true);
    try {
      setCpr((await postJson<Ansoeger>(`ansoegere/${a.id}/vis-cpr`)).cpr);
    } catch (e) {
      setProblem((e as ApiError).message);
    } finally {
      setBusy(false);
      setAsk(false);
    }
  };
  const waited = sag?.ansoegt_dato && isIsoDate(sag.ansoegt_dato) ? Math.round((Date.parse(todayIso()) - Date.parse(sag.ansoegt_dato)) / 86_400_000) : null;
  return (
    <Section id="ansoegeren" title="Ansøgeren">
      <FactList
        facts={[
          {
            label: 'CPR-nummer',
            content:
              a.cpr === null ? (
                <span className="value-missing">slettet</span>
              ) : (
                <span className="cpr-cell">
                  <span className="cpr">{cpr ?? a.cpr}</span>
                  <button type="button" className="button button-unstyled function-link" onClick={() => (cpr ? setCpr(null) : setAsk(true))}>
                    <Icon name={cpr ? 'visibility-off' : 'visibility'} />
                    {cpr ? 'Skjul CPR-nummer' : 'Vis CPR-nummer'}
                  </button>
                </span>
              ),
          },
          { label: 'Målgruppe', value: capitalised(a.maalgruppe) },
          { label: 'Status', content: a.status === 'aaben' ? <Badge text="Åben" badge="badge-info" /> : <Badge text={`Lukket ${fmtDate(a.lukket)}`} badge="badge-success" /> },
          { label: 'Prioritet', value: sag ? (prioritetNavn[sag.prioritet] ?? sag.prioritet) : null },
          { label: 'Ansøgt', value: sag?.ansoegt_dato, kind: 'date' },
          { label: 'Ventetid', value: waited !== null && a.status === 'aaben' ? plural(waited, 'dag', 'dage') : null },
          { label: 'Sagsbehandler', value: sag?.sagsbehandler },
          { label: 'Oprettet', value: a.oprettet, kind: 'date' },
        ]}
      />
      {problem && <Alert variant="error">{problem}</Alert>}
      <ConfirmDialog open={ask} title="Vis CPR-nummer?" confirmText="Vis CPR-nummer" busy={busy} onConfirm={() => void reveal()} onCancel={() => setAsk(false)}>
        <p>
          <strong>Visningen logges.</strong> Dit navn, tidspunktet og ansøgeren ({a.navn}) gemmes i revisionssporet.
        </p>
      </ConfirmDialog>
    </Section>
  );
}

/* ---------- the case, read ---------- */

function SagView({ sag, open, onEdit }: { sag: Sag | null; open: boolean; onEdit: () => void }) {
  const editButton = open && (
    <div className="button-row">
      <button type="button" className="button button-primary" onClick={onEdit}>
        <Icon name="edit" />
        {sag ? 'Ret sagsoplysninger' : 'Udfyld sagsoplysninger'}
      </button>
    </div>
  );
  if (!sag) {
    return (
      <Section id="sagsoplysninger" title="Sagsoplysninger">
        <Alert variant="warning" heading="Sagens oplysninger er ikke udfyldt" quiet>
          <p className="alert-text">Uden husstand, ydelser og behov kan sagen ikke vurderes til en bolig.</p>
        </Alert>
        {editButton}
      </Section>
    );
  }
  const m = sag.husstand.medlemmer;
  const h = sag.husstand;
  return (
    <>
      <Section id="husstand" title="Husstand">
        {editButton}
        <DataTable
          caption={`Husstandens medlemmer (${plural(m.length, 'person', 'personer')})`}
          columns={husstandColumns(m)}
          rows={m}
          rowKey={(x) => x.id}
        />
      </Section>
      <Section id="ydelser" title="Ydelser måned for måned">
        <p className="form-hint">Hvilke ydelser hvert medlem har modtaget i hver kalendermåned. Måneder uden for det oplyste tidsrum er ukendte.</p>
        {m.map((x, i) => (
          <YdelsesGrid key={x.id} m={x} label={memberLabel(x, i, m)} />
        ))}
      </Section>
      <Section id="indkomst" title="Indkomst og behov">
        <FactList
          facts={[
            { label: 'Husstandsindkomst pr. år', value: h.husstandsindkomstAar, kind: 'kr' },
            { label: 'Boligstøtte', value: h.boligstoetteart === 'boligydelse' ? 'Boligydelse' : h.boligstoetteart === 'boligsikring' ? 'Boligsikring' : 'Afgøres af ydelserne' },
            { label: 'Værelser', value: roomText(sag.vaerelser_min, sag.vaerelser_max) },
            { label: 'Tilgængelig bolig', value: sag.tilgaengelig_behov ? 'Har brug for en tilgængelig bolig' : 'Ikke nødvendig' },
            { label: 'Ønskede områder', value: sag.oensker_omraader.length ? listText(sag.oensker_omraader) : 'Ingen ønsker' },
            { label: 'Fravalgte områder', value: sag.undgaa_omraader.length ? listText(sag.undgaa_omraader) : 'Ingen fravalgt' },
            { label: 'Årsag', value: sag.aarsag || null, wide: true },
          ]}
        />
      </Section>
    </>
  );
}

const roomText = (min: number | null, max: number | null) =>
  min !== null && max !== null ? (min === max ? `${min}` : `${min}–${max}`) : min !== null ? `mindst ${min}` : max !== null ? `højst ${max}` : null;

const countFact = (xs: unknown[] | undefined, one: string, many: string) => (xs === undefined ? 'ikke oplyst' : xs.length ? plural(xs.length, one, many) : 'ingen');

function husstandColumns(all: Medlem[]): Column<Medlem>[] {
  return [
    { key: 'navn', header: 'Medlem', rowHeader: true, value: (m) => memberLabel(m, all.indexOf(m), all) },
    { key: 'rolle', header: 'Rolle', value: (m) => rolleNavn[m.rolle] },
    { key: 'alder', header: 'Alder', kind: 'int', render: (m) => { const a = memberAge(m); return a === null ? <span className="value-missing">ikke oplyst</span> : `${fmtInt(a)} år`; } },
    { key: 'foedselsdato', header: 'Fødselsdato', kind: 'date' },
    { key: 'eu', header: 'Statsborger i EU/EØS/Schweiz', value: (m) => jaNejText(m.euEoesSchweiz) },
    { key: 'studerende', header: 'Studerende', value: (m) => jaNejText(m.studerende) },
    {
      key: 'oevrigt',
      header: 'Øvrige oplysninger',
      value: (m) =>
        [
          m.rolle === 'samlever' && m.samleverSiden ? `samlever siden ${fmtDate(m.samleverSiden)}` : null,
          `løsladelser: ${countFact(m.loesladelser, 'løsladelse', 'løsladelser')}`,
          `ophævede lejemål: ${countFact(m.lejemaalOphaevet, 'lejemål', 'lejemål')}`,
        ]
          .filter(Boolean)
          .join('; '),
    },
  ];
}

/** A compact grid of one member's benefits: a row per year, a column per month. */
export function YdelsesGrid({ m, label }: { m: Medlem; label: string }) {
  const y = m.ydelser;
  if (!y || !isMonth(y.oplystFra) || !isMonth(y.oplystTil)) {
    return (
      <p>
        <strong>{label}:</strong> <span className="value-missing">ydelser ikke oplyst</span>
      </p>
    );
  }
  const fra = monthIndex(y.oplystFra);
  const til = monthIndex(y.oplystTil);
  const byMonth = new Map<number, Ydelsesart[]>();
  for (const x of y.maaneder) byMonth.set(monthIndex(x.maaned), [...(byMonth.get(monthIndex(x.maaned)) ?? []), x.art]);
  const years: number[] = [];
  for (let yr = Math.floor(fra / 12); yr <= Math.floor(til / 12); yr++) years.push(yr);
  const used = ydelsesarter.filter((a) => y.maaneder.some((x) => x.art === a));
  return (
    <div className="ydelse-grid-wrap">
      <div className="table--responsive-scroll" tabIndex={0}>
        <table className="table table--compact ydelse-grid">
          <caption>
            {label}: oplyst {monthText(y.oplystFra)} – {monthText(y.oplystTil)}
          </caption>
          <thead>
            <tr>
              <th scope="col">År</th>
              {MAANEDER_KORT.map((k, i) => (
                <th scope="col" key={k}>
                  <span aria-hidden="true">{k}</span>
                  <span className="sr-only">{MAANEDER[i]}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {years.map((yr) => (
              <tr key={yr}>
                <th scope="row">{yr}</th>
                {MAANEDER.map((_, mo) => {
                  const i = yr * 12 + mo;
                  if (i < fra || i > til) {
                    return (
                      <td key={mo} className="ydelse-ukendt">
                        <span aria-hidden="true">·</span>
                        <span className="sr-only">ikke oplyst</span>
                      </td>
                    );
                  }
                  const arts = byMonth.get(i) ?? [];
                  return (
                    <td key={mo} className={arts.length ? 'ydelse-ja' : 'ydelse-nej'}>
                      <span aria-hidden="true">{arts.length ? arts.map((a) => ydelseKort[a]).join('+') : '–'}</span>
                      <span className="sr-only">{arts.length ? listText(arts.map((a) => ydelseNavn[a])) : 'ingen ydelse'}</span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="form-hint ydelse-legend" aria-hidden="true">
        {used.map((a) => `${ydelseKort[a]}: ${ydelseNavn[a]}`).join(' · ')}
        {used.length ? ' · ' : ''}–: ingen ydelse · ·: ikke oplyst
      </p>
    </div>
  );
}

/* ---------- the case, edited ---------- */

interface MedlemDraft {
  key: number;
  orig: Medlem | null;
  id: string;
  navn: string;
  rolle: Rolle;
  foedselsdato: string;
  alder: string;
  eu: string;
  studerende: string;
  samleverSiden: string;
  loesladelser: string;
  lejemaal: string;
  harYdelser: boolean;
  oplystFra: string;
  oplystTil: string;
  perioder: Periode[];
}
interface SagDraft {
  prioritet: string;
  ansoegt_dato: string;
  sagsbehandler: string;
  vaerelser_min: string;
  vaerelser_max: string;
  tilgaengelig_behov: boolean;
  oensker: string;
  undgaa: string;
  aarsag: string;
  indkomst: string;
  boligstoetteart: string;
  medlemmer: MedlemDraft[];
}

let draftKey = 0;
/** '' not known, 'ingen' none, 'behold' the dates registered (kept as they are). */
const knownList = (xs: unknown[] | undefined) => (xs === undefined ? '' : xs.length ? 'behold' : 'ingen');

function toDraft(sag: Sag | null): SagDraft {
  const ms: Medlem[] = sag?.husstand.medlemmer ?? [{ id: 'a', rolle: 'ansoeger' }];
  return {
    prioritet: sag ? String(sag.prioritet) : '',
    ansoegt_dato: sag?.ansoegt_dato ?? todayIso(),
    sagsbehandler: sag?.sagsbehandler ?? '',
    vaerelser_min: sag?.vaerelser_min == null ? '' : String(sag.vaerelser_min),
    vaerelser_max: sag?.vaerelser_max == null ? '' : String(sag.vaerelser_max),
    tilgaengelig_behov: sag?.tilgaengelig_behov ?? false,
    oensker: sag?.oensker_omraader.join(', ') ?? '',
    undgaa: sag?.undgaa_omraader.join(', ') ?? '',
    aarsag: sag?.aarsag ?? '',
    indkomst: daInput(sag?.husstand.husstandsindkomstAar),
    boligstoetteart: sag?.husstand.boligstoetteart ?? '',
    medlemmer: ms.map((m) => ({
      key: ++draftKey,
      orig: m,
      id: m.id,
      navn: m.navn ?? '',
      rolle: m.rolle,
      foedselsdato: m.foedselsdato ?? '',
      alder: m.alder == null ? '' : String(m.alder),
      eu: toJaNej(m.euEoesSchweiz),
      studerende: toJaNej(m.studerende),
      samleverSiden: m.samleverSiden ?? '',
      loesladelser: knownList(m.loesladelser),
      lejemaal: knownList(m.lejemaalOphaevet),
      harYdelser: !!m.ydelser,
      oplystFra: m.ydelser?.oplystFra ?? '',
      oplystTil: m.ydelser?.oplystTil ?? '',
      perioder: m.ydelser ? toPeriods(m.ydelser.maaneder) : [],
    })),
  };
}

const splitList = (s: string) => s.split(/[,;\n]/).map((x) => x.trim()).filter(Boolean);
const wholeNumber = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : null);

/** The Danish problems of the draft, by the field's path in the API's body (as its 400 answers name them). */
function check(d: SagDraft): Record<string, string> {
  const e: Record<string, string> = {};
  if (!['1', '2', '3'].includes(d.prioritet)) e.prioritet = 'Vælg sagens prioritet.';
  if (!isIsoDate(d.ansoegt_dato)) e.ansoegt_dato = 'Skriv datoen for ansøgningen.';
  else if (d.ansoegt_dato > todayIso()) e.ansoegt_dato = 'Ansøgningsdatoen kan ikke ligge i fremtiden.';
  const min = d.vaerelser_min.trim() ? wholeNumber(d.vaerelser_min) : null;
  const max = d.vaerelser_max.trim() ? wholeNumber(d.vaerelser_max) : null;
  if (d.vaerelser_min.trim() && (min === null || min < 1 || min > 20)) e.vaerelser_min = 'Skriv et helt antal værelser fra 1 til 20.';
  if (d.vaerelser_max.trim() && (max === null || max < 1 || max > 20)) e.vaerelser_max = 'Skriv et helt antal værelser fra 1 til 20.';
  if (min !== null && max !== null && !e.vaerelser_min && !e.vaerelser_max && max < min) e.vaerelser_max = `Højst antal værelser kan ikke være færre end mindst antal (${min}).`;
  if (d.indkomst.trim()) {
    const n = parseDaNumber(d.indkomst);
    if (n === null || n < 0) e['husstand.husstandsindkomstAar'] = 'Skriv husstandsindkomsten i kr. om året, fx 146.000.';
  }
  const ansoegere = d.medlemmer.filter((m) => m.rolle === 'ansoeger').length;
  if (ansoegere !== 1) e['husstand.medlemmer'] = 'Husstanden skal have præcis én ansøger.';
  else if (d.medlemmer.filter((m) => m.rolle === 'aegtefaelle' || m.rolle === 'samlever').length > 1) e['husstand.medlemmer'] = 'Husstanden kan højst have én ægtefælle eller samlever.';
  d.medlemmer.forEach((m, i) => {
    const p = `husstand.medlemmer.${i}`;
    if (m.foedselsdato && !isIsoDate(m.foedselsdato)) e[`${p}.foedselsdato`] = 'Skriv fødselsdatoen som en gyldig dato.';
    else if (m.foedselsdato > todayIso()) e[`${p}.foedselsdato`] = 'Fødselsdatoen kan ikke ligge i fremtiden.';
    if (!m.foedselsdato && m.alder.trim() && (wholeNumber(m.alder) === null || wholeNumber(m.alder)! > 120)) e[`${p}.alder`] = 'Skriv alderen i hele år fra 0 til 120.';
    if (m.rolle === 'samlever' && m.samleverSiden && !isIsoDate(m.samleverSiden)) e[`${p}.samleverSiden`] = 'Skriv datoen som en gyldig dato.';
    if (m.harYdelser) {
      if (!isMonth(m.oplystFra)) e[`${p}.ydelser.oplystFra`] = 'Skriv måneden som ÅÅÅÅ-MM, fx 2025-01.';
      if (!isMonth(m.oplystTil)) e[`${p}.ydelser.oplystTil`] = 'Skriv måneden som ÅÅÅÅ-MM, fx 2026-12.';
      else if (isMonth(m.oplystFra) && m.oplystTil < m.oplystFra) e[`${p}.ydelser.oplystTil`] = 'Det oplyste tidsrum skal slutte efter, det begynder.';
      m.perioder.forEach((x, j) => {
        if (!isMonth(x.fra) || !isMonth(x.til)) e[`${p}.perioder.${j}`] = 'Skriv periodens måneder som ÅÅÅÅ-MM, fx 2025-01.';
        else if (x.til < x.fra) e[`${p}.perioder.${j}`] = 'Perioden skal slutte efter, den begynder.';
        else if (isMonth(m.oplystFra) && isMonth(m.oplystTil) && (x.fra < m.oplystFra || x.til > m.oplystTil)) e[`${p}.perioder.${j}`] = 'Perioden skal ligge inden for det oplyste tidsrum.';
      });
    }
  });
  return e;
}

function toInput(d: SagDraft): SagInput {
  const kept = <T,>(v: string, orig: T[] | undefined): T[] | undefined => (v === 'ingen' ? [] : v === 'behold' ? (orig ?? []) : undefined);
  const indkomst = d.indkomst.trim() ? parseDaNumber(d.indkomst)! : undefined;
  return {
    prioritet: Number(d.prioritet),
    ansoegt_dato: d.ansoegt_dato,
    sagsbehandler: d.sagsbehandler.trim() || null,
    vaerelser_min: d.vaerelser_min.trim() ? Number(d.vaerelser_min) : null,
    vaerelser_max: d.vaerelser_max.trim() ? Number(d.vaerelser_max) : null,
    tilgaengelig_behov: d.tilgaengelig_behov,
    oensker_omraader: splitList(d.oensker),
    undgaa_omraader: splitList(d.undgaa),
    aarsag: d.aarsag.trim(),
    husstand: {
      ...(indkomst === undefined ? {} : { husstandsindkomstAar: indkomst }),
      ...(d.boligstoetteart ? { boligstoetteart: d.boligstoetteart as 'boligydelse' | 'boligsikring' } : {}),
      medlemmer: d.medlemmer.map((m) => {
        const out: Medlem = { id: m.id, rolle: m.rolle };
        if (m.navn.trim()) out.navn = m.navn.trim();
        if (m.foedselsdato) out.foedselsdato = m.foedselsdato;
        else if (m.alder.trim()) out.alder = Number(m.alder);
        const eu = fromJaNej(m.eu);
        if (eu !== undefined) out.euEoesSchweiz = eu;
        const st = fromJaNej(m.studerende);
        if (st !== undefined) out.studerende = st;
        const l = kept(m.loesladelser, m.orig?.loesladelser);
        if (l) out.loesladelser = l;
        const o = kept(m.lejemaal, m.orig?.lejemaalOphaevet);
        if (o) out.lejemaalOphaevet = o;
        if (m.rolle === 'samlever' && m.samleverSiden) out.samleverSiden = m.samleverSiden;
        if (m.harYdelser) out.ydelser = { oplystFra: m.oplystFra, oplystTil: m.oplystTil, maaneder: fromPeriods(m.perioder) };
        return out;
      }),
    },
  };
}

function SagForm({ id, sag, onCancel, onSaved }: { id: number; sag: Sag | null; onCancel: () => void; onSaved: (s: Sag) => void }) {
  const uid = useId();
  const [d, setD] = useState<SagDraft>(() => toDraft(sag));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof SagDraft>(k: K, v: SagDraft[K]) => setD((x) => ({ ...x, [k]: v }));
  const setM = (i: number, patch: Partial<MedlemDraft>) => setD((x) => ({ ...x, medlemmer: x.medlemmer.map((m, j) => (j === i ? { ...m, ...patch } : m)) }));
  const fid = (k: string) => fieldId(uid, k);

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    setMessage(null);
    const problems = check(d);
    setErrors(problems);
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      const res = await putJson<{ sag: Sag }>(`ansoegere/${id}/sag`, toInput(d));
      onSaved(res.sag);
    } catch (err) {
      const f = fieldErrors(err as ApiError);
      setErrors(f);
      if (!Object.keys(f).length) setMessage((err as ApiError).message);
    } finally {
      setBusy(false);
    }
  };

  const addMember = () => {
    const used = new Set(d.medlemmer.map((m) => m.id));
    let n = d.medlemmer.length + 1;
    while (used.has(`m${n}`)) n++;
    set('medlemmer', [
      ...d.medlemmer,
      { key: ++draftKey, orig: null, id: `m${n}`, navn: '', rolle: 'barn', foedselsdato: '', alder: '', eu: '', studerende: '', samleverSiden: '', loesladelser: '', lejemaal: '', harYdelser: false, oplystFra: '', oplystTil: '', perioder: [] },
    ]);
  };
  const known = [
    { value: '', label: 'Ikke oplyst' },
    { value: 'ingen', label: 'Ingen' },
  ];

  return (
    <Section id="ret-sagen" title={sag ? 'Ret sagsoplysninger' : 'Udfyld sagsoplysninger'}>
      <ErrorSummary errors={fieldIds(uid, errors)} message={message} heading="Sagsoplysningerne er ikke gemt" />
      <form onSubmit={submit} noValidate aria-label="Sagsoplysninger" className="sag-form">
        <fieldset className="sag-fieldset">
          <legend className="h3">Sagen</legend>
          <div className="form-row">
            <SelectField
              id={fid('prioritet')}
              label="Prioritet"
              hint="1 er mest akut."
              value={d.prioritet}
              placeholder="Vælg prioritet"
              options={[1, 2, 3].map((p) => ({ value: String(p), label: prioritetNavn[p] }))}
              error={errors.prioritet}
              onChange={(v) => set('prioritet', v)}
            />
            <TextField id={fid('ansoegt_dato')} label="Ansøgt" type="date" value={d.ansoegt_dato} error={errors.ansoegt_dato} onChange={(v) => set('ansoegt_dato', v)} />
            <TextField id={fid('sagsbehandler')} label="Sagsbehandler (valgfrit)" value={d.sagsbehandler} error={errors.sagsbehandler} onChange={(v) => set('sagsbehandler', v)} autoComplete="off" />
          </div>
          <TextArea id={fid('aarsag')} label="Årsag til ansøgningen" value={d.aarsag} error={errors.aarsag} onChange={(v) => set('aarsag', v)} />
        </fieldset>

        <fieldset className="sag-fieldset">
          <legend className="h3">Behov</legend>
          <div className="form-row">
            <TextField id={fid('vaerelser_min')} label="Mindst antal værelser" inputMode="numeric" inputClassName="input-width-xs" value={d.vaerelser_min} error={errors.vaerelser_min} onChange={(v) => set('vaerelser_min', v)} />
            <TextField id={fid('vaerelser_max')} label="Højst antal værelser" inputMode="numeric" inputClassName="input-width-xs" value={d.vaerelser_max} error={errors.vaerelser_max} onChange={(v) => set('vaerelser_max', v)} />
          </div>
          <Checkbox id={fid('tilgaengelig_behov')} label="Husstanden har brug for en tilgængelig bolig" checked={d.tilgaengelig_behov} onChange={(v) => set('tilgaengelig_behov', v)} />
          <div className="form-row">
            <TextField id={fid('oensker_omraader')} label="Ønskede områder (valgfrit)" hint="Afdelinger eller boligområder, adskilt af komma." value={d.oensker} error={errors.oensker_omraader} onChange={(v) => set('oensker', v)} />
            <TextField id={fid('undgaa_omraader')} label="Fravalgte områder (valgfrit)" hint="Områder husstanden ikke må anvises til, adskilt af komma." value={d.undgaa} error={errors.undgaa_omraader} onChange={(v) => set('undgaa', v)} />
          </div>
        </fieldset>

        <fieldset className="sag-fieldset">
          <legend className="h3">Indkomst</legend>
          <div className="form-row">
            <TextField
              id={fid('husstand.husstandsindkomstAar')}
              label="Husstandsindkomst pr. år (kr.)"
              hint="Brutto, som boligstøtteloven § 8 opgør den."
              inputMode="decimal"
              inputClassName="input-width-s"
              value={d.indkomst}
              error={errors['husstand.husstandsindkomstAar']}
              onChange={(v) => set('indkomst', v)}
            />
            <SelectField
              id={fid('husstand.boligstoetteart')}
              label="Boligstøtte"
              value={d.boligstoetteart}
              options={[
                { value: '', label: 'Afgøres af ydelserne' },
                { value: 'boligydelse', label: 'Boligydelse' },
                { value: 'boligsikring', label: 'Boligsikring' },
              ]}
              error={errors['husstand.boligstoetteart']}
              onChange={(v) => set('boligstoetteart', v)}
            />
          </div>
        </fieldset>

        <div id={fid('husstand.medlemmer')} tabIndex={-1} className={`sag-members focus-target${errors['husstand.medlemmer'] ? ' form-error' : ''}`}>
          <h3>Husstandens medlemmer</h3>
          {errors['husstand.medlemmer'] && (
            <span className="form-error-message">
              <span className="sr-only">Fejl: </span>
              {errors['husstand.medlemmer']}
            </span>
          )}
          {d.medlemmer.map((m, i) => {
            const p = `husstand.medlemmer.${i}`;
            const label = `Medlem ${i + 1}${m.navn.trim() ? `: ${m.navn.trim()}` : `: ${rolleNavn[m.rolle]}`}`;
            return (
              <fieldset className="sag-fieldset sag-member" key={m.key}>
                <legend className="h4">{label}</legend>
                <div className="form-row">
                  <TextField id={fid(`${p}.navn`)} label="Navn eller betegnelse (valgfrit)" value={m.navn} error={errors[`${p}.navn`]} onChange={(v) => setM(i, { navn: v })} autoComplete="off" />
                  <SelectField id={fid(`${p}.rolle`)} label="Rolle" value={m.rolle} options={roller.map((r) => ({ value: r, label: rolleNavn[r] }))} error={errors[`${p}.rolle`]} onChange={(v) => setM(i, { rolle: v as Rolle })} />
                  <TextField id={fid(`${p}.foedselsdato`)} label="Fødselsdato" type="date" value={m.foedselsdato} error={errors[`${p}.foedselsdato`]} onChange={(v) => setM(i, { foedselsdato: v })} />
                  {!m.foedselsdato && (
                    <TextField id={fid(`${p}.alder`)} label="Alder (når fødselsdatoen ikke kendes)" inputMode="numeric" inputClassName="input-width-xs" value={m.alder} error={errors[`${p}.alder`]} onChange={(v) => setM(i, { alder: v })} />
                  )}
                </div>
                <div className="form-row">
                  <SelectField id={fid(`${p}.euEoesSchweiz`)} label="Statsborger i EU/EØS/Schweiz" value={m.eu} options={jaNej} onChange={(v) => setM(i, { eu: v })} />
                  <SelectField id={fid(`${p}.studerende`)} label="Studerende" value={m.studerende} options={jaNej} onChange={(v) => setM(i, { studerende: v })} />
                  <SelectField
                    id={fid(`${p}.loesladelser`)}
                    label="Løsladelser efter dom"
                    value={m.loesladelser}
                    options={[...known, ...(m.orig?.loesladelser?.length ? [{ value: 'behold', label: `Som registreret (${m.orig.loesladelser.length})` }] : [])]}
                    onChange={(v) => setM(i, { loesladelser: v })}
                  />
                  <SelectField
                    id={fid(`${p}.lejemaalOphaevet`)}
                    label="Ophævede lejemål"
                    value={m.lejemaal}
                    options={[...known, ...(m.orig?.lejemaalOphaevet?.length ? [{ value: 'behold', label: `Som registreret (${m.orig.lejemaalOphaevet.length})` }] : [])]}
                    onChange={(v) => setM(i, { lejemaal: v })}
                  />
                  {m.rolle === 'samlever' && (
                    <TextField id={fid(`${p}.samleverSiden`)} label="Samlever siden" type="date" value={m.samleverSiden} error={errors[`${p}.samleverSiden`]} onChange={(v) => setM(i, { samleverSiden: v })} />
                  )}
                </div>
                <Checkbox id={fid(`${p}.harYdelser`)} label="Ydelserne er oplyst" hint="Måned for måned i et tidsrum; måneder uden en periode nedenfor havde ingen ydelse." checked={m.harYdelser} onChange={(v) => setM(i, { harYdelser: v })} />
                {m.harYdelser && (
                  <div className="sag-ydelser">
                    <div className="form-row">
                      <TextField id={fid(`${p}.ydelser.oplystFra`)} label="Oplyst fra måned" hint="ÅÅÅÅ-MM" inputClassName="input-width-xs" value={m.oplystFra} error={errors[`${p}.ydelser.oplystFra`]} onChange={(v) => setM(i, { oplystFra: v })} />
                      <TextField id={fid(`${p}.ydelser.oplystTil`)} label="Oplyst til måned" hint="ÅÅÅÅ-MM" inputClassName="input-width-xs" value={m.oplystTil} error={errors[`${p}.ydelser.oplystTil`]} onChange={(v) => setM(i, { oplystTil: v })} />
                    </div>
                    {m.perioder.map((x, j) => {
                      const k = `${p}.perioder.${j}`;
                      const upd = (patch: Partial<Periode>) => setM(i, { perioder: m.perioder.map((y, n) => (n === j ? { ...y, ...patch } : y)) });
                      return (
                        <div className={`form-row periode-row${errors[k] ? ' form-error' : ''}`} key={j} id={fid(k)} tabIndex={-1}>
                          <SelectField id={fid(`${k}.art`)} label={`Ydelse, periode ${j + 1}`} value={x.art} options={ydelsesarter.map((a) => ({ value: a, label: capitalised(ydelseNavn[a]) }))} onChange={(v) => upd({ art: v as Ydelsesart })} />
                          <TextField id={fid(`${k}.fra`)} label="Fra måned" hint="ÅÅÅÅ-MM" inputClassName="input-width-xs" value={x.fra} error={errors[k]} onChange={(v) => upd({ fra: v })} />
                          <TextField id={fid(`${k}.til`)} label="Til måned" hint="ÅÅÅÅ-MM" inputClassName="input-width-xs" value={x.til} onChange={(v) => upd({ til: v })} />
                          <div className="form-group">
                            <button type="button" className="button button-tertiary" onClick={() => setM(i, { perioder: m.perioder.filter((_, n) => n !== j) })}>
                              <Icon name="delete" />
                              Fjern periode {j + 1}
                              <span className="sr-only"> for {label}</span>
                            </button>
                          </div>
                        </div>
                      );
                    })}
                    <button type="button" className="button button-secondary" onClick={() => setM(i, { perioder: [...m.perioder, { art: 'kontanthjaelp', fra: m.oplystFra, til: m.oplystTil }] })}>
                      <Icon name="plus" />
                      Tilføj periode<span className="sr-only"> for {label}</span>
                    </button>
                  </div>
                )}
                {m.rolle !== 'ansoeger' && (
                  <div className="button-row">
                    <button type="button" className="button button-tertiary" onClick={() => set('medlemmer', d.medlemmer.filter((_, j) => j !== i))}>
                      <Icon name="person-remove" />
                      Fjern {label.replace(/^Medlem \d+: /, '')}
                      <span className="sr-only"> fra husstanden</span>
                    </button>
                  </div>
                )}
              </fieldset>
            );
          })}
          <button type="button" className="button button-secondary" onClick={addMember}>
            <Icon name="person-add" />
            Tilføj medlem
          </button>
        </div>

        <div className="button-row mt-6">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Gemmer …' : 'Gem sagsoplysninger'}
          </button>
          <button type="button" className="button button-secondary" onClick={onCancel}>
            Annuller
          </button>
        </div>
      </form>
    </Section>
  );
}

/* ---------- the dwellings that fit ---------- */

const vaer = (n: number) => plural(n, 'vær.', 'vær.');

function BoligerSection({ ansoegerId }: { ansoegerId: number }) {
  const uid = useId();
  const [qs, setQs] = useQueryState();
  const dato = qs.get('dato') && isIsoDate(qs.get('dato')!) ? qs.get('dato')! : undefined;
  // Reading the dwellings reads (and logs) the case; only for an open case.
  const state = useApi<BoligerTilSag>(`ansoegere/${ansoegerId}/boliger`, { dato });
  const [draft, setDraft] = useState(dato ?? '');
  const touched = useRef(false);
  const [bad, setBad] = useState<string | undefined>();
  useEffect(() => {
    if (!touched.current) setDraft(dato ?? '');
  }, [dato]);
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    if (draft && !isIsoDate(draft)) return setBad('Skriv datoen som en gyldig dato, eller lad feltet stå tomt.');
    setBad(undefined);
    setQs({ dato: draft || null }, { replace: true });
  };
  // While another date is read, the old verdicts are not shown under the new date's caption.
  const b = state.current?.boliger;
  const columns: Column<PassendeBolig>[] = [
    { key: 'rang', header: 'Rang', kind: 'int', render: (x) => (x.rang === null ? <span className="value-missing">–</span> : x.rang) },
    {
      key: 'adresse',
      header: 'Bolig',
      rowHeader: true,
      render: (x) => (
        <>
          <Link to={dato ? `${ledigPath(x.id)}?dato=${dato}` : ledigPath(x.id)}>{x.adresse}</Link>
          <span className="kandidat-facts">
            {x.afdeling_navn}, {vaer(x.vaerelser)}, {fmtInt(x.areal_m2)} m², husleje {fmtInt(x.husleje_maaned)} kr.{x.tilgaengelig ? ', tilgængelig' : ''}
          </span>
          <span className="kandidat-facts">
            Ledig fra {fmtDate(x.ledig_fra)}, svarfrist {fmtDate(x.svarfrist)}
            {dato ? '' : `; vurderet pr. ${fmtDate(x.dato)}`}
          </span>
          {x.kategorier.length > 0 && <span className="kandidat-facts">{listText(x.kategorier.map((k) => kategoriNavn[k as Kategori] ?? k))}</span>}
        </>
      ),
    },
    { key: 'vurdering', header: 'Vurdering', render: (x) => <Badge {...vurderingNavn[x.vurdering]} /> },
    { key: 'netto_husleje', header: 'Husleje efter anslået boligstøtte', kind: 'kr' },
    { key: 'max_netto_husleje', header: 'Husstandens maksimum', kind: 'kr' },
    { key: 'grunde', header: 'Begrundelse', render: (x) => <GrundList grunde={x.grunde} /> },
  ];
  const counts = b ? (['egnet', 'ikke_afgjort', 'udelukket'] as const).map((v) => ({ v, n: b.filter((x) => x.vurdering === v).length })) : [];
  // Decision 021: the note belongs to the rows whose net rent rests on an earlier year's satser.
  const notes = b ? [...new Set(b.map((x) => x.boligstoette_note).filter((x): x is string => !!x))] : [];
  const withNet = b?.filter((x) => x.netto_husleje !== null) ?? [];
  const lists = b ? [...new Set(b.map((x) => kategoriKilde(x.kategorier_fra)))] : [];
  return (
    <Section id="boliger" title="Boliger der passer">
      <p>
        Kommunens ledige boliger til rådighed vurderet til sagen som i boligens kandidatliste: lovens betingelser efter områdets kategori (§ 59, stk. 6 og 7),
        husstandens behov og betalingsevnen efter anslået boligstøtte. Boliger, der passer, står først, efter svarfrist og husleje. Boligen tilbydes fra
        boligens side. Visningen logges.
      </p>
      <form className="inline-form" onSubmit={submit} noValidate aria-label="Vurderingsdato for boligerne">
        <TextField
          id={`${uid}-dato`}
          label="Vurdér pr. (valgfrit)"
          type="date"
          hint="Tomt: hver bolig pr. den dag, den bliver ledig (i dag, hvis den allerede er ledig)."
          value={draft}
          error={bad}
          onChange={(v) => {
            touched.current = true;
            setDraft(v);
          }}
        />
        <div className="form-group">
          <button type="submit" className="button button-secondary">
            Vurdér boligerne
          </button>
        </div>
      </form>
      {state.error ? (
        <ErrorAlert error={state.error} what="Boligerne" onRetry={state.reload} />
      ) : !b ? (
        <Loading text="Vurderer boligerne …" />
      ) : !b.length ? (
        <p>Kommunen har ingen ledige boliger til rådighed lige nu.</p>
      ) : (
        <>
          <p className="kandidat-summary">
            {dato ? `Vurderet pr. ${fmtDate(dato)}` : 'Hver bolig vurderet pr. den dag, den bliver ledig'}: {counts.map((c) => `${c.n} ${vurderingNavn[c.v].text.toLowerCase()}`).join(', ')}. {lists.join(' ')}
          </p>
          {notes.map((n) => {
            const which = withNet.filter((x) => x.boligstoette_note === n);
            return (
              <p key={n} className="form-hint kandidat-satser">
                Boligstøtte{which.length < withNet.length ? ` for ${listText(which.map((x) => x.adresse))}` : ''}: {n}
              </p>
            );
          })}
          <DataTable caption={dato ? `Ledige boliger vurderet til sagen pr. ${fmtDate(dato)}` : 'Ledige boliger vurderet til sagen'} compact columns={columns} rows={b} rowKey={(x) => x.id} />
        </>
      )}
    </Section>
  );
}

/* ---------- offers ---------- */

function TilbudSection({ ansoegerId }: { ansoegerId: number }) {
  const { data, error, reload } = useApi<{ items: Tilbud[] }>('anvisning/tilbud', { ansoeger_id: ansoegerId });
  const columns: Column<Tilbud>[] = [
    { key: 'adresse', header: 'Bolig', rowHeader: true, render: (t) => <Link to={ledigPath(t.anvisningsbolig_id)}>{t.adresse}</Link> },
    { key: 'tilbudt_at', header: 'Tilbudt', kind: 'date', value: (t) => t.tilbudt_at },
    { key: 'status', header: 'Status', render: (t) => <Badge {...tilbudStatusNavn[t.status]} /> },
    {
      key: 'svar',
      header: 'Svar',
      value: (t) =>
        t.status === 'accepteret'
          ? `Lejestart ${fmtDate(t.lejestart)}${t.dage_fra_ansoegning !== null ? ` (${plural(t.dage_fra_ansoegning, 'dag', 'dage')} fra ansøgning)` : ''}`
          : t.status === 'afslaaet' && t.afslag_grund
            ? `Afslået: ${afslagGrundNavn[t.afslag_grund]}`
            : t.besvaret_at
              ? fmtDate(t.besvaret_at)
              : null,
    },
  ];
  return (
    <Section id="tilbud" title="Tilbud">
      {error ? (
        <ErrorAlert error={error} what="Tilbuddene" onRetry={reload} />
      ) : !data ? (
        <Loading text="Henter tilbud …" />
      ) : data.items.length ? (
        <DataTable caption="Sagens tilbud, nyeste først" captionHidden columns={columns} rows={data.items} rowKey={(t) => t.id} />
      ) : (
        <p>Ansøgeren har ikke fået tilbudt en bolig endnu. Tilbud gives fra en ledig boligs side under Ledige boliger.</p>
      )}
    </Section>
  );
}

/* ---------- temporary tools ---------- */

type MidField = 'art' | 'beloeb_maaned' | 'fra' | 'til' | 'opfoelgning' | 'ved_udloeb';

function Midlertidige({ ansoegerId, open, onChange }: { ansoegerId: number; open: boolean; onChange: () => void }) {
  const uid = useId();
  // This case's tools only (the read is logged for the case).
  const { data, error, reload } = useApi<{ items: Midlertidig[] }>('anvisning/midlertidige', { ansoeger_id: ansoegerId });
  const mine = data?.items ?? [];
  const [v, setV] = useState<Record<MidField, string>>({ art: '', beloeb_maaned: '', fra: todayIso(), til: '', opfoelgning: '', ved_udloeb: '' });
  const [errors, setErrors] = useState<Partial<Record<MidField, string>>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [closing, setClosing] = useState<Midlertidig | null>(null);
  const [noticeNode, setNotice] = useNotice();
  const set = (k: MidField) => (x: string) => setV((o) => ({ ...o, [k]: x }));

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    setMessage(null);
    const e: Partial<Record<MidField, string>> = {};
    if (!v.art) e.art = 'Vælg ordningen.';
    const beloeb = parseDaNumber(v.beloeb_maaned);
    if (v.art === 'huslejetilskud' && (beloeb === null || beloeb <= 0)) e.beloeb_maaned = 'Skriv tilskuddet i kr. pr. måned, fx 500.';
    if (!isIsoDate(v.fra)) e.fra = 'Skriv datoen, ordningen begynder.';
    if (!isIsoDate(v.til)) e.til = 'Skriv datoen, ordningen slutter.';
    else if (isIsoDate(v.fra) && v.til < v.fra) e.til = 'Ordningen skal slutte efter, den begynder.';
    if (v.opfoelgning && !isIsoDate(v.opfoelgning)) e.opfoelgning = 'Skriv opfølgningsdatoen som en gyldig dato.';
    setErrors(e);
    if (Object.keys(e).length) return;
    setBusy(true);
    try {
      await postJson('anvisning/midlertidige', {
        ansoeger_id: ansoegerId,
        art: v.art,
        beloeb_maaned: v.art === 'huslejetilskud' ? beloeb : null,
        fra: v.fra,
        til: v.til,
        opfoelgning: v.opfoelgning || null,
        ved_udloeb: v.ved_udloeb.trim(),
      });
      setNotice({ variant: 'success', heading: `${midlertidigNavn[v.art as MidlertidigArt]} er oprettet.` });
      setV({ art: '', beloeb_maaned: '', fra: todayIso(), til: '', opfoelgning: '', ved_udloeb: '' });
      reload();
      onChange();
    } catch (err) {
      const f = fieldErrors(err as ApiError) as Partial<Record<MidField, string>>;
      setErrors(f);
      if (!Object.keys(f).length) setMessage((err as ApiError).message);
    } finally {
      setBusy(false);
    }
  };

  const close = async () => {
    if (!closing) return;
    setBusy(true);
    try {
      await postJson(`anvisning/midlertidige/${closing.id}/afslut`);
      setNotice({ variant: 'success', heading: `${midlertidigNavn[closing.art]} er afsluttet.` });
      reload();
    } catch (err) {
      setNotice({ variant: 'error', heading: (err as ApiError).message });
    } finally {
      setBusy(false);
      setClosing(null);
    }
  };

  const columns: Column<Midlertidig>[] = [
    { key: 'art', header: 'Ordning', rowHeader: true, value: (m) => midlertidigNavn[m.art] },
    { key: 'beloeb_maaned', header: 'Beløb pr. måned', kind: 'kr' },
    { key: 'periode', header: 'Periode', value: (m) => `${fmtDate(m.fra)} – ${fmtDate(m.til)}` },
    {
      key: 'udloeb',
      header: 'Udløb',
      render: (m) =>
        m.status !== 'aktiv' ? (
          '–'
        ) : m.dage_til_udloeb < 0 ? (
          <Badge text={`Udløbet for ${plural(-m.dage_til_udloeb, 'dag', 'dage')} siden`} badge="badge-error" />
        ) : m.dage_til_udloeb <= 60 ? (
          <Badge text={`Udløber om ${plural(m.dage_til_udloeb, 'dag', 'dage')}`} badge="badge-warning" />
        ) : (
          `om ${plural(m.dage_til_udloeb, 'dag', 'dage')}`
        ),
    },
    {
      key: 'opfoelgning',
      header: 'Opfølgning',
      render: (m) => (m.opfoelgning ? <>{fmtDate(m.opfoelgning)}{m.opfoelgning_overskredet && <> <Badge text="Overskredet" badge="badge-error" /></>}</> : <span className="value-missing">ingen</span>),
    },
    { key: 'ved_udloeb', header: 'Ved udløb', value: (m) => m.ved_udloeb || null },
    { key: 'status', header: 'Status', render: (m) => <Badge text={m.status === 'aktiv' ? 'Aktiv' : 'Afsluttet'} badge={m.status === 'aktiv' ? 'badge-info' : 'badge-success'} /> },
    {
      key: 'handling',
      header: 'Handling',
      render: (m) =>
        m.status === 'aktiv' ? (
          <button type="button" className="button button-unstyled function-link" onClick={() => setClosing(m)}>
            <Icon name="close" />
            Afslut<span className="sr-only"> {midlertidigNavn[m.art].toLowerCase()} {fmtDate(m.fra)}</span>
          </button>
        ) : null,
    },
  ];
  const fid = (k: MidField) => `${uid}-${k}`;
  return (
    <Section id="midlertidige" title="Midlertidige ordninger">
      <p className="form-hint">Frikommuneforsøgene: midlertidigt huslejetilskud, tidsbegrænsede lejemål og deleboliger, med slutdato og opfølgning.</p>
      {noticeNode}
      {error ? (
        <ErrorAlert error={error} what="Ordningerne" onRetry={reload} />
      ) : !data ? (
        <Loading text="Henter ordninger …" />
      ) : mine.length ? (
        <DataTable caption="Sagens midlertidige ordninger" captionHidden columns={columns} rows={mine} rowKey={(m) => m.id} />
      ) : (
        <p>Sagen har ingen midlertidige ordninger.</p>
      )}
      {open && (
        <>
          <h3 className="mt-6">Opret en midlertidig ordning</h3>
          <ErrorSummary errors={(Object.keys(errors) as MidField[]).filter((k) => errors[k]).map((k) => ({ id: fid(k), message: errors[k]! }))} message={message} heading="Ordningen er ikke oprettet" />
          <form onSubmit={submit} noValidate aria-label="Opret en midlertidig ordning">
            <div className="form-row">
              <SelectField id={fid('art')} label="Ordning" value={v.art} placeholder="Vælg ordning" options={(Object.keys(midlertidigNavn) as MidlertidigArt[]).map((a) => ({ value: a, label: midlertidigNavn[a] }))} error={errors.art} onChange={set('art')} />
              {v.art === 'huslejetilskud' && <TextField id={fid('beloeb_maaned')} label="Tilskud pr. måned (kr.)" inputMode="decimal" inputClassName="input-width-s" value={v.beloeb_maaned} error={errors.beloeb_maaned} onChange={set('beloeb_maaned')} />}
            </div>
            <div className="form-row">
              <TextField id={fid('fra')} label="Fra" type="date" value={v.fra} error={errors.fra} onChange={set('fra')} />
              <TextField id={fid('til')} label="Til (slutdato)" type="date" value={v.til} error={errors.til} onChange={set('til')} />
              <TextField id={fid('opfoelgning')} label="Opfølgning (valgfrit)" type="date" value={v.opfoelgning} error={errors.opfoelgning} onChange={set('opfoelgning')} />
            </div>
            <TextField id={fid('ved_udloeb')} label="Hvad sker der ved udløb? (valgfrit)" value={v.ved_udloeb} error={errors.ved_udloeb} onChange={set('ved_udloeb')} />
            <div className="button-row">
              <button type="submit" className="button button-primary" disabled={busy}>
                Opret ordningen
              </button>
            </div>
          </form>
        </>
      )}
      <ConfirmDialog open={!!closing} title="Afslut ordningen?" confirmText="Afslut ordningen" busy={busy} onConfirm={() => void close()} onCancel={() => setClosing(null)}>
        <p>{closing && `${midlertidigNavn[closing.art]} (${fmtDate(closing.fra)} – ${fmtDate(closing.til)}) afsluttes nu.`}</p>
      </ConfirmDialog>
    </Section>
  );
}

/* ---------- the journal ---------- */

function Journal({ ansoegerId, state }: { ansoegerId: number; state: ApiState<{ items: JournalPost[] }> }) {
  const uid = useId();
  const [haendelse, setHaendelse] = useState('');
  const [tekst, setTekst] = useState('');
  const [errors, setErrors] = useState<{ haendelse?: string; tekst?: string }>({});
  const [busy, setBusy] = useState(false);
  const [noticeNode, setNotice] = useNotice();
  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    const e: typeof errors = {};
    if (!haendelse.trim()) e.haendelse = 'Skriv hvad der skete.';
    else if (haendelse.trim().length > 80) e.haendelse = `Skriv hændelsen kort: højst 80 tegn (nu ${haendelse.trim().length}). Resten kan stå i notatet.`;
    setErrors(e);
    if (Object.keys(e).length) return;
    setBusy(true);
    try {
      await postJson(`ansoegere/${ansoegerId}/journal`, { haendelse: haendelse.trim(), tekst: tekst.trim() || null });
      setHaendelse('');
      setTekst('');
      setNotice({ variant: 'success', heading: 'Journalnotatet er gemt.' });
      state.reload();
    } catch (err) {
      const f = fieldErrors(err as ApiError);
      setErrors(f);
      if (!Object.keys(f).length) setNotice({ variant: 'error', heading: (err as ApiError).message });
    } finally {
      setBusy(false);
    }
  };
  const columns: Column<JournalPost>[] = [
    { key: 'at', header: 'Tidspunkt', rowHeader: true, value: (j) => fmtDateTime(j.at) },
    { key: 'af', header: 'Af' },
    { key: 'haendelse', header: 'Hændelse' },
    { key: 'tekst', header: 'Notat', render: (j) => (j.tekst ? <span className="journal-tekst">{j.tekst}</span> : <span className="value-missing">intet notat</span>) },
  ];
  return (
    <Section id="journal" title="Journal">
      {noticeNode}
      <ErrorSummary errors={fieldIds(uid, errors)} heading="Notatet er ikke gemt" />
      <form onSubmit={submit} noValidate aria-label="Skriv i journalen" className="journal-form">
        <TextField id={fieldId(uid, 'haendelse')} label="Hændelse" hint="Kort, fx Samtale med ansøger." value={haendelse} error={errors.haendelse} onChange={setHaendelse} autoComplete="off" />
        <TextArea id={fieldId(uid, 'tekst')} label="Notat (valgfrit)" hint="Gemmes krypteret." value={tekst} error={errors.tekst} onChange={setTekst} />
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={busy}>
            Skriv i journalen
          </button>
        </div>
      </form>
      {state.error ? (
        <ErrorAlert error={state.error} what="Journalen" onRetry={state.reload} />
      ) : !state.data ? (
        <Loading text="Henter journalen …" />
      ) : state.data.items.length ? (
        <DataTable caption="Journal, nyeste først" columns={columns} rows={state.data.items} rowKey={(j) => j.id} />
      ) : (
        <p>Journalen er tom.</p>
      )}
    </Section>
  );
}

