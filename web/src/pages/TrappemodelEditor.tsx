// The trappemodel editor of an udlejningsaftale (issue 5): the steps in order (most vulnerable first), each with its
// name, its conditions on key figures ("alle" or "mindst én") and its tools (kommunal anvisning, fleksibel udlejning
// with criteria, kombineret udlejning). Saved as a new version of the agreement (PUT with the current goals); the
// server's validation (src/rules/udlejning.ts validateTrappemodel and the route's zod schema) answers at the fields.
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { getJson, putJson, type ApiError } from '../api.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { ErrorSummary, SelectField, TextField } from '../components/Form.tsx';
import { Icon } from '../components/Icon.tsx';
import { Alert } from '../components/Status.tsx';
import { fmtDate, plural } from '../format.ts';
import {
  aftaleBody,
  kriterieTypeNavn,
  NOEGLETAL,
  noegletalTekst,
  OPERATORER,
  parseTal,
  talTilFelt,
  type Aftale,
  type AftaleDetalje,
  type Betingelse,
  type KriterieType,
  type Trappemodel,
  type Trin,
  type TrinRedskaber,
} from '../udlejning.ts';

// The API's limits (src/features/udlejning/routes.ts).
const MAX_TRIN = 10;
const MAX_BETINGELSER = 10;
const MAX_KRITERIER = 20;

interface DraftBetingelse {
  key: string;
  noegletal: string;
  operator: Betingelse['operator'];
  vaerdi: string;
}
interface DraftKriterium {
  key: string;
  type: KriterieType;
  beskrivelse: string;
}
interface DraftTrin {
  key: string;
  /** The stored step: its id is kept so the placements still point at it. Null for a new step. */
  original: Trin | null;
  navn: string;
  betingelser: DraftBetingelse[];
  kombination: 'alle' | 'mindst_en';
  anvisning: string;
  fleksAktiv: boolean;
  fleksAndel: string;
  kriterier: DraftKriterium[];
  undtagIntern: boolean;
  kombineret: boolean;
}
interface Draft {
  navn: string;
  trin: DraftTrin[];
}

let counter = 0;
const nextKey = () => `k${++counter}`;

function toDraft(m: Trappemodel): Draft {
  return {
    navn: m.navn,
    trin: m.trin.map((t) => ({
      key: nextKey(),
      original: t,
      navn: t.navn,
      betingelser: t.betingelser.map((b) => ({ key: nextKey(), noegletal: b.noegletal, operator: b.operator, vaerdi: talTilFelt(b.vaerdi) })),
      kombination: t.kombination ?? 'alle',
      anvisning: talTilFelt(t.redskaber.kommunalAnvisningPct),
      fleksAktiv: t.redskaber.fleksibelUdlejning.aktiv,
      fleksAndel: t.redskaber.fleksibelUdlejning.aktiv ? talTilFelt(t.redskaber.fleksibelUdlejning.andelPct) : '',
      kriterier: t.redskaber.fleksibelUdlejning.kriterier.map((k) => ({ key: nextKey(), type: k.type, beskrivelse: k.beskrivelse })),
      undtagIntern: !!t.redskaber.fleksibelUdlejning.undtagInternOprykning,
      kombineret: t.redskaber.kombineretUdlejning,
    })),
  };
}

const newTrin = (): DraftTrin => ({
  key: nextKey(),
  original: null,
  navn: '',
  betingelser: [{ key: nextKey(), noegletal: NOEGLETAL[0], operator: '>', vaerdi: '' }],
  kombination: 'alle',
  anvisning: '',
  fleksAktiv: false,
  fleksAndel: '',
  kriterier: [],
  undtagIntern: false,
  kombineret: false,
});

/** "Orange trin" -> "orange-trin": the id of a new step, unique in the model. */
function slug(navn: string, used: Set<string>): string {
  const base =
    navn
      .toLowerCase()
      .replace(/æ/g, 'ae')
      .replace(/ø/g, 'oe')
      .replace(/å/g, 'aa')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 32) || 'trin';
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  used.add(id);
  return id;
}

/** Conditions and tools as compared to decide whether a step's "grundlag" (where its numbers came from) still holds. */
const indhold = (t: Pick<Trin, 'betingelser' | 'kombination' | 'redskaber'>) => {
  const f = t.redskaber.fleksibelUdlejning;
  return JSON.stringify([
    t.betingelser.map((b) => [b.noegletal, b.operator, b.vaerdi]),
    t.betingelser.length > 1 ? (t.kombination ?? 'alle') : 'alle',
    t.redskaber.kommunalAnvisningPct,
    f.aktiv ? [f.andelPct, f.kriterier.map((k) => [k.type, k.beskrivelse]), !!f.undtagInternOprykning] : false,
    t.redskaber.kombineretUdlejning,
  ]);
};

