// The measurable goals of an udlejningsaftale (issue 5): the list, and for a writer adding, changing and removing a
// goal. Each change is saved at once as a new version of the agreement (PUT with the current trappemodel); the
// yearly evaluation judges the goals (src/features/udlejning/evaluation.ts). The server's rules (a share between 0
// and 100 %, no goal before the agreement's first year) answer at the fields.
import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { putJson, type ApiError } from '../api.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { DataTable, type Column } from '../components/DataTable.tsx';
import { ErrorSummary, SelectField, TextField } from '../components/Form.tsx';
import { Icon } from '../components/Icon.tsx';
import { Section } from '../components/Page.tsx';
import { Alert } from '../components/Status.tsx';
import { listText, plural } from '../format.ts';
import { aftaleBody, betingelseTekst, NOEGLETAL, noegletalTekst, OPERATORER, parseTal, talTilFelt, type Aftale, type AftaleDetalje, type Maalsaetning } from '../udlejning.ts';
import { TextArea } from './Udlejningsaftaler.tsx';

interface Values {
  tekst: string;
  noegletal: string;
  operator: Maalsaetning['operator'];
  vaerdi: string;
  senest_aar: string;
  alle: boolean;
  afdelinger: number[];
}
type Field = 'tekst' | 'noegletal' | 'operator' | 'vaerdi' | 'senest_aar' | 'gaelder';
const labels: Record<Field, string> = { tekst: 'Mål', noegletal: 'Nøgletal', operator: 'Krav', vaerdi: 'Værdi', senest_aar: 'Senest år', gaelder: 'Gælder' };

const empty = (aar: number): Values => ({ tekst: '', noegletal: NOEGLETAL[0], operator: '<', vaerdi: '', senest_aar: String(aar), alle: true, afdelinger: [] });
const toValues = (m: Maalsaetning): Values => ({
  tekst: m.tekst,
  noegletal: m.noegletal,
  operator: m.operator,
  vaerdi: talTilFelt(m.vaerdi),
  senest_aar: String(m.senest_aar),
  alle: m.gaelder === 'alle_afdelinger',
  afdelinger: m.gaelder === 'alle_afdelinger' ? [] : m.gaelder,
});

