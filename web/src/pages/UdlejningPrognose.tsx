// The forecast of the resident mix under an udlejningsaftale (issue 5; src/rules/prognose.ts): every covered afdeling
// over 10 years, and for one afdeling its expected path with the P10-P90 band, the threshold of § 61 a, the reach of
// any letting policy and the share of households replaced, beside the scenarios the user asks for (own shares,
// another agreement). Its point (seed 004): letting only changes the mix as fast as people move out.
import { lazy, Suspense, useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useApi } from '../api.ts';
import { DataTable, type Column } from '../components/DataTable.tsx';
import { FactList } from '../components/FactList.tsx';
import { ErrorSummary, SelectField, TextField } from '../components/Form.tsx';
import { Section } from '../components/Page.tsx';
import { Alert, ErrorAlert, Loading } from '../components/Status.tsx';
import { fmtInt, fmtPct, listText } from '../format.ts';
import { useKommune } from '../kommune.tsx';
import { Link, useQueryState } from '../router.tsx';
import type { ListAnswer } from '../types.ts';
import {
  aftalePath,
  fmtPctPlain,
  fmtSigned,
  indikatorParagraf,
  kanalNavn,
  noegletalTekst,
  periodeAar,
  tilflytterKildeNavn,
  tilflytterParam,
  trinTekst,
  UDEFRA_KANALER,
  type Aftale,
  type AftaleDetalje,
  type IndikatorForloeb,
  type PrognoseAfdeling,
  type PrognoseOversigt,
  type PrognoseRaekke,
  type PrognoseResultat,
  type Taerskel,
  type Tilflytterandele,
  type TilflytterHistorik,
  type UdefraKanal,
} from '../udlejning.ts';

const EChart = lazy(() => import('../components/EChart.tsx'));

/** "andelen uden for arbejdsmarked og uddannelse" */
const andelen = (n: string) => noegletalTekst(n).replace(/^Andel /, 'andelen ');
/** 28,0–36,5 % */
const fmtRange = (a: number, b: number) => `${fmtPct(a).replace(/\u00a0%$/, '')}–${fmtPct(b)}`;

const taerskelTekst = (t: Taerskel | null) => (t ? fmtPctPlain(t.vaerdiPct) : '');

/** The page's query keys for the user's own in-movers' shares per channel (?tilflytter_venteliste=30). */
const tilflytterQs: Record<UdefraKanal, string> = {
  venteliste: 'tilflytter_venteliste',
  kommunal_anvisning: 'tilflytter_anvisning',
  fleksibel_udlejning: 'tilflytter_fleksibel',
  andet: 'tilflytter_andet',
};
const noTilflytter = Object.fromEntries(UDEFRA_KANALER.map((k) => [tilflytterQs[k], null])) as Record<string, null>;
/** "Tilflyttere via kommunal anvisning (%)" */
const tilflytterLabel = (k: UdefraKanal) => `Tilflyttere via ${kanalNavn[k].toLowerCase()} (%)`;

/** "2027", "allerede under (2023)" or "ikke inden for 10 år". */
function underTekst(aar: number | null, startaar: number, horisont: number): string {
  if (aar === null) return `ikke inden for ${horisont} år`;
  if (aar === startaar) return `allerede under (${startaar})`;
  return String(aar);
}

