// The quota ledger of an udlejningsaftale (issue 5): per year and per afdeling, organisation or the whole agreement
// the vacancies, the lettings, the quota for kommunal anvisning (§ 59) and fleksibel udlejning (§ 60) against what
// happened, the deviation and the running balance; exports; and lettings entered by hand.
import { useId, useMemo, useState, type FormEvent } from 'react';
import { fieldErrors, putJson, useApi, type ApiError } from '../api.ts';
import { ExportButtons } from '../components/ExportButtons.tsx';
import { ErrorSummary, SelectField, TextField } from '../components/Form.tsx';
import { Section } from '../components/Page.tsx';
import { Alert, ErrorAlert, Loading } from '../components/Status.tsx';
import { fmtInt, fmtNumber } from '../format.ts';
import { useQueryState } from '../router.tsx';
import type { ListAnswer } from '../types.ts';
import { fmtSigned, periodeAar, periodeTekst, type AftaleDetalje, type KvoteNiveau, type KvoteRaekke } from '../udlejning.ts';

const niveauer: { value: KvoteNiveau; label: string; enhed: string }[] = [
  { value: 'afdeling', label: 'Afdeling', enhed: 'Afdeling' },
  { value: 'organisation', label: 'Boligorganisation', enhed: 'Boligorganisation' },
  { value: 'kommune', label: 'Hele aftalen', enhed: 'Enhed' },
];