export function MaalSection({ d, mayWrite, reload }: { d: AftaleDetalje; mayWrite: boolean; reload: () => void }) {
  const uid = useId();
  const a = d.aftale;
  const goals = a.maalsaetninger ?? [];
  const startAar = Number(a.gyldig_fra.slice(0, 4));
  const slutAar = Number(a.gyldig_til.slice(0, 4));
  const collator = useMemo(() => new Intl.Collator('da'), []);
  const afdelinger = useMemo(
    () => [...d.afdelinger].sort((x, y) => collator.compare(x.afdeling_navn, y.afdeling_navn) || collator.compare(x.boligorganisation_navn, y.boligorganisation_navn) || x.afdelingsnummer - y.afdelingsnummer),
    [d.afdelinger, collator],
  );
  const afdNavn = (id: number) => d.afdelinger.find((x) => x.afdeling_id === id)?.afdeling_navn ?? `afdeling ${id}`;
  // null: no form; 'ny': a new goal; a number: the goal being changed.
  const [editing, setEditing] = useState<'ny' | number | null>(null);
  const [v, setV] = useState<Values>(() => empty(slutAar));
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [removing, setRemoving] = useState<number | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const id = (f: Field) => (f === 'gaelder' ? `${uid}-gaelder-alle` : `${uid}-${f}`);
  const set = <K extends keyof Values>(k: K, x: Values[K]) => setV((o) => ({ ...o, [k]: x }));

  const open = (which: 'ny' | number) => {
    setEditing(which);
    setV(which === 'ny' ? empty(slutAar) : toValues(goals[which]));
    setErrors({});
    setMessage(null);
    setDone(null);
    setTimeout(() => document.getElementById(id('tekst'))?.focus(), 0);
  };
  const close = () => {
    setEditing(null);
    setTimeout(() => addButton.current?.focus(), 0);
  };

  /** Saves the goals; answers the saved agreement, or null with the errors shown. */
  const save = async (list: Maalsaetning[], index: number | null): Promise<Aftale | null> => {
    setBusy(true);
    setMessage(null);
    try {
      return await putJson<Aftale>(`udlejningsaftaler/${a.id}`, aftaleBody(a, { maalsaetninger: list }));
    } catch (err) {
      const ae = err as ApiError;
      const mapped: Partial<Record<Field, string>> = {};
      const rest: string[] = [];
      for (const f of ae.body?.error.fields ?? []) {
        const m = /^(?:body\.)?maalsaetninger\.(\d+)\.(tekst|noegletal|operator|vaerdi|senest_aar|gaelder)/.exec(f.field);
        if (m && index !== null && Number(m[1]) === index) mapped[m[2] as Field] ??= f.message;
        else rest.push(f.message);
      }
      setErrors(mapped);
      const fieldsOnly = Object.keys(mapped).length > 0 && rest.length === 0;
      setMessage(fieldsOnly ? null : [ae.message, ...rest.filter((m) => m !== ae.message)].join(' '));
      return null;
    } finally {
      setBusy(false);
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (editing === null) return;
    const errs: typeof errors = {};
    if (!v.tekst.trim()) errs.tekst = 'Beskriv målet.';
    const vaerdi = parseTal(v.vaerdi);
    if (!v.vaerdi.trim()) errs.vaerdi = 'Angiv værdien, nøgletallet skal nå.';
    else if (vaerdi === null) errs.vaerdi = `»${v.vaerdi.trim()}« er ikke et tal. Skriv fx 35 eller 12,5.`;
    const aar = Number(v.senest_aar.trim());
    if (!/^\d{4}$/.test(v.senest_aar.trim())) errs.senest_aar = 'Angiv året som fire cifre, fx 2027.';
    if (!v.alle && v.afdelinger.length === 0) errs.gaelder = 'Vælg mindst én afdeling, eller lad målet gælde alle afdelinger.';
    setErrors(errs);
    setMessage(null);
    if (Object.keys(errs).length) return;
    const m: Maalsaetning = {
      tekst: v.tekst.trim(),
      noegletal: v.noegletal,
      operator: v.operator,
      vaerdi: vaerdi!,
      senest_aar: aar,
      gaelder: v.alle ? 'alle_afdelinger' : v.afdelinger,
    };
    const index = editing === 'ny' ? goals.length : editing;
    const list = goals.map((g, i) => (i === index ? m : g));
    if (editing === 'ny') list.push(m);
    const saved = await save(list, index);
    if (!saved) return;
    setDone(`${editing === 'ny' ? 'Målet er tilføjet' : 'Målet er rettet'}, og aftalen er gemt som version ${saved.version}.`);
    close();
    reload();
  };

  const remove = async () => {
    if (removing === null) return;
    const saved = await save(
      goals.filter((_, i) => i !== removing),
      null,
    );
    const tekst = goals[removing].tekst;
    setRemoving(null);
    if (!saved) return;
    setDone(`Målet »${tekst}« er fjernet, og aftalen er gemt som version ${saved.version}.`);
    setTimeout(() => addButton.current?.focus(), 0);
    reload();
  };

  type Row = Maalsaetning & { nr: number };
  const columns: Column<Row>[] = [
    { key: 'tekst', header: 'Mål', rowHeader: true, value: (m) => m.tekst },
    { key: 'krav', header: 'Krav', value: (m) => betingelseTekst({ noegletal: m.noegletal, operator: m.operator, vaerdi: m.vaerdi }) },
    { key: 'senest_aar', header: 'Senest', kind: 'year' },
    {
      key: 'gaelder',
      header: 'Gælder',
      render: (m) =>
        m.gaelder === 'alle_afdelinger' ? (
          'Alle afdelinger (samlet)'
        ) : (
          <>
            {plural(m.gaelder.length, 'afdeling', 'afdelinger')}
            <span className="d-block small-text">{listText(m.gaelder.map(afdNavn))}</span>
          </>
        ),
    },
    ...(mayWrite
      ? [
          {
            key: 'handling',
            header: 'Handlinger',
            render: (m: Row) => (
              <span className="maal-handlinger">
                <button type="button" className="button button-unstyled function-link nowrap" onClick={() => open(m.nr)} disabled={busy}>
                  <Icon name="edit" />
                  Ret<span className="sr-only"> mål {m.nr + 1}</span>
                </button>
                <button
                  type="button"
                  className="button button-unstyled function-link nowrap"
                  onClick={() => {
                    setDone(null);
                    setMessage(null);
                    setRemoving(m.nr);
                  }}
                  disabled={busy}
                >
                  <Icon name="delete" />
                  Fjern<span className="sr-only"> mål {m.nr + 1}</span>
                </button>
              </span>
            ),
          },
        ]
      : []),
  ];

  const summary = (Object.keys(errors) as Field[]).map((k) => ({ id: k === 'gaelder' && !v.alle ? `${uid}-afd-0` : id(k), message: `${labels[k]}: ${errors[k]}` }));
  return (
    <Section id="maalsaetninger" title="Målbare mål">
      <p>
        Den årlige evaluering måler aftalen mod målene. Et mål for alle afdelinger måles på aftalens samlede tal (vægtet med husstandene);
        et mål for udvalgte afdelinger skal nås i hver af dem.
      </p>
      {goals.length === 0 ? (
        <p>Aftalen har ingen målbare mål{mayWrite ? ' endnu' : ''}.</p>
      ) : (
        <DataTable caption="Aftalens målbare mål" compact columns={columns} rows={goals.map((g, nr) => ({ ...g, nr }))} rowKey={(r) => r.nr} />
      )}
      <div role="status">
        {done && (
          <Alert variant="success" heading="Målene er gemt" headingLevel={3} quiet>
            <p className="alert-text">{done}</p>
          </Alert>
        )}
      </div>
      {message && editing === null && (
        <Alert variant="error" heading="Målene er ikke gemt" headingLevel={3}>
          <p className="alert-text">{message}</p>
        </Alert>
      )}
      {mayWrite && editing === null && (
        <button type="button" ref={addButton} className="button button-secondary mt-4" onClick={() => open('ny')}>
          <Icon name="plus" />
          Tilføj mål
        </button>
      )}
      {mayWrite && editing !== null && (
        <form className="maal-form mt-4" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${uid}-title`}>
          <h3 id={`${uid}-title`}>{editing === 'ny' ? 'Tilføj mål' : `Ret mål ${editing + 1}`}</h3>
          <ErrorSummary errors={summary} message={message} heading="Målet er ikke gemt" />
          <TextArea id={id('tekst')} label={labels.tekst} hint="Hvad aftalen skal opnå, fx »Færre afdelinger over 40 % uden for arbejdsmarkedet«." value={v.tekst} onChange={(x) => set('tekst', x)} error={errors.tekst} rows={2} />
          <div className="aftale-form-row">
            <SelectField id={id('noegletal')} label={labels.noegletal} value={v.noegletal} onChange={(x) => set('noegletal', x)} error={errors.noegletal} options={NOEGLETAL.map((n) => ({ value: n, label: noegletalTekst(n) }))} />
            <SelectField id={id('operator')} label={labels.operator} value={v.operator} onChange={(x) => set('operator', x as Maalsaetning['operator'])} error={errors.operator} options={OPERATORER} />
            <TextField
              id={id('vaerdi')}
              label={`${labels.vaerdi} (%)`}
              hint={v.noegletal === 'indkomst_pct_af_region' ? 'I procent af regionens gennemsnit.' : 'En andel mellem 0 og 100 %.'}
              value={v.vaerdi}
              onChange={(x) => set('vaerdi', x)}
              error={errors.vaerdi}
              inputMode="decimal"
              inputClassName="input-width-xs"
            />
            <TextField
              id={id('senest_aar')}
              label={labels.senest_aar}
              hint={`Året, målet senest skal være nået; tidligst aftalens første år, ${startAar}.`}
              value={v.senest_aar}
              onChange={(x) => set('senest_aar', x)}
              error={errors.senest_aar}
              inputMode="numeric"
              inputClassName="input-width-xs"
            />
          </div>
          <fieldset className={`form-group${errors.gaelder ? ' form-error' : ''}`} aria-describedby={errors.gaelder ? `${uid}-gaelder-error` : undefined}>
            <legend className="form-label">{labels.gaelder}</legend>
            {errors.gaelder && (
              <span className="form-error-message" id={`${uid}-gaelder-error`}>
                <span className="sr-only">Fejl: </span>
                {errors.gaelder}
              </span>
            )}
            {([true, false] as const).map((alle) => (
              <div className="form-group-radio" key={String(alle)}>
                <input type="radio" className="form-radio" id={`${uid}-gaelder-${alle ? 'alle' : 'udvalgte'}`} name={`${uid}-gaelder`} checked={v.alle === alle} onChange={() => set('alle', alle)} aria-describedby={`${uid}-gaelder-${alle ? 'alle' : 'udvalgte'}-hint`} />
                <label className="form-label" htmlFor={`${uid}-gaelder-${alle ? 'alle' : 'udvalgte'}`}>
                  {alle ? 'Alle afdelinger i aftalen' : 'Udvalgte afdelinger'}
                </label>
                <span className="form-hint checkbox-hint" id={`${uid}-gaelder-${alle ? 'alle' : 'udvalgte'}-hint`}>
                  {alle ? 'Måles på aftalens samlede tal.' : 'Målet skal nås i hver af de valgte afdelinger.'}
                </span>
              </div>
            ))}
          </fieldset>
          {!v.alle && (
            <fieldset className="form-group maal-afdelinger">
              <legend className="form-label">Afdelinger</legend>
              <span className="form-hint">Afdelingerne, aftalen dækker i {d.aar}.</span>
              <div className="maal-afdelinger-list">
                {[...afdelinger.map((x) => ({ id: x.afdeling_id, label: `${x.afdeling_navn} (${x.boligorganisation_navn}, afd. ${x.afdelingsnummer})` })), ...v.afdelinger.filter((x) => !d.afdelinger.some((y) => y.afdeling_id === x)).map((x) => ({ id: x, label: `Afdeling ${x} (ikke dækket i ${d.aar})` }))].map((x, i) => (
                  <div className="form-group-checkbox" key={x.id}>
                    <input
                      id={`${uid}-afd-${i}`}
                      type="checkbox"
                      className="form-checkbox"
                      checked={v.afdelinger.includes(x.id)}
                      onChange={(e) => set('afdelinger', e.target.checked ? [...v.afdelinger, x.id] : v.afdelinger.filter((y) => y !== x.id))}
                    />
                    <label className="form-label" htmlFor={`${uid}-afd-${i}`}>
                      {x.label}
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
          )}
          <div className="button-row mt-5">
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? 'Gemmer …' : 'Gem målet'}
            </button>
            <button type="button" className="button button-secondary" disabled={busy} onClick={close}>
              Annuller
            </button>
          </div>
        </form>
      )}
      <ConfirmDialog open={removing !== null} title="Fjern målet?" confirmText="Fjern målet" busy={busy} onConfirm={() => void remove()} onCancel={() => setRemoving(null)}>
        <p>
          {removing !== null && goals[removing] ? `»${goals[removing].tekst}«` : 'Målet'} fjernes fra aftalen, som gemmes som en ny version. Evalueringen måler det
          ikke længere.
        </p>
      </ConfirmDialog>
    </Section>
  );
}