export function PrognoseTab({ d }: { d: AftaleDetalje }) {
  const uid = useId();
  const [qs, setQs] = useQueryState();
  const oversigt = useApi<PrognoseOversigt>(`udlejningsaftaler/${d.aftale.id}/prognose`, { aar: d.aar });
  const afdelingId = Number(qs.get('afdeling')) || null;
  const focusDetail = useRef(false);
  const years = periodeAar(d.aftale);
  if (!years.includes(d.aar)) years.push(d.aar);
  years.sort((a, b) => a - b);
  const choose = (id: number | null) => {
    focusDetail.current = id !== null;
    setQs({ afdeling: id === null ? null : String(id), anvisning: null, fleksibel: null, sammenlign: null, ...noTilflytter });
  };
  // While another year is read, the old year's forecast is not shown under the new year's heading.
  const o = oversigt.current;
  const rows = useMemo(() => [...(o?.afdelinger ?? [])].sort((a, b) => b.start_pct - a.start_pct), [o]);
  const columns: Column<PrognoseRaekke>[] = [
    {
      key: 'afdeling_navn',
      header: 'Afdeling',
      rowHeader: true,
      render: (r) => (
        <>
          <Link
            to={`${aftalePath(d.aftale.id)}/prognose?aar=${d.aar}&afdeling=${r.afdeling_id}`}
            aria-current={r.afdeling_id === afdelingId ? 'true' : undefined}
            onClick={(e) => {
              e.preventDefault();
              choose(r.afdeling_id);
            }}
          >
            {r.afdeling_navn}
          </Link>
          <span className="d-block small-text weight-normal">{r.boligorganisation_navn}</span>
        </>
      ),
    },
    { key: 'start_pct', header: 'Nu', kind: 'number', render: (r) => <>{fmtPct(r.start_pct)}<span className="d-block small-text">{r.startaar}</span></> },
    { key: 'slut_pct', header: 'Forventet efter 10 år', kind: 'pct' },
    { key: 'baand', header: 'P10–P90 efter 10 år', kind: 'number', render: (r) => (r.p10_slut_pct == null || r.p90_slut_pct == null ? '' : fmtRange(r.p10_slut_pct, r.p90_slut_pct)) },
    { key: 'under', header: 'Første år under grænsen', value: (r) => underTekst(r.foerste_aar_under, r.startaar, 10) },
    { key: 'udskiftet_pct', header: 'Husstande udskiftet efter 10 år', kind: 'pct' },
  ];
  const taerskel = rows[0]?.taerskel ?? null;
  return (
    <>
      <Section id="prognose" title="Prognose for beboersammensætningen">
        <p>
          Udlejningen ændrer kun beboersammensætningen i takt med, at beboerne flytter. Prognosen fremskriver hver afdelings andel af
          beboere uden for arbejdsmarked og uddannelse i 10 år ud fra dens fraflytning og de redskaber, der gælder for den (trinnets
          kommunal anvisning og fleksible udlejning, også de lovpligtige). Båndet P10–P90 viser, hvor 8 ud af 10 forløb ender, når
          det er tilfældigt, hvem der flytter. Grænsen er kriteriet i almenboligloven {indikatorParagraf.uden_for_arbejde_pct}
          {taerskel ? ` (over ${taerskelTekst(taerskel)})` : ''}.
        </p>
        <div className="prognose-valg">
          <SelectField
            id={`${uid}-aar`}
            label="Udlejningsår"
            hint="Prognosen starter fra nøgletallene året før."
            value={String(d.aar)}
            onChange={(x) => setQs({ aar: x }, { replace: true })}
            options={years.map((y) => ({ value: String(y), label: String(y) }))}
          />
          <SelectField
            id={`${uid}-afdeling`}
            label="Afdeling"
            hint="Vælg en afdeling for at se dens forløb og sammenligne scenarier."
            value={afdelingId ? String(afdelingId) : ''}
            onChange={(x) => choose(x ? Number(x) : null)}
            placeholder="Ingen afdeling valgt"
            options={d.afdelinger.map((a) => ({ value: String(a.afdeling_id), label: `${a.afdeling_navn} (${a.boligorganisation_navn})` }))}
          />
        </div>
      </Section>
      {afdelingId !== null && <AfdelingPrognose key={`${afdelingId}|${d.aar}`} d={d} afdelingId={afdelingId} focus={focusDetail} />}
      <Section id="prognose-alle" title={`Alle afdelinger i aftalen, ${d.aar}-prognosen`}>
        {oversigt.error ? (
          <ErrorAlert error={oversigt.error} onRetry={oversigt.reload} what="Prognosen for afdelingerne" />
        ) : !o ? (
          <Loading text="Beregner prognosen for alle afdelinger …" />
        ) : rows.length === 0 ? (
          <Alert variant="info" heading="Ingen afdelinger kan fremskrives" headingLevel={3} quiet>
            <p className="alert-text">Aftalen dækker ingen afdelinger med de nøgletal, prognosen skal bruge.</p>
          </Alert>
        ) : (
          <>
            <p>
              Andelen uden for arbejdsmarked og uddannelse nu og om 10 år under aftalens redskaber, med de mest udsatte afdelinger først.
              Vælg en afdeling for at se dens forløb.
            </p>
            <DataTable caption={`Prognose for afdelingerne, andel uden for arbejdsmarked og uddannelse (grænse ${taerskelTekst(taerskel)})`} compact columns={columns} rows={rows} rowKey={(r) => r.afdeling_id} />
          </>
        )}
        {o && o.ikke_fremskrevet.length > 0 && (
          <>
            <h3>Ikke fremskrevet</h3>
            <ul>
              {o.ikke_fremskrevet.map((x) => (
                <li key={x.afdeling_id}>
                  {x.afdeling_navn}: {x.grund}
                </li>
              ))}
            </ul>
          </>
        )}
      </Section>
    </>
  );
}