type FieldError = { id: string; label: string; message: string };

/** The ids of a draft's fields. */
function fieldIds(uid: string) {
  return {
    modelNavn: `${uid}-model-navn`,
    trin: (t: DraftTrin, f: 'navn' | 'anvisning' | 'fleks' | 'andel' | 'undtag' | 'kombineret' | 'kombination' | 'add-betingelse' | 'add-kriterium' | 'op' | 'ned' | 'fjern') =>
      `${uid}-${t.key}-${f}`,
    betingelse: (t: DraftTrin, b: DraftBetingelse, f: 'noegletal' | 'operator' | 'vaerdi' | 'fjern') => `${uid}-${t.key}-${b.key}-${f}`,
    kriterium: (t: DraftTrin, k: DraftKriterium, f: 'type' | 'beskrivelse' | 'fjern') => `${uid}-${t.key}-${k.key}-${f}`,
  };
}

/** The model to send, or the problems found before sending. */
function build(draft: Draft, ids: ReturnType<typeof fieldIds>): { model: Trappemodel; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const err = (id: string, label: string, message: string) => errors.push({ id, label, message });
  if (!draft.navn.trim()) err(ids.modelNavn, 'Trappemodellens navn', 'Giv trappemodellen et navn.');
  const pct = (s: string, id: string, label: string, tom: string): number => {
    const n = parseTal(s);
    if (s.trim() === '') err(id, label, tom);
    else if (n === null) err(id, label, `»${s.trim()}« er ikke et tal. Skriv fx 25 eller 12,5.`);
    else if (n < 0 || n > 100) err(id, label, 'Andelen skal være mellem 0 og 100 %.');
    return n ?? 0;
  };
  const used = new Set(draft.trin.flatMap((t) => (t.original ? [t.original.id] : [])));
  const names = new Map<string, number>();
  const trin: Trin[] = draft.trin.map((t, i) => {
    const T = `Trin ${i + 1}`;
    const navn = t.navn.trim();
    if (!navn) err(ids.trin(t, 'navn'), `${T}, navn`, 'Giv trinnet et navn.');
    else if (names.has(navn.toLowerCase())) err(ids.trin(t, 'navn'), `${T}, navn`, `Trin ${names.get(navn.toLowerCase())! + 1} hedder også »${navn}«. Giv trinnene forskellige navne.`);
    else names.set(navn.toLowerCase(), i);
    const betingelser = t.betingelser.map((b, j) => {
      const v = parseTal(b.vaerdi);
      const label = `${T}, grænse i betingelse ${j + 1}`;
      if (b.vaerdi.trim() === '') err(ids.betingelse(t, b, 'vaerdi'), label, 'Angiv grænsen som et tal.');
      else if (v === null) err(ids.betingelse(t, b, 'vaerdi'), label, `»${b.vaerdi.trim()}« er ikke et tal. Skriv fx 40 eller 12,5.`);
      return { noegletal: b.noegletal, operator: b.operator, vaerdi: v ?? 0 };
    });
    const kommunalAnvisningPct = pct(t.anvisning, ids.trin(t, 'anvisning'), `${T}, kommunal anvisning`, 'Angiv andelen til kommunal anvisning i procent (0 for ingen).');
    const redskaber: TrinRedskaber = {
      kommunalAnvisningPct,
      fleksibelUdlejning: t.fleksAktiv
        ? {
            aktiv: true,
            andelPct: pct(t.fleksAndel, ids.trin(t, 'andel'), `${T}, andel med fleksibel udlejning`, 'Angiv andelen af de øvrige udlejninger i procent.'),
            kriterier: t.kriterier.map((k, j) => {
              const beskrivelse = k.beskrivelse.trim();
              if (!beskrivelse) err(ids.kriterium(t, k, 'beskrivelse'), `${T}, beskrivelse af kriterium ${j + 1}`, 'Beskriv kriteriet, fx »boligsøgende i beskæftigelse«.');
              else if (beskrivelse.length > 300) err(ids.kriterium(t, k, 'beskrivelse'), `${T}, beskrivelse af kriterium ${j + 1}`, 'Beskrivelsen må højst være 300 tegn.');
              return { type: k.type, beskrivelse };
            }),
            undtagInternOprykning: t.undtagIntern,
          }
        : { aktiv: false, andelPct: 0, kriterier: [] },
      kombineretUdlejning: t.kombineret,
    };
    const step: Trin = { id: t.original?.id ?? '', navn, betingelser, kombination: t.kombination, redskaber };
    // The "grundlag" explains the numbers of the step it came with; changed numbers leave it behind.
    if (t.original?.grundlag?.length && indhold(t.original) === indhold(step)) step.grundlag = t.original.grundlag;
    return step;
  });
  // New steps get an id from their name (placements refer to steps by id).
  draft.trin.forEach((t, i) => {
    if (!t.original) trin[i].id = slug(trin[i].navn, used);
  });
  return { model: { navn: draft.navn.trim(), trin }, errors };
}