export function KvoteregnskabTab({ d, mayWrite }: { d: AftaleDetalje; mayWrite: boolean }) {
  const uid = useId();
  const [qs, setQs] = useQueryState();
  const niveau = (niveauer.find((n) => n.value === qs.get('niveau'))?.value ?? 'afdeling') as KvoteNiveau;
  const { current, error, reload } = useApi<ListAnswer<KvoteRaekke>>('udlejning/kvoter', { aftale_id: d.aftale.id, niveau });
  // While another level is read: "henter", not the old level's rows nor "no lettings yet".
  const items = current?.items;
  const [aar, setAar] = useState('');
  const years = useMemo(() => [...new Set((items ?? []).map((r) => r.aar))].sort((a, b) => a - b), [items]);
  const shown = (items ?? []).filter((r) => !aar || String(r.aar) === aar);
  return (
    <>
      <Section id="kvoteregnskab" title="Kvoteregnskab">
        <p>
          Kvoten for kommunal anvisning er de ledige familieboliger gange trinnets andel (§ 59); kvoten for fleksibel udlejning er de
          ledige boliger, der ikke blev anvist, gange trinnets andel (§ 60). Afvigelsen er det faktiske antal minus kvoten, og saldoen
          lægger afvigelserne sammen over aftalens år. <strong>Et minus betyder færre udlejninger end kvoten</strong>, et plus flere.
          Afdelinger, der ikke er placeret på et trin for året, har ingen kvote.
        </p>
        <div className="kvote-filters">
          <fieldset className="form-group mt-0">
            <legend className="form-label">Niveau</legend>
            <div className="kvote-radios">
              {niveauer.map((n) => (
                <div className="form-group-radio" key={n.value}>
                  <input
                    type="radio"
                    className="form-radio"
                    id={`${uid}-niveau-${n.value}`}
                    name={`${uid}-niveau`}
                    value={n.value}
                    checked={niveau === n.value}
                    onChange={() => setQs({ niveau: n.value === 'afdeling' ? null : n.value }, { replace: true })}
                  />
                  <label className="form-label" htmlFor={`${uid}-niveau-${n.value}`}>
                    {n.label}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
          <SelectField
            id={`${uid}-aar`}
            label="År"
            className="mt-0"
            value={aar}
            onChange={setAar}
            placeholder="Alle år"
            options={years.map((y) => ({ value: String(y), label: String(y) }))}
          />
        </div>
        {error ? (
          <ErrorAlert error={error} onRetry={reload} what="Kvoteregnskabet" />
        ) : !items ? (
          <Loading text="Henter kvoteregnskabet …" />
        ) : items.length === 0 ? (
          <Alert variant="info" heading="Ingen udlejninger i aftalens periode endnu" headingLevel={3} quiet>
            <p className="alert-text">
              Der er ingen udlejninger for {periodeTekst(d.aftale)}. De kommer ind med importtypen »udlejninger« eller indtastes
              nedenfor.
            </p>
          </Alert>
        ) : (
          <KvoteTable rows={shown} niveau={niveau} />
        )}
        <h3 id={`${uid}-eksport`}>Eksportér kvoteregnskabet</h3>
        <p>Hele regnskabet på det valgte niveau, alle år.</p>
        <div role="group" aria-labelledby={`${uid}-eksport`}>
          <ExportButtons endpoint="udlejning/kvoter" params={{ aftale_id: d.aftale.id, niveau }} what="kvoteregnskabet" />
        </div>
      </Section>
      {mayWrite && <UdlejningForm d={d} onSaved={reload} />}
    </>
  );
}

const num = (n: number) => fmtNumber(n, 2);

/** A deviation or balance: the sign and a word, so it reads without colour. */
function Signed({ n }: { n: number | null }) {
  if (n === null) return <span className="value-missing">ingen kvote</span>;
  const r = Number(n.toFixed(2));
  if (r === 0) return <span className="saldo">0</span>;
  return (
    <span className={`saldo ${r < 0 ? 'saldo--under' : 'saldo--over'}`}>
      {fmtSigned(r, 2)}
      <span className="saldo-tekst"> {r < 0 ? 'under' : 'over'}</span>
    </span>
  );
}

function KvoteTable({ rows, niveau }: { rows: KvoteRaekke[]; niveau: KvoteNiveau }) {
  const enhed = niveauer.find((n) => n.value === niveau)!.enhed;
  const caption = niveau === 'afdeling' ? 'Kvoteregnskab pr. afdeling og år' : niveau === 'organisation' ? 'Kvoteregnskab pr. boligorganisation og år' : 'Kvoteregnskab for hele aftalen pr. år';
  const sub = (group: string, text: string) => (
    <th scope="col" className="align-text-right">
      <span className="sr-only">{group}: </span>
      {text}
    </th>
  );
  return (
    <div className="table--responsive-scroll" tabIndex={0}>
      <table className="table table--zebra table--compact kvote-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              År
            </th>
            <th scope="col" rowSpan={2}>
              {enhed}
            </th>
            {niveau === 'afdeling' && (
              <th scope="col" rowSpan={2}>
                Trin
              </th>
            )}
            <th scope="col" rowSpan={2} className="align-text-right">
              Ledige familieboliger
            </th>
            <th scope="col" rowSpan={2} className="align-text-right">
              Udlejet i alt
            </th>
            <th scope="col" rowSpan={2} className="align-text-right">
              Ikke udlejet
            </th>
            <th scope="col" rowSpan={2} className="align-text-right">
              Øvrige kanaler
            </th>
            <th scope="colgroup" colSpan={4} className="kvote-group">
              Kommunal anvisning (§ 59)
            </th>
            <th scope="colgroup" colSpan={4} className="kvote-group">
              Fleksibel udlejning (§ 60)
            </th>
          </tr>
          <tr>
            {sub('Kommunal anvisning', 'Anvist')}
            {sub('Kommunal anvisning', 'Kvote')}
            {sub('Kommunal anvisning', 'Afvigelse')}
            {sub('Kommunal anvisning', 'Saldo')}
            {sub('Fleksibel udlejning', 'Udlejet')}
            {sub('Fleksibel udlejning', 'Kvote')}
            {sub('Fleksibel udlejning', 'Afvigelse')}
            {sub('Fleksibel udlejning', 'Saldo')}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.aar}|${r.boligorganisation_navn}|${r.navn}`}>
              <td>{r.aar}</td>
              <th scope="row">
                {r.navn}
                {niveau === 'afdeling' && r.boligorganisation_navn && <span className="d-block small-text weight-normal">{r.boligorganisation_navn}</span>}
              </th>
              {niveau === 'afdeling' && <td>{r.trin ?? <span className="value-missing">ikke placeret</span>}</td>}
              <td className="align-text-right">{fmtInt(r.ledige_familieboliger)}</td>
              <td className="align-text-right">{fmtInt(r.udlejet)}</td>
              <td className="align-text-right">{fmtInt(r.ikke_udlejet)}</td>
              <td className="align-text-right">{fmtInt(r.udlejet - r.kommunal_anvisning - r.fleksibel_udlejning)}</td>
              <td className="align-text-right">{fmtInt(r.kommunal_anvisning)}</td>
              <td className="align-text-right">{r.kvote_anvisning === null ? <span className="value-missing">ingen kvote</span> : num(r.kvote_anvisning)}</td>
              <td className="align-text-right">
                <Signed n={r.afvigelse_anvisning} />
              </td>
              <td className="align-text-right">
                <Signed n={r.saldo_anvisning} />
              </td>
              <td className="align-text-right">{fmtInt(r.fleksibel_udlejning)}</td>
              <td className="align-text-right">{r.kvote_fleksibel === null ? <span className="value-missing">ingen kvote</span> : num(r.kvote_fleksibel)}</td>
              <td className="align-text-right">
                <Signed n={r.afvigelse_fleksibel} />
              </td>
              <td className="align-text-right">
                <Signed n={r.saldo_fleksibel} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/* ---------- Lettings entered by hand ---------- */

const antalFelter = [
  { key: 'ledige_familieboliger', label: 'Ledige familieboliger' },
  { key: 'venteliste', label: 'Udlejet fra ventelisten' },
  { key: 'kommunal_anvisning', label: 'Kommunal anvisning' },
  { key: 'fleksibel_udlejning', label: 'Fleksibel udlejning' },
  { key: 'intern_oprykning', label: 'Intern oprykning' },
  { key: 'andet', label: 'Andet' },
] as const;
type AntalFelt = (typeof antalFelter)[number]['key'];
type Felt = AntalFelt | 'afdeling_id' | 'aar';

function UdlejningForm({ d, onSaved }: { d: AftaleDetalje; onSaved: () => void }) {
  const uid = useId();
  const years = periodeAar(d.aftale);
  const [afdeling, setAfdeling] = useState('');
  const [aar, setAar] = useState(String(years.includes(d.aar) ? d.aar : years[0]));
  const [antal, setAntal] = useState<Record<AntalFelt, string>>({ ledige_familieboliger: '', venteliste: '', kommunal_anvisning: '', fleksibel_udlejning: '', intern_oprykning: '', andet: '' });
  const [errors, setErrors] = useState<Partial<Record<Felt, string>>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fid = (k: Felt) => `${uid}-${k}`;
  const label = (k: Felt) => (k === 'afdeling_id' ? 'Afdeling' : k === 'aar' ? 'År' : antalFelter.find((f) => f.key === k)!.label);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errs: typeof errors = {};
    if (!afdeling) errs.afdeling_id = 'Vælg en afdeling.';
    const values = {} as Record<AntalFelt, number>;
    for (const f of antalFelter) {
      const t = antal[f.key].trim();
      if (!t) errs[f.key] = 'Skriv et antal (0, hvis der ingen er).';
      else if (!/^\d+$/.test(t.replace(/\./g, ''))) errs[f.key] = 'Skriv et helt tal, 0 eller derover.';
      else values[f.key] = Number(t.replace(/\./g, ''));
    }
    setErrors(errs);
    setMessage(null);
    setDone(null);
    if (Object.keys(errs).length) return;
    setBusy(true);
    try {
      await putJson('udlejning/udlejninger', { afdeling_id: Number(afdeling), aar: Number(aar), ...values });
      const a = d.afdelinger.find((x) => String(x.afdeling_id) === afdeling);
      const udlejet = values.venteliste + values.kommunal_anvisning + values.fleksibel_udlejning + values.intern_oprykning + values.andet;
      setDone(`${a?.afdeling_navn ?? 'Afdelingen'} ${aar}: ${fmtInt(udlejet)} udlejninger af ${fmtInt(values.ledige_familieboliger)} ledige familieboliger.`);
      onSaved();
    } catch (err) {
      const f = fieldErrors(err as ApiError);
      const mapped: typeof errors = {};
      const rest: string[] = [];
      for (const [k, m] of Object.entries(f)) {
        if (k === 'afdeling_id' || k === 'aar' || antalFelter.some((x) => x.key === k)) mapped[k as Felt] ??= m;
        else rest.push(m);
      }
      setErrors(mapped);
      if (!Object.keys(mapped).length || rest.length) setMessage([(err as ApiError).message, ...rest.filter((m) => m !== (err as ApiError).message)].join(' '));
    } finally {
      setBusy(false);
    }
  };
  const summary = (Object.keys(errors) as Felt[]).filter((k) => errors[k]).map((k) => ({ id: fid(k), message: `${label(k)}: ${errors[k]}` }));
  return (
    <Section id="indtast-udlejninger" title="Indtast udlejninger">
      <p>
        En afdelings udlejninger for et år, fordelt på kanaler. Det, der indtastes, erstatter en importeret række for samme afdeling og
        år, og ændringen logges.
      </p>
      <form className="udlejning-form" onSubmit={(e) => void submit(e)} noValidate aria-label="Indtast udlejninger">
        <ErrorSummary errors={summary} message={message} heading="Udlejningerne er ikke gemt" />
        <div className="aftale-form-row">
          <SelectField
            id={fid('afdeling_id')}
            label="Afdeling"
            value={afdeling}
            onChange={setAfdeling}
            error={errors.afdeling_id}
            placeholder="Vælg afdeling"
            options={d.afdelinger.map((a) => ({ value: String(a.afdeling_id), label: `${a.afdeling_navn} (${a.boligorganisation_navn}, afd. ${a.afdelingsnummer})` }))}
          />
          <SelectField id={fid('aar')} label="År" value={aar} onChange={setAar} error={errors.aar} options={years.map((y) => ({ value: String(y), label: String(y) }))} />
        </div>
        <div className="antal-grid">
          {antalFelter.map((f) => (
            <TextField
              key={f.key}
              id={fid(f.key)}
              label={f.label}
              value={antal[f.key]}
              onChange={(x) => setAntal((o) => ({ ...o, [f.key]: x }))}
              error={errors[f.key]}
              inputMode="numeric"
              inputClassName="input-width-xs"
            />
          ))}
        </div>
        <div role="status">
          {done && (
            <Alert variant="success" heading="Udlejningerne er gemt" headingLevel={3} quiet>
              <p className="alert-text">{done}</p>
            </Alert>
          )}
        </div>
        <div className="button-row mt-5">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Gemmer …' : 'Gem udlejningerne'}
          </button>
        </div>
      </form>
    </Section>
  );
}