/* ---------- One afdeling ---------- */

/** "12,5" -> 12.5; null when empty; NaN when not a number. */
const parsePct = (s: string) => (s.trim() === '' ? null : Number(s.trim().replace(',', '.')));

function AfdelingPrognose({ d, afdelingId, focus }: { d: AftaleDetalje; afdelingId: number; focus: { current: boolean } }) {
  const uid = useId();
  const { kommune } = useKommune();
  const [qs, setQs] = useQueryState();
  const anv = qs.get('anvisning');
  const fl = qs.get('fleksibel');
  const samm = qs.get('sammenlign');
  const tilfl = Object.fromEntries(UDEFRA_KANALER.map((k) => [k, qs.get(tilflytterQs[k])])) as Record<UdefraKanal, string | null>;
  // While another scenario is computed, the previous one's chart and tables are not shown under the new inputs.
  const { data: last, current: data, error, reload } = useApi<PrognoseAfdeling>(`udlejningsaftaler/${d.aftale.id}/prognose`, {
    aar: d.aar,
    afdeling_id: afdelingId,
    anvisning_pct: anv,
    fleksibel_pct: fl,
    sammenlign_med: samm,
    ...Object.fromEntries(UDEFRA_KANALER.map((k) => [tilflytterParam[k], tilfl[k]])),
  });
  const andre = useApi<ListAnswer<Aftale>>(kommune ? 'udlejningsaftaler' : null, { kommunekode: kommune?.kode });
  const others = (andre.data?.items ?? []).filter((a) => a.id !== d.aftale.id && a.kommunekode === d.aftale.kommunekode);
  const afd = d.afdelinger.find((a) => a.afdeling_id === afdelingId);
  const heading = useRef<HTMLHeadingElement>(null);
  const [indikator, setIndikator] = useState<string>('uden_for_arbejde_pct');
  const [v, setV] = useState({ anvisning: anv ? anv.replace('.', ',') : '', fleksibel: fl ? fl.replace('.', ',') : '', sammenlign: samm ?? '' });
  const [tv, setTv] = useState(() => Object.fromEntries(UDEFRA_KANALER.map((k) => [k, tilfl[k] ? tilfl[k]!.replace('.', ',') : ''])) as Record<UdefraKanal, string>);
  const [errors, setErrors] = useState<Partial<Record<'anvisning' | 'fleksibel' | UdefraKanal, string>>>({});
  useEffect(() => {
    if (data && focus.current) {
      focus.current = false;
      heading.current?.focus();
    }
  }, [data, focus]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs: typeof errors = {};
    const a = parsePct(v.anvisning);
    const f = parsePct(v.fleksibel);
    if (a !== null && !(a >= 0 && a <= 100)) errs.anvisning = 'Skriv en procent mellem 0 og 100, fx 10 eller 12,5.';
    if (f !== null && !(f >= 0 && f <= 100)) errs.fleksibel = 'Skriv en procent mellem 0 og 100, fx 80.';
    const t = {} as Record<string, string | null>;
    for (const k of UDEFRA_KANALER) {
      const x = parsePct(tv[k]);
      if (x !== null && !(x >= 0 && x <= 100)) errs[k] = 'Skriv en procent mellem 0 og 100, fx 30 eller 12,5.';
      t[tilflytterQs[k]] = x === null ? null : String(x);
    }
    setErrors(errs);
    if (Object.keys(errs).length) return;
    setQs({ anvisning: a === null ? null : String(a), fleksibel: f === null ? null : String(f), sammenlign: v.sammenlign || null, ...t }, { replace: true });
  };
  const reset = () => {
    setV({ anvisning: '', fleksibel: '', sammenlign: '' });
    setTv({ venteliste: '', kommunal_anvisning: '', fleksibel_udlejning: '', andet: '' });
    setErrors({});
    setQs({ anvisning: null, fleksibel: null, sammenlign: null, ...noTilflytter }, { replace: true });
  };
  const ownTilfl = UDEFRA_KANALER.some((k) => tilfl[k]);
  const navn = last?.afdeling.navn ?? afd?.afdeling_navn ?? `afdeling ${afdelingId}`;
  const p = data?.prognose;
  const indikatorer = p?.scenarier[0]?.indikatorer.map((i) => i.navn) ?? [];
  const ind = indikatorer.includes(indikator) ? indikator : (indikatorer[0] ?? 'uden_for_arbejde_pct');
  const fieldName = (k: keyof typeof errors) => (k === 'anvisning' ? 'Kommunal anvisning' : k === 'fleksibel' ? 'Fleksibel udlejning' : tilflytterLabel(k).replace(/ \(%\)$/, ''));
  const summary = (Object.keys(errors) as (keyof typeof errors)[]).filter((k) => errors[k]).map((k) => ({ id: `${uid}-${k}`, message: `${fieldName(k)}: ${errors[k]}` }));
  // The form's hints (the defaults under the agreement itself) do not change with the scenario asked for.
  const standard = last?.tilflytterandele.scenarier[0]?.indikatorer.uden_for_arbejde_pct;
  const historik = last?.tilflytterandele.historik.uden_for_arbejde_pct;
  return (
    <section className="page-section afdeling-prognose" aria-labelledby={`${uid}-h`}>
      <h2 id={`${uid}-h`} ref={heading} tabIndex={-1}>
        Prognose for {navn}
      </h2>
      {error ? (
        <ErrorAlert error={error} onRetry={reload} what={`Prognosen for ${navn}`} />
      ) : !p ? (
        <Loading text={`Beregner prognosen for ${navn} …`} />
      ) : (
        <>
          <FactList
            className="fact-list--inline"
            facts={[
              { label: 'Husstande', value: fmtInt(p.enheder) },
              { label: 'Fraflytning pr. år', value: fmtPct(p.fraflytningPct) },
              { label: 'Nøgletal fra', value: String(p.startaar) },
              { label: `Trin i ${d.aar}`, value: data.afdeling.placering ? trinTekst(d.aftale.trappemodel, data.afdeling.placering.trin) || 'kan ikke placeres' : 'beregnet ud fra nøgletallene (ikke placeret)' },
              { label: 'Simulerede forløb', value: fmtInt(p.koersler) },
            ]}
          />
          <Pointe p={p} ind={ind} />
        </>
      )}
      <form className="scenarie-form" onSubmit={submit} noValidate aria-labelledby={`${uid}-scen`}>
        <h3 id={`${uid}-scen`}>Sammenlign scenarier</h3>
        <p>
          Prøv egne andele for kommunal anvisning (af de ledige familieboliger) og fleksibel udlejning (af de øvrige) eller egne andele
          af tilflyttere uden for arbejdsmarked og uddannelse, eller sammenlign med en anden af kommunens aftaler. Scenarierne vises ved
          siden af aftalen.
        </p>
        <ErrorSummary errors={summary} heading="Scenariet er ikke beregnet" />
        <div className="aftale-form-row">
          <TextField id={`${uid}-anvisning`} label="Kommunal anvisning, egen andel (%)" value={v.anvisning} onChange={(x) => setV({ ...v, anvisning: x })} error={errors.anvisning} inputMode="decimal" inputClassName="input-width-xs" />
          <TextField id={`${uid}-fleksibel`} label="Fleksibel udlejning, egen andel (%)" value={v.fleksibel} onChange={(x) => setV({ ...v, fleksibel: x })} error={errors.fleksibel} inputMode="decimal" inputClassName="input-width-xs" />
          <SelectField
            id={`${uid}-sammenlign`}
            label="Sammenlign med"
            value={v.sammenlign}
            onChange={(x) => setV({ ...v, sammenlign: x })}
            placeholder={others.length ? 'Ingen anden aftale' : 'Kommunen har ingen anden aftale'}
            disabled={!others.length && !v.sammenlign}
            options={others.map((a) => ({ value: String(a.id), label: a.navn }))}
          />
        </div>
        <fieldset className="form-group tilflytter-andele" aria-describedby={`${uid}-tilfl-hint`}>
          <legend className="form-label">Tilflyttere uden for arbejdsmarked og uddannelse pr. kanal</legend>
          <p className="form-hint" id={`${uid}-tilfl-hint`}>
            Hvor stor en andel af de nye husstande, der kommer via hver kanal, der er uden for arbejdsmarked og uddannelse. Lad et felt
            stå tomt for at bruge standardværdien. <HistorikTekst h={historik} />
          </p>
          <div className="aftale-form-row">
            {UDEFRA_KANALER.map((k) => (
              <TextField
                key={k}
                id={`${uid}-${k}`}
                label={tilflytterLabel(k)}
                hint={standard?.[k] ? standardTekst(standard[k]) : undefined}
                value={tv[k]}
                onChange={(x) => setTv({ ...tv, [k]: x })}
                error={errors[k]}
                inputMode="decimal"
                inputClassName="input-width-xs"
              />
            ))}
          </div>
        </fieldset>
        <div className="button-row">
          <button type="submit" className="button button-primary">
            Beregn scenariet
          </button>
          {(anv || fl || samm || ownTilfl) && (
            <button type="button" className="button button-secondary" onClick={reset}>
              Kun aftalen
            </button>
          )}
        </div>
      </form>
      {p && (
        <>
          {indikatorer.length > 1 && (
            <SelectField
              id={`${uid}-indikator`}
              label="Nøgletal i diagram og tabeller"
              className="mt-6"
              value={ind}
              onChange={setIndikator}
              options={indikatorer.map((n) => ({ value: n, label: noegletalTekst(n) }))}
            />
          )}
          <PrognoseChart p={p} ind={ind} navn={navn} />
          <Scenarier p={p} ind={ind} t={data.tilflytterandele} />
        </>
      )}
    </section>
  );
}