/** Where a field of the server's answer is in the form ('trappemodel.trin.1.redskaber.kommunalAnvisningPct'). */
function serverField(field: string, sent: Draft, ids: ReturnType<typeof fieldIds>): { id: string; label: string } | null {
  const f = field.replace(/^body\.?/, '');
  if (f === 'trappemodel.navn') return { id: ids.modelNavn, label: 'Trappemodellens navn' };
  const m = /^trappemodel\.trin\.(\d+)(?:\.(.*))?$/.exec(f);
  const t = m && sent.trin[Number(m[1])];
  if (!m || !t) return null;
  const T = `Trin ${Number(m[1]) + 1}`;
  const rest = m[2] ?? '';
  let r: RegExpExecArray | null;
  if ((r = /^betingelser\.(\d+)\.(noegletal|operator|vaerdi)/.exec(rest)) && t.betingelser[Number(r[1])]) {
    const what = { noegletal: 'nøgletal', operator: 'sammenligning', vaerdi: 'grænse' }[r[2] as 'noegletal' | 'operator' | 'vaerdi'];
    return { id: ids.betingelse(t, t.betingelser[Number(r[1])], r[2] as 'noegletal' | 'operator' | 'vaerdi'), label: `${T}, ${what} i betingelse ${Number(r[1]) + 1}` };
  }
  if ((r = /^redskaber\.fleksibelUdlejning\.kriterier\.(\d+)\.(type|beskrivelse)/.exec(rest)) && t.kriterier[Number(r[1])]) {
    return { id: ids.kriterium(t, t.kriterier[Number(r[1])], r[2] as 'type' | 'beskrivelse'), label: `${T}, ${r[2] === 'type' ? 'type' : 'beskrivelse'} af kriterium ${Number(r[1]) + 1}` };
  }
  if (rest.startsWith('redskaber.kommunalAnvisningPct') || rest === 'redskaber') return { id: ids.trin(t, 'anvisning'), label: `${T}, kommunal anvisning` };
  if (rest.startsWith('redskaber.fleksibelUdlejning.andelPct')) return { id: t.fleksAktiv ? ids.trin(t, 'andel') : ids.trin(t, 'fleks'), label: `${T}, andel med fleksibel udlejning` };
  if (rest.startsWith('redskaber.fleksibelUdlejning.undtagInternOprykning')) return { id: t.fleksAktiv ? ids.trin(t, 'undtag') : ids.trin(t, 'fleks'), label: `${T}, intern oprykning` };
  if (rest.startsWith('redskaber.fleksibelUdlejning')) return { id: ids.trin(t, 'fleks'), label: `${T}, fleksibel udlejning` };
  if (rest.startsWith('redskaber.kombineretUdlejning')) return { id: ids.trin(t, 'kombineret'), label: `${T}, kombineret udlejning` };
  if (rest.startsWith('kombination')) return { id: t.betingelser.length > 1 ? `${ids.trin(t, 'kombination')}-alle` : ids.trin(t, 'navn'), label: `${T}, kombination` };
  if (rest.startsWith('betingelser')) return { id: ids.trin(t, 'add-betingelse'), label: `${T}, betingelser` };
  return { id: ids.trin(t, 'navn'), label: T };
}

/** The problems of a model that placing would not refuse but that are worth knowing (as validateTrappemodel's warnings). */
function modelAdvarsler(d: Draft): string[] {
  const catchAll = d.trin.findIndex((t) => t.betingelser.length === 0);
  if (catchAll === -1) return ['Intet trin er uden betingelser: en afdeling, der ikke opfylder betingelserne for noget trin, kommer ikke på et trin.'];
  if (catchAll < d.trin.length - 1) return [`Trin ${catchAll + 1} har ingen betingelser, så ${catchAll + 2 === d.trin.length ? `trin ${catchAll + 2}` : 'trinnene efter det'} kan aldrig nås.`];
  return [];
}