function indOf(p: PrognoseResultat, s: number, ind: string): IndikatorForloeb | undefined {
  return p.scenarier[s]?.indikatorer.find((i) => i.navn === ind);
}

/** The seed's point in one paragraph: how few households have moved, and the reach of any letting. */
function Pointe({ p, ind }: { p: PrognoseResultat; ind: string }) {
  const s = p.scenarier[0];
  const i = indOf(p, 0, ind);
  if (!s || !i) return null;
  const h = p.horisont;
  const t5 = Math.min(5, h);
  return (
    <div className="prognose-pointe">
      <p>
        <strong>
          Efter {t5} år er kun {fmtPct(s.udskiftetPct[t5], 0)} af husstandene flyttet
        </strong>{' '}
        og erstattet af nye husstande udefra; efter {h} år {fmtPct(s.udskiftetPct[h], 0)}. Derfor ændrer selv en meget skarp udlejning
        kun langsomt {andelen(i.navn)}: uanset hvem der flytter ind, vil den efter {h} år ligge mellem{' '}
        {fmtPct(i.lavestePct[h])} og {fmtPct(i.hoejestePct[h])} (nu {fmtPct(i.startPct)}). Med aftalens redskaber forventes{' '}
        {fmtPct(i.forventetPct[h])}
        {i.taerskel ? `; grænsen er ${taerskelTekst(i.taerskel)}, første år under den: ${underTekst(i.foersteAarUnder, p.startaar, h)}` : ''}.
      </p>
    </div>
  );
}

const scenarieFarver = ['#0059b3', '#a34700', '#6e2c91', '#00606e'];
const scenarieStreg = ['solid', 'dashed', 'dotted', 'dashed'] as const;
const scenarieSymbol = ['circle', 'rect', 'triangle', 'diamond'];
const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function PrognoseChart({ p, ind, navn }: { p: PrognoseResultat; ind: string; navn: string }) {
  const base = indOf(p, 0, ind);
  const option = useMemo(() => {
    if (!base) return null;
    const years = p.aar.map(String);
    const scen = p.scenarier.map((s, k) => ({ s, i: indOf(p, k, ind)! })).filter((x) => x.i);
    const mc = base.mc;
    const envelopeName = 'Laveste–højeste mulige (enhver udlejning)';
    const bandName = `P10–P90 (${p.scenarier[0].navn})`;
    const thresholdName = base.taerskel ? `Grænse ${taerskelTekst(base.taerskel)} (${indikatorParagraf[ind] ?? '§ 61 a'})` : '';
    const udskiftetName = 'Husstande udskiftet siden start';
    const line = { type: 'line', showSymbol: false, symbol: 'none', silent: true, lineStyle: { opacity: 0 } };
    const series: object[] = [
      { ...line, name: '_env_lav', stack: 'env', data: base.lavestePct, tooltip: { show: false } },
      { ...line, name: envelopeName, stack: 'env', data: base.hoejestePct.map((x, t) => x - base.lavestePct[t]), areaStyle: { color: 'rgba(69,69,69,0.12)' }, itemStyle: { color: '#9a9a9a' } },
      ...(mc
        ? [
            { ...line, name: '_band_lav', stack: 'band', data: mc.p10Pct },
            { ...line, name: bandName, stack: 'band', data: mc.p90Pct.map((x, t) => x - mc.p10Pct[t]), areaStyle: { color: 'rgba(0,89,179,0.22)' }, itemStyle: { color: 'rgba(0,89,179,0.5)' } },
          ]
        : []),
      ...scen.map(({ s, i }, k) => ({
        type: 'line',
        name: s.navn,
        data: i.forventetPct,
        symbol: scenarieSymbol[k % 4],
        symbolSize: 7,
        lineStyle: { width: 3, type: scenarieStreg[k % 4], color: scenarieFarver[k % 4] },
        itemStyle: { color: scenarieFarver[k % 4] },
      })),
      ...(base.taerskel
        ? [{ type: 'line', name: thresholdName, data: years.map(() => base.taerskel!.vaerdiPct), symbol: 'none', lineStyle: { width: 2, type: 'dashed', color: '#8f1a1a' }, itemStyle: { color: '#8f1a1a' } }]
        : []),
      { type: 'line', name: udskiftetName, data: p.scenarier[0].udskiftetPct, symbol: 'none', lineStyle: { width: 2, type: [2, 4], color: '#454545' }, itemStyle: { color: '#454545' } },
    ];
    const legend = [...scen.map(({ s }) => s.navn), ...(mc ? [bandName] : []), envelopeName, ...(thresholdName ? [thresholdName] : []), udskiftetName];
    return {
      animationDuration: 300,
      textStyle: { fontFamily: 'IBM Plex Sans, Arial, sans-serif', color: '#1a1a1a' },
      grid: { left: 16, right: 24, top: 24 + 22 * Math.ceil(legend.length / 2), bottom: 8, containLabel: true },
      legend: { top: 0, data: legend, textStyle: { fontSize: 13 } },
      tooltip: {
        trigger: 'axis',
        formatter: (ps: { dataIndex: number }[]) => {
          const t = ps[0]?.dataIndex ?? 0;
          const lines = [`<strong>${years[t]}</strong>`, ...scen.map(({ s, i }) => `${esc(s.navn)}: ${fmtPct(i.forventetPct[t])}`)];
          if (mc) lines.push(`P10–P90: ${fmtRange(mc.p10Pct[t], mc.p90Pct[t])}`);
          lines.push(`Laveste–højeste mulige: ${fmtRange(base.lavestePct[t], base.hoejestePct[t])}`);
          lines.push(`${esc(udskiftetName)}: ${fmtPct(p.scenarier[0].udskiftetPct[t])}`);
          return lines.join('<br>');
        },
      },
      xAxis: { type: 'category', data: years, boundaryGap: false, axisLabel: { fontSize: 13, color: '#1a1a1a' } },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { fontSize: 13, color: '#1a1a1a', formatter: (x: number) => `${x} %` } },
      series,
    };
  }, [p, ind, base]);
  if (!base || !option) return null;
  const title = `${noegletalTekst(ind)} i ${navn}, ${p.aar[0]}–${p.aar.at(-1)}`;
  type Row = { id: number; aar: number } & Record<string, number | null>;
  const rows: Row[] = p.aar.map((y, t) => {
    const r: Row = { id: t, aar: y };
    p.scenarier.forEach((_, k) => (r[`s${k}`] = indOf(p, k, ind)?.forventetPct[t] ?? null));
    r.p10 = base.mc?.p10Pct[t] ?? null;
    r.p90 = base.mc?.p90Pct[t] ?? null;
    r.lav = base.lavestePct[t];
    r.hoej = base.hoejestePct[t];
    r.udskiftet = p.scenarier[0].udskiftetPct[t];
    return r;
  });
  const columns: Column<Row>[] = [
    { key: 'aar', header: 'År', kind: 'year', rowHeader: true },
    ...p.scenarier.map((s, k) => ({ key: `s${k}`, header: `Forventet: ${s.navn}`, kind: 'pct' as const })),
    ...(base.mc ? [{ key: 'p10', header: 'P10', kind: 'pct' as const }, { key: 'p90', header: 'P90', kind: 'pct' as const }] : []),
    { key: 'lav', header: 'Laveste mulige', kind: 'pct' },
    { key: 'hoej', header: 'Højeste mulige', kind: 'pct' },
    { key: 'udskiftet', header: 'Husstande udskiftet', kind: 'pct' },
  ];
  const label =
    `Kurvediagram: ${title}. Forventet forløb${p.scenarier.length > 1 ? ' pr. scenarie' : ''}` +
    `${base.mc ? ' med P10–P90-bånd' : ''}, ${base.taerskel ? `grænsen på ${taerskelTekst(base.taerskel)}, ` : ''}laveste og højeste mulige andel og andelen af husstande udskiftet. Tallene står i tabellen under diagrammet.`;
  return (
    <section className="chart-figure prognose-figure" aria-labelledby={`prognose-diagram-${ind}`}>
      <h3 id={`prognose-diagram-${ind}`}>{title}</h3>
      <Suspense fallback={<Loading text="Tegner diagram …" />}>
        <EChart option={option} label={label} height={440} />
      </Suspense>
      <p className="form-hint">
        Det grå felt er alt, hvad udlejning kan nå ved denne fraflytning (hvis hver ny husstand henholdsvis ingen eller alle havde
        nøgletallet). Den prikkede linje er andelen af husstandene, der er flyttet og erstattet af nye udefra.
      </p>
      <DataTable caption={`${title}: år for år (${p.scenarier.length === 1 ? 'aftalen' : listText(p.scenarier.map((s) => s.navn))})`} compact columns={columns} rows={rows} rowKey={(r) => r.id} />
    </section>
  );
}