export function TrappemodelEditor({ d, onSaved, onCancel }: { d: AftaleDetalje; onSaved: (saved: Aftale) => void; onCancel: () => void }) {
  const uid = useId();
  const ids = fieldIds(uid);
  const [initial] = useState(() => toDraft(d.aftale.trappemodel));
  const [draft, setDraft] = useState<Draft>(initial);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [announce, setAnnounce] = useState('');
  const [removing, setRemoving] = useState<DraftTrin | null>(null);
  const [discard, setDiscard] = useState(false);
  const [reset, setReset] = useState(false);
  const focusNext = useRef<string[] | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  // Focus after a change that moved or removed the focused control (the first of the ids that is enabled).
  useEffect(() => {
    const want = focusNext.current;
    if (!want) return;
    focusNext.current = null;
    for (const id of want) {
      const el = document.getElementById(id) as HTMLElement | null;
      if (el && !(el as HTMLButtonElement).disabled) {
        el.focus();
        return;
      }
    }
  });
  const errorOf = (id: string) => errors.find((e) => e.id === id)?.message;
  const setTrin = (key: string, fn: (t: DraftTrin) => DraftTrin) => setDraft((o) => ({ ...o, trin: o.trin.map((t) => (t.key === key ? fn(t) : t)) }));
  const trinNavn = (t: DraftTrin, i: number) => `trin ${i + 1}${t.navn.trim() ? `: ${t.navn.trim()}` : ''}`;

  const move = (i: number, by: -1 | 1) => {
    const t = draft.trin[i];
    const trin = [...draft.trin];
    trin.splice(i, 1);
    trin.splice(i + by, 0, t);
    setDraft({ ...draft, trin });
    focusNext.current = [ids.trin(t, by < 0 ? 'op' : 'ned'), ids.trin(t, by < 0 ? 'ned' : 'op')];
    setAnnounce(`${t.navn.trim() || 'Trinnet'} er nu trin ${i + by + 1} af ${trin.length}.`);
  };
  const addTrin = () => {
    const t = newTrin();
    // Before a last step without conditions (the catch-all), which must stay last to be reached.
    const last = draft.trin[draft.trin.length - 1];
    const at = last && last.betingelser.length === 0 ? draft.trin.length - 1 : draft.trin.length;
    const trin = [...draft.trin];
    trin.splice(at, 0, t);
    setDraft({ ...draft, trin });
    focusNext.current = [ids.trin(t, 'navn')];
    setAnnounce(at < draft.trin.length ? `Et nyt trin er indsat som trin ${at + 1}, før det sidste trin uden betingelser.` : `Et nyt trin er tilføjet som trin ${at + 1}.`);
  };
  const removeTrin = (t: DraftTrin) => {
    const i = draft.trin.indexOf(t);
    const trin = draft.trin.filter((x) => x !== t);
    setDraft({ ...draft, trin });
    setRemoving(null);
    const next = trin[Math.min(i, trin.length - 1)];
    focusNext.current = next ? [ids.trin(next, 'navn')] : [];
    setAnnounce(`${t.navn.trim() ? `Trinnet »${t.navn.trim()}«` : `Trin ${i + 1}`} er fjernet fra udkastet.`);
  };

  // The default model as of the agreement's start (the 25 % of § 59, stk. 1 is dated); the steps keep their ids.
  const resetToStandard = async () => {
    setReset(false);
    setMessage(null);
    try {
      const model = await getJson<Trappemodel>('udlejning/standardtrappe', { dato: d.aftale.gyldig_fra });
      const next = toDraft(model);
      setDraft(next);
      setErrors([]);
      focusNext.current = [ids.modelNavn];
      setAnnounce(`Udkastet er erstattet af standardtrappen med ${plural(next.trin.length, 'trin', 'trin')}. Gem trappemodellen for at bruge den.`);
    } catch (err) {
      setMessage(`Standardtrappen kunne ikke hentes: ${(err as ApiError).message}`);
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const { model, errors: errs } = build(draft, ids);
    setMessage(null);
    setErrors(errs);
    if (errs.length) return;
    const sent = draft;
    setBusy(true);
    try {
      const saved = await putJson<Aftale>(`udlejningsaftaler/${d.aftale.id}`, aftaleBody(d.aftale, { trappemodel: model }));
      onSaved(saved);
    } catch (err) {
      const ae = err as ApiError;
      const mapped: FieldError[] = [];
      const rest: string[] = [];
      for (const f of ae.body?.error.fields ?? []) {
        const at = serverField(f.field, sent, ids);
        if (at && !mapped.some((x) => x.id === at.id)) mapped.push({ ...at, message: f.message });
        else if (!at) rest.push(f.message);
      }
      setErrors(mapped);
      setMessage(mapped.length && !rest.length && ae.message === 'Ugyldigt input.' ? null : [ae.message, ...rest.filter((m) => m !== ae.message)].join(' '));
    } finally {
      setBusy(false);
    }
  };

  const dirty = JSON.stringify(draft) !== JSON.stringify(initial);
  const advarsler = modelAdvarsler(draft);
  const placedOn = (t: DraftTrin) => (t.original ? d.afdelinger.filter((a) => a.placering?.trin === t.original!.id) : []);
  const removingPlaced = removing ? placedOn(removing) : [];
  const removingManual = removingPlaced.filter((a) => a.placering!.manuel);
  return (
    <form className="trappe-editor mt-5" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${uid}-title`}>
      <h3 id={`${uid}-title`} ref={heading} tabIndex={-1}>
        Ret trappemodellen
      </h3>
      <p>
        Trinnene står i rækkefølge fra de mest udsatte afdelinger. En afdeling placeres på det første trin, hvis betingelser den opfylder;
        et trin uden betingelser gælder alle øvrige afdelinger og skal stå sidst. Ændringerne gemmes som en ny version af aftalen, når du
        vælger »Gem trappemodellen«.
      </p>
      <ErrorSummary errors={errors.map((x) => ({ id: x.id, message: `${x.label}: ${x.message}` }))} message={message} heading="Trappemodellen er ikke gemt" />
      <TextField
        id={ids.modelNavn}
        label="Trappemodellens navn"
        value={draft.navn}
        onChange={(x) => setDraft({ ...draft, navn: x })}
        error={errorOf(ids.modelNavn)}
        maxLength={100}
        inputClassName="input-width-xl"
      />
      <ol className="trappe-trin-list nobullet-list no-max-width">
        {draft.trin.map((t, i) => (
          <li key={t.key}>
            <TrinEditor
              t={t}
              i={i}
              count={draft.trin.length}
              ids={ids}
              errorOf={errorOf}
              set={(fn) => setTrin(t.key, fn)}
              onMove={(by) => move(i, by)}
              onRemove={() => setRemoving(t)}
              focus={(list) => (focusNext.current = list)}
              trinNavn={trinNavn(t, i)}
            />
          </li>
        ))}
      </ol>
      {advarsler.length > 0 && (
        <Alert variant="warning" heading="Bemærk" headingLevel={3} quiet className="mt-4">
          {advarsler.map((a) => (
            <p className="alert-text" key={a}>
              {a}
            </p>
          ))}
        </Alert>
      )}
      <p className="mt-4">
        <button type="button" className="button button-secondary" onClick={addTrin} disabled={draft.trin.length >= MAX_TRIN} aria-describedby={draft.trin.length >= MAX_TRIN ? `${uid}-max-trin` : undefined}>
          <Icon name="plus" />
          Tilføj trin
        </button>{' '}
        <button type="button" className="button button-secondary" onClick={() => setReset(true)} disabled={busy}>
          Start fra standardtrappen
        </button>
        {draft.trin.length >= MAX_TRIN && (
          <span className="form-hint d-block" id={`${uid}-max-trin`}>
            En trappemodel kan højst have {MAX_TRIN} trin.
          </span>
        )}
      </p>
      <div role="status" className="sr-only">
        {announce}
      </div>
      <div className="button-row mt-5">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Gemmer …' : 'Gem trappemodellen'}
        </button>
        <button type="button" className="button button-secondary" disabled={busy} onClick={() => (dirty ? setDiscard(true) : onCancel())}>
          Annuller
        </button>
      </div>
      <ConfirmDialog
        open={!!removing}
        title={`Fjern ${removing ? trinNavn(removing, draft.trin.indexOf(removing)) : 'trinnet'}?`}
        confirmText="Fjern trinnet"
        onConfirm={() => removing && removeTrin(removing)}
        onCancel={() => setRemoving(null)}
      >
        <p>Trinnet med dets betingelser og redskaber fjernes fra udkastet. Aftalen ændres først, når du gemmer trappemodellen.</p>
        {removingPlaced.length > 0 && (
          <p>
            I {d.aar} er {plural(removingPlaced.length, 'afdeling', 'afdelinger')} placeret på trinnet
            {removingManual.length > 0 && `, heraf ${plural(removingManual.length, 'manuelt', 'manuelt')}`}. Placér afdelingerne igen, når
            trappemodellen er gemt{removingManual.length > 0 && '; en manuel placering på trinnet skal rettes i hånden'}.
          </p>
        )}
      </ConfirmDialog>
      <ConfirmDialog
        open={reset}
        title="Erstat udkastet med standardtrappen?"
        confirmText="Brug standardtrappen"
        cancelText="Behold udkastet"
        onConfirm={() => void resetToStandard()}
        onCancel={() => setReset(false)}
      >
        <p>
          Alle trin i udkastet erstattes af standardtrappen, som den gælder ved aftalens start {fmtDate(d.aftale.gyldig_fra)}. Aftalen
          ændres først, når du gemmer trappemodellen; indtil da kan du vælge »Annuller«.
        </p>
      </ConfirmDialog>
      <ConfirmDialog open={discard} title="Kassér ændringerne?" confirmText="Kassér ændringerne" cancelText="Fortsæt med at rette" onConfirm={onCancel} onCancel={() => setDiscard(false)}>
        <p>Trappemodellen er ikke gemt. Dine ændringer går tabt.</p>
      </ConfirmDialog>
    </form>
  );
}

function Checkbox({ id, label, hint, checked, onChange, error }: { id: string; label: ReactNode; hint?: ReactNode; checked: boolean; onChange: (v: boolean) => void; error?: string }) {
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`form-group${error ? ' form-error' : ''}`}>
      {error && (
        <span className="form-error-message" id={`${id}-error`}>
          <span className="sr-only">Fejl: </span>
          {error}
        </span>
      )}
      <div className="form-group-checkbox">
        <input id={id} type="checkbox" className="form-checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} aria-describedby={describedBy} aria-invalid={error ? true : undefined} />
        <label className="form-label" htmlFor={id}>
          {label}
        </label>
      </div>
      {hint && (
        <span className="form-hint checkbox-hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
    </div>
  );
}

function TrinEditor({
  t,
  i,
  count,
  ids,
  errorOf,
  set,
  onMove,
  onRemove,
  focus,
  trinNavn,
}: {
  t: DraftTrin;
  i: number;
  count: number;
  ids: ReturnType<typeof fieldIds>;
  errorOf: (id: string) => string | undefined;
  set: (fn: (t: DraftTrin) => DraftTrin) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
  focus: (ids: string[]) => void;
  trinNavn: string;
}) {
  const id = (f: Parameters<typeof ids.trin>[1]) => ids.trin(t, f);
  const sr = <span className="sr-only"> ({trinNavn})</span>;
  const noegletalOptions = (current: string) => [
    ...NOEGLETAL.map((n) => ({ value: n, label: noegletalTekst(n) })),
    ...(NOEGLETAL.includes(current as (typeof NOEGLETAL)[number]) ? [] : [{ value: current, label: current }]),
  ];
  const addBetingelse = () => {
    const b: DraftBetingelse = { key: nextKey(), noegletal: NOEGLETAL[0], operator: '>', vaerdi: '' };
    set((o) => ({ ...o, betingelser: [...o.betingelser, b] }));
    focus([ids.betingelse(t, b, 'noegletal')]);
  };
  const removeBetingelse = (b: DraftBetingelse) => {
    set((o) => ({ ...o, betingelser: o.betingelser.filter((x) => x !== b) }));
    focus([id('add-betingelse')]);
  };
  const addKriterium = () => {
    const k: DraftKriterium = { key: nextKey(), type: 'andet', beskrivelse: '' };
    set((o) => ({ ...o, kriterier: [...o.kriterier, k] }));
    focus([ids.kriterium(t, k, 'type')]);
  };
  const removeKriterium = (k: DraftKriterium) => {
    set((o) => ({ ...o, kriterier: o.kriterier.filter((x) => x !== k) }));
    focus([id('add-kriterium')]);
  };
  return (
    <fieldset className="trin-editor">
      <legend className="trin-editor-legend">
        Trin {i + 1}
        {t.navn.trim() ? `: ${t.navn.trim()}` : ''}
      </legend>
      <div className="trin-editor-tools">
        <button type="button" id={id('op')} className="button button-unstyled function-link" disabled={i === 0} onClick={() => onMove(-1)}>
          <Icon name="arrow-upward" />
          Flyt op{sr}
        </button>
        <button type="button" id={id('ned')} className="button button-unstyled function-link" disabled={i === count - 1} onClick={() => onMove(1)}>
          <Icon name="arrow-downward" />
          Flyt ned{sr}
        </button>
        {count > 1 && (
          <button type="button" id={id('fjern')} className="button button-unstyled function-link" onClick={onRemove}>
            <Icon name="delete" />
            Fjern trinnet{sr}
          </button>
        )}
      </div>
      <TextField id={id('navn')} label="Navn" hint={i === 0 ? 'Fx »rød, mest udsatte«.' : undefined} value={t.navn} onChange={(x) => set((o) => ({ ...o, navn: x }))} error={errorOf(id('navn'))} maxLength={100} inputClassName="input-width-l" />

      <fieldset className="trin-editor-del">
        <legend className="form-label">Betingelser</legend>
        {t.betingelser.length === 0 ? (
          <p className="form-hint mt-0">Ingen betingelser: trinnet gælder alle afdelinger, der ikke er placeret på et trin før det.</p>
        ) : (
          <p className="form-hint mt-0">Afdelingens seneste nøgletal fra året før udlejningsåret sammenlignes med grænsen.</p>
        )}
        {t.betingelser.map((b, j) => (
          <fieldset className="betingelse-row" key={b.key}>
            <legend className="sr-only">
              Betingelse {j + 1} ({trinNavn})
            </legend>
            <SelectField
              id={ids.betingelse(t, b, 'noegletal')}
              label="Nøgletal"
              value={b.noegletal}
              onChange={(x) => set((o) => ({ ...o, betingelser: o.betingelser.map((y) => (y === b ? { ...y, noegletal: x } : y)) }))}
              error={errorOf(ids.betingelse(t, b, 'noegletal'))}
              options={noegletalOptions(b.noegletal)}
            />
            <SelectField
              id={ids.betingelse(t, b, 'operator')}
              label="Sammenligning"
              value={b.operator}
              onChange={(x) => set((o) => ({ ...o, betingelser: o.betingelser.map((y) => (y === b ? { ...y, operator: x as Betingelse['operator'] } : y)) }))}
              error={errorOf(ids.betingelse(t, b, 'operator'))}
              options={OPERATORER}
            />
            <TextField
              id={ids.betingelse(t, b, 'vaerdi')}
              label="Grænse (%)"
              value={b.vaerdi}
              onChange={(x) => set((o) => ({ ...o, betingelser: o.betingelser.map((y) => (y === b ? { ...y, vaerdi: x } : y)) }))}
              error={errorOf(ids.betingelse(t, b, 'vaerdi'))}
              inputMode="decimal"
              inputClassName="input-width-xs"
            />
            <button type="button" id={ids.betingelse(t, b, 'fjern')} className="button button-unstyled function-link betingelse-fjern" onClick={() => removeBetingelse(b)}>
              <Icon name="delete" />
              Fjern betingelsen
              <span className="sr-only">
                {' '}
                {j + 1} ({trinNavn})
              </span>
            </button>
          </fieldset>
        ))}
        {t.betingelser.length > 1 && (
          <fieldset className="form-group kombination">
            <legend className="form-label">Hvornår gælder trinnet?</legend>
            {(['alle', 'mindst_en'] as const).map((k) => (
              <div className="form-group-radio" key={k}>
                <input
                  type="radio"
                  className="form-radio"
                  id={`${id('kombination')}-${k}`}
                  name={id('kombination')}
                  checked={t.kombination === k}
                  onChange={() => set((o) => ({ ...o, kombination: k }))}
                />
                <label className="form-label" htmlFor={`${id('kombination')}-${k}`}>
                  {k === 'alle' ? 'Når alle betingelser er opfyldt' : 'Når mindst én betingelse er opfyldt'}
                </label>
              </div>
            ))}
          </fieldset>
        )}
        <button type="button" id={id('add-betingelse')} className="button button-secondary button-small mt-3" onClick={addBetingelse} disabled={t.betingelser.length >= MAX_BETINGELSER}>
          <Icon name="plus" />
          Tilføj betingelse{sr}
        </button>
      </fieldset>

      <fieldset className="trin-editor-del">
        <legend className="form-label">Redskaber</legend>
        <TextField
          id={id('anvisning')}
          label="Kommunal anvisning (%)"
          hint="Andelen af de ledige familieboliger, kommunen anviser (§ 59, stk. 2). Lovens udgangspunkt er hver 4. ledige familiebolig, dvs. 25 % (§ 59, stk. 1). Det mest udsatte trin har normalt 0 %."
          value={t.anvisning}
          onChange={(x) => set((o) => ({ ...o, anvisning: x }))}
          error={errorOf(id('anvisning'))}
          inputMode="decimal"
          inputClassName="input-width-xs"
        />
        <Checkbox
          id={id('fleks')}
          label="Fleksibel udlejning (§ 60)"
          hint="Udlejning efter kriterier, der går forud for ventelisten. I udsatte boligområder og forebyggelsesområder er den lovpligtig uanset trinnet."
          checked={t.fleksAktiv}
          onChange={(v) => set((o) => ({ ...o, fleksAktiv: v }))}
          error={errorOf(id('fleks'))}
        />
        {t.fleksAktiv && (
          <div className="trin-fleksibel">
            <TextField
              id={id('andel')}
              label="Andel med fleksibel udlejning (%)"
              hint="Andelen af de udlejninger, der ikke er kommunal anvisning."
              value={t.fleksAndel}
              onChange={(x) => set((o) => ({ ...o, fleksAndel: x }))}
              error={errorOf(id('andel'))}
              inputMode="decimal"
              inputClassName="input-width-xs"
            />
            <fieldset className="form-group">
              <legend className="form-label">Kriterier</legend>
              <span className="form-hint">
                Fx beskæftigelse, uddannelse, pendling eller lokal tilknytning. Kriterier ud over beskæftigelse og uddannelse har typen »Andet«.
              </span>
              {t.kriterier.length === 0 && <p className="mt-2 mb-0">Ingen kriterier endnu: en aftale om fleksibel udlejning skal angive dem.</p>}
              {t.kriterier.map((k, j) => (
                <fieldset className="kriterium-row" key={k.key}>
                  <legend className="sr-only">
                    Kriterium {j + 1} ({trinNavn})
                  </legend>
                  <SelectField
                    id={ids.kriterium(t, k, 'type')}
                    label="Type"
                    value={k.type}
                    onChange={(x) => set((o) => ({ ...o, kriterier: o.kriterier.map((y) => (y === k ? { ...y, type: x as KriterieType } : y)) }))}
                    error={errorOf(ids.kriterium(t, k, 'type'))}
                    options={(Object.keys(kriterieTypeNavn) as KriterieType[]).map((x) => ({ value: x, label: kriterieTypeNavn[x] }))}
                  />
                  <TextField
                    id={ids.kriterium(t, k, 'beskrivelse')}
                    label="Beskrivelse"
                    className="kriterium-beskrivelse"
                    value={k.beskrivelse}
                    onChange={(x) => set((o) => ({ ...o, kriterier: o.kriterier.map((y) => (y === k ? { ...y, beskrivelse: x } : y)) }))}
                    error={errorOf(ids.kriterium(t, k, 'beskrivelse'))}
                    maxLength={300}
                  />
                  <button type="button" id={ids.kriterium(t, k, 'fjern')} className="button button-unstyled function-link betingelse-fjern" onClick={() => removeKriterium(k)}>
                    <Icon name="delete" />
                    Fjern kriteriet
                    <span className="sr-only">
                      {' '}
                      {j + 1} ({trinNavn})
                    </span>
                  </button>
                </fieldset>
              ))}
              <button type="button" id={id('add-kriterium')} className="button button-secondary button-small mt-3" onClick={addKriterium} disabled={t.kriterier.length >= MAX_KRITERIER}>
                <Icon name="plus" />
                Tilføj kriterium{sr}
              </button>
            </fieldset>
            <Checkbox
              id={id('undtag')}
              label="Undtag intern oprykning fra kriterierne"
              hint="Hvor fleksibel udlejning er lovpligtig (§ 60, stk. 4), kan intern oprykning kun undtages, når loven tillader det; ellers vises en konflikt ved afdelingen."
              checked={t.undtagIntern}
              onChange={(v) => set((o) => ({ ...o, undtagIntern: v }))}
              error={errorOf(id('undtag'))}
            />
          </div>
        )}
        <Checkbox
          id={id('kombineret')}
          label="Kombineret udlejning (§ 51 b)"
          hint="Kræver en beslutning i kommunalbestyrelsen og et område, der opfylder betingelserne i § 51 b."
          checked={t.kombineret}
          onChange={(v) => set((o) => ({ ...o, kombineret: v }))}
          error={errorOf(id('kombineret'))}
        />
      </fieldset>
    </fieldset>
  );
}