/** "Standard: 31,2 % fra afdelingens historik" / "Standard: 65,0 % (generel standardværdi)". */
function standardTekst(c: { andel_pct: number | null; kilde: string; forklaring: string }): string {
  if (c.andel_pct === null) return 'Ingen standardværdi.';
  return c.kilde === 'historik' ? `Standard: ${fmtPct(c.andel_pct)} fra afdelingens historik.` : `Standard: ${fmtPct(c.andel_pct)} (${c.forklaring}).`;
}

/** Where the defaults come from: the afdeling's history, or why it is not used. */
function HistorikTekst({ h }: { h: TilflytterHistorik | undefined }) {
  if (!h) return null;
  if (!h.brugt) {
    return (
      <>
        Afdelingens egen historik bruges ikke. {h.grund} Derfor bruges de generelle standardværdier for kommunal anvisning og fleksibel
        udlejning og afdelingens nuværende andel for venteliste og andet.
      </>
    );
  }
  return (
    <>
      Standardværdierne for venteliste og andet er udledt af afdelingens egen historik: nøgletallene {h.noegletal_fra_aar}–{h.noegletal_til_aar} (
      {h.overgange} overgange) giver {fmtPct(h.samlet_pct)} blandt alle tilflyttere, og {fmtInt(h.udlejninger)} udlejninger {h.udlejninger_fra_aar}–
      {h.udlejninger_til_aar} giver kanalernes vægte. Kommunal anvisning og fleksibel udlejning har de generelle standardværdier.
      {h.afskaaret ? ' Historikken passer ikke med de generelle værdier, så andelen for venteliste og andet er sat til grænsen (0 eller 100 %).' : ''}
    </>
  );
}

/** The scenarios side by side: channel mix, in-movers, the share after the horizon, the first year under, the difference. */
function Scenarier({ p, ind, t }: { p: PrognoseResultat; ind: string; t: Tilflytterandele }) {
  const h = p.horisont;
  type Row = { id: string; navn: string; cells: string[] };
  const per = (f: (k: number, i: IndikatorForloeb) => string) => p.scenarier.map((_, k) => {
    const i = indOf(p, k, ind);
    return i ? f(k, i) : '';
  });
  const kanal = (c: keyof typeof kanalNavn) => per((k) => fmtPctPlain(p.scenarier[k].kanalfordelingPct[c]));
  const rows: Row[] = [
    { id: 'anv', navn: 'Kommunal anvisning, andel af udlejningerne', cells: kanal('kommunal_anvisning') },
    { id: 'fl', navn: 'Fleksibel udlejning, andel af udlejningerne', cells: kanal('fleksibel_udlejning') },
    { id: 'vl', navn: 'Venteliste, andel af udlejningerne', cells: kanal('venteliste') },
    { id: 'io', navn: 'Intern oprykning, andel af udlejningerne', cells: kanal('intern_oprykning') },
    { id: 'an', navn: 'Andet, andel af udlejningerne', cells: kanal('andet') },
    ...UDEFRA_KANALER.map((c) => ({
      id: `tilfl-${c}`,
      navn: `Tilflyttere via ${kanalNavn[c].toLowerCase()} med nøgletallet`,
      cells: p.scenarier.map((_, k) => {
        const x = t.scenarier[k]?.indikatorer[ind]?.[c];
        return x && x.andel_pct !== null ? `${fmtPct(x.andel_pct)} (${tilflytterKildeNavn[x.kilde]})` : '–';
      }),
    })),
    { id: 'tilfl', navn: 'Nye husstande udefra med nøgletallet', cells: per((_, i) => (i.tilflyttereUdefraPct === null ? '–' : fmtPct(i.tilflyttereUdefraPct))) },
    { id: 'slut', navn: `Forventet andel efter ${h} år`, cells: per((_, i) => fmtPct(i.forventetPct[h])) },
    { id: 'baand', navn: `P10–P90 efter ${h} år`, cells: per((_, i) => (i.mc ? fmtRange(i.mc.p10Pct[h], i.mc.p90Pct[h]) : '–')) },
    { id: 'under', navn: 'Første år under grænsen', cells: per((_, i) => (i.taerskel ? underTekst(i.foersteAarUnder, p.startaar, h) : 'ingen grænse')) },
    {
      id: 'forskel',
      navn: `Forskel fra ${p.scenarier[0].navn} efter ${h} år`,
      cells: p.scenarier.map((s, k) => {
        if (k === 0) return '–';
        const f = p.forskelle.find((x) => x.scenarie === s.navn)?.indikatorer.find((x) => x.navn === ind);
        return f ? `${fmtSigned(f.forventetPoint[h])} point` : '';
      }),
    },
  ];
  const columns: Column<Row>[] = [
    { key: 'navn', header: 'Scenarie', rowHeader: true },
    ...p.scenarier.map((s, k) => ({ key: `c${k}`, header: s.navn, value: (r: Row) => r.cells[k] })),
  ];
  return (
    <div className="mt-6">
      <DataTable caption={`Scenarierne side om side: ${andelen(ind)}`} compact columns={columns} rows={rows} rowKey={(r) => r.id} />
      {p.scenarier.some((s, k) => k > 0 && s.navn.startsWith('Egne andele')) && (
        <p className="form-hint">Egne andele bruger aftalens redskaber for afdelingen med de andele, du har skrevet; loven kan kræve mere.</p>
      )}
      <p className="form-hint">
        Tilflytternes andele: historik er udledt af afdelingens egne nøgletal og udlejninger, standard er en generel værdi eller
        afdelingens nuværende andel, egen er din værdi.
      </p>
    </div>
  );
}
