// Udlejningsaftaler (issue 5): the municipality's agreements, and the form that makes a new one or a new version.
import { useId, useMemo, useState, type FormEvent } from 'react';
import { fieldErrors, postJson, putJson, useApi, type ApiError } from '../api.ts';
import { useCan } from '../auth.tsx';
import { DataTable, type Column } from '../components/DataTable.tsx';
import { ErrorSummary, SelectField, TextField } from '../components/Form.tsx';
import { Icon } from '../components/Icon.tsx';
import { Page } from '../components/Page.tsx';
import { Alert, ErrorAlert, Loading } from '../components/Status.tsx';
import { flashOn, useFlash } from '../flash.ts';
import { fmtInt, listText } from '../format.ts';
import { useKommune } from '../kommune.tsx';
import { Link, navigate, withParams } from '../router.tsx';
import type { Boligorganisation, ListAnswer } from '../types.ts';
import { AFTALER_PATH, aftalePath, periodeTekst, statusBadge, statusNavn, type Aftale, type AftaleStatus } from '../udlejning.ts';
import './udlejning.css';

const home = { text: 'Oversigt', to: '/' };
export const aftalerCrumb = { text: 'Udlejningsaftaler', to: AFTALER_PATH };

export function UdlejningsaftalerPage() {
  const { kommune } = useKommune();
  const can = useCan();
  const flash = useFlash();
  const { current, error, reload } = useApi<ListAnswer<Aftale>>(kommune ? 'udlejningsaftaler' : null, { kommunekode: kommune?.kode });
  const mayWrite = !!kommune && can('udlejningWrite', kommune.kode);
  // While another municipality is read: its name is not put on the previous one's agreements, nor on "none yet".
  const items = current?.items;
  type Row = Aftale;
  const columns: Column<Row>[] = [
    { key: 'navn', header: 'Aftale', rowHeader: true, render: (a) => <Link to={aftalePath(a.id)}>{a.navn}</Link> },
    { key: 'periode', header: 'Periode', value: (a) => periodeTekst(a) },
    { key: 'status', header: 'Status', render: (a) => <span className={`badge ${statusBadge[a.status]}`}>{statusNavn[a.status] ?? a.status}</span> },
    {
      key: 'parter',
      header: 'Parter',
      render: (a) =>
        a.parter.length === 0 ? (
          <span className="value-missing">ingen parter</span>
        ) : (
          <>
            {a.parter.length === 1 ? 'Én boligorganisation' : `${fmtInt(a.parter.length)} boligorganisationer`}
            <span className="d-block small-text">{listText(a.parter.map((p) => p.navn))}</span>
          </>
        ),
    },
    { key: 'version', header: 'Version', kind: 'int' },
  ];
  return (
    <Page
      title="Udlejningsaftaler"
      crumbs={[home, { text: 'Udlejningsaftaler' }]}
      lead={kommune ? `Aftaler mellem ${kommune.navn} og boligorganisationerne om kommunal anvisning og fleksibel udlejning (almenboligloven §§ 59-60 b).` : undefined}
    >
      {flash && (
        <Alert variant="success" heading={flash}>
          {null}
        </Alert>
      )}
      <p>
        En udlejningsaftale placerer hver familieafdeling på et trin i en trappemodel ud fra dens nøgletal, og trinnet bestemmer
        redskaberne: hvor stor en del af de ledige boliger kommunen anviser, og hvor mange der udlejes fleksibelt efter kriterier
        om beskæftigelse og uddannelse. Udlejningen ændrer kun beboersammensætningen i takt med, at beboerne flytter.
      </p>
      {mayWrite && (
        <p>
          <Link to={`${AFTALER_PATH}/ny`} className="button button-primary">
            <Icon name="plus" />
            Ny aftale
          </Link>
        </p>
      )}
      {error ? (
        <ErrorAlert error={error} onRetry={reload} what="Udlejningsaftalerne" />
      ) : !items ? (
        <Loading text="Henter udlejningsaftalerne …" />
      ) : items.length === 0 ? (
        <Alert variant="info" heading={`${kommune?.navn ?? 'Kommunen'} har ingen udlejningsaftaler endnu`} quiet>
          <p className="alert-text">
            {mayWrite ? 'Opret den første med »Ny aftale«. Uden en trappemodel bruges standardtrappen.' : 'Kommunens boligkontor opretter aftalerne.'}
          </p>
        </Alert>
      ) : (
        <DataTable caption={`Udlejningsaftaler i ${kommune?.navn ?? 'kommunen'}`} columns={columns} rows={items} rowKey={(a) => a.id} />
      )}
    </Page>
  );
}

/* ---------- New agreement / new version ---------- */

export function NyAftalePage() {
  const { kommune } = useKommune();
  const can = useCan();
  const title = 'Ny udlejningsaftale';
  return (
    <Page title={title} crumbs={[home, aftalerCrumb, { text: title }]}>
      {!kommune ? (
        <Loading />
      ) : !can('udlejningWrite', kommune.kode) ? (
        <Alert variant="warning" heading="Du kan ikke oprette udlejningsaftaler" quiet>
          <p className="alert-text">Det kræver rollen administrator eller kommunens boligkontor i {kommune.navn}.</p>
        </Alert>
      ) : (
        <AftaleForm kommunekode={kommune.kode} />
      )}
    </Page>
  );
}

export function RetAftalePage({ id }: { id: string }) {
  const { kommune } = useKommune();
  const can = useCan();
  const { data, error, reload } = useApi<{ aftale: Aftale }>(kommune ? `udlejningsaftaler/${encodeURIComponent(id)}` : null);
  const a = data && data.aftale.kommunekode === kommune?.kode ? data.aftale : undefined;
  const title = a ? `Ret ${a.navn}` : 'Ret udlejningsaftale';
  return (
    <Page title={title} crumbs={[home, aftalerCrumb, ...(a ? [{ text: a.navn, to: aftalePath(a.id) }] : []), { text: 'Ret' }]}>
      {error ? (
        <ErrorAlert error={error} onRetry={reload} what="Udlejningsaftalen" />
      ) : !a || !kommune ? (
        <Loading text="Henter aftalen …" />
      ) : !can('udlejningWrite', kommune.kode) ? (
        <Alert variant="warning" heading="Du kan ikke rette udlejningsaftaler" quiet>
          <p className="alert-text">Det kræver rollen administrator eller kommunens boligkontor i {kommune.navn}.</p>
        </Alert>
      ) : (
        <AftaleForm kommunekode={kommune.kode} aftale={a} />
      )}
    </Page>
  );
}

interface FormValues {
  navn: string;
  gyldig_fra: string;
  gyldig_til: string;
  status: AftaleStatus;
  fleksibel_udlejning: boolean;
  maal: string;
  politisk_moede: string;
  embedsmandsgruppe: string;
  moededatoer: string;
  parter: number[];
}

const isoToDk = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/** "01.03.2025, 1.9.2025" -> ISO dates, or the Danish error. */
export function parseDatoer(text: string): { datoer: string[] } | { fejl: string } {
  const parts = text.split(/[,;\s]+/).filter(Boolean);
  const datoer: string[] = [];
  for (const p of parts) {
    const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(p);
    const d = m && new Date(Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1])));
    if (!m || !d || d.getUTCDate() !== Number(m[1]) || d.getUTCMonth() !== Number(m[2]) - 1) {
      return { fejl: `»${p}« er ikke en dato. Skriv mødedatoerne som dd.mm.åååå, adskilt af komma, fx 01.03.2025, 01.09.2025.` };
    }
    datoer.push(`${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`);
  }
  return { datoer };
}

/** The server's field names -> the form's field ids. */
const fieldOf = (f: string): keyof FormValues | null => {
  if (f === 'navn' || f === 'gyldig_fra' || f === 'gyldig_til' || f === 'status' || f === 'maal' || f === 'parter') return f;
  if (f.startsWith('parter')) return 'parter';
  if (f === 'samarbejde.politisk_moede') return 'politisk_moede';
  if (f === 'samarbejde.embedsmandsgruppe') return 'embedsmandsgruppe';
  if (f.startsWith('samarbejde.moededatoer')) return 'moededatoer';
  return null;
};

const labels: Record<keyof FormValues, string> = {
  navn: 'Aftalens navn',
  gyldig_fra: 'Gælder fra',
  gyldig_til: 'Gælder til og med',
  status: 'Status',
  fleksibel_udlejning: 'Fleksibel udlejning',
  maal: 'Mål',
  politisk_moede: 'Politisk møde',
  embedsmandsgruppe: 'Embedsmandsgruppe',
  moededatoer: 'Mødedatoer',
  parter: 'Parter',
};

function AftaleForm({ kommunekode, aftale }: { kommunekode: string; aftale?: Aftale }) {
  const uid = useId();
  const orgs = useApi<ListAnswer<Boligorganisation>>('boligorganisationer', { kommunekode });
  const [v, setV] = useState<FormValues>(() =>
    aftale
      ? {
          navn: aftale.navn,
          gyldig_fra: aftale.gyldig_fra,
          gyldig_til: aftale.gyldig_til,
          status: aftale.status,
          fleksibel_udlejning: aftale.fleksibel_udlejning,
          maal: aftale.maal,
          politisk_moede: aftale.samarbejde.politisk_moede ?? '',
          embedsmandsgruppe: aftale.samarbejde.embedsmandsgruppe ?? '',
          moededatoer: (aftale.samarbejde.moededatoer ?? []).map(isoToDk).join(', '),
          parter: aftale.parter.map((p) => p.id),
        }
      : { navn: '', gyldig_fra: '', gyldig_til: '', status: 'udkast', fleksibel_udlejning: false, maal: '', politisk_moede: '', embedsmandsgruppe: '', moededatoer: '', parter: [] },
  );
  const [errors, setErrors] = useState<Partial<Record<keyof FormValues, string>>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof FormValues>(k: K, x: FormValues[K]) => setV((o) => ({ ...o, [k]: x }));
  const id = (k: keyof FormValues) => (k === 'parter' ? `${uid}-parter-0` : `${uid}-${k}`);
  const collator = useMemo(() => new Intl.Collator('da'), []);
  const orgList = useMemo(() => [...(orgs.data?.items ?? [])].sort((a, b) => collator.compare(a.navn, b.navn)), [orgs.data, collator]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errs: typeof errors = {};
    if (!v.navn.trim()) errs.navn = 'Giv aftalen et navn.';
    if (!v.gyldig_fra) errs.gyldig_fra = 'Angiv den første dag, aftalen gælder.';
    if (!v.gyldig_til) errs.gyldig_til = 'Angiv den sidste dag, aftalen gælder.';
    else if (v.gyldig_fra && v.gyldig_til <= v.gyldig_fra) errs.gyldig_til = 'Slutdatoen skal ligge efter startdatoen.';
    const datoer = parseDatoer(v.moededatoer);
    if ('fejl' in datoer) errs.moededatoer = datoer.fejl;
    setErrors(errs);
    setMessage(null);
    if (Object.keys(errs).length || 'fejl' in datoer) return;
    const body = {
      kommunekode,
      navn: v.navn.trim(),
      gyldig_fra: v.gyldig_fra,
      gyldig_til: v.gyldig_til,
      status: v.status,
      fleksibel_udlejning: v.fleksibel_udlejning,
      maal: v.maal,
      samarbejde: {
        ...(v.politisk_moede.trim() ? { politisk_moede: v.politisk_moede.trim() } : {}),
        ...(v.embedsmandsgruppe.trim() ? { embedsmandsgruppe: v.embedsmandsgruppe.trim() } : {}),
        ...(datoer.datoer.length ? { moededatoer: datoer.datoer } : {}),
      },
      parter: v.parter,
      // The measurable goals are not edited here: a new version keeps them.
      ...(aftale?.maalsaetninger ? { maalsaetninger: aftale.maalsaetninger } : {}),
    };
    setBusy(true);
    try {
      const saved = aftale ? await putJson<Aftale>(`udlejningsaftaler/${aftale.id}`, body) : await postJson<Aftale>('udlejningsaftaler', body);
      const to = aftalePath(saved.id);
      flashOn(to, aftale ? `Aftalen er gemt som version ${saved.version}.` : 'Aftalen er oprettet med standardtrappen.');
      navigate(withParams(to, { kommune: kommunekode }));
    } catch (err) {
      const f = fieldErrors(err as ApiError);
      const mapped: typeof errors = {};
      const rest: string[] = [];
      for (const [k, m] of Object.entries(f)) {
        const field = fieldOf(k);
        if (field) mapped[field] ??= m;
        else rest.push(m);
      }
      setErrors(mapped);
      setMessage(Object.keys(mapped).length && !rest.length ? null : [(err as ApiError).message, ...rest.filter((m) => m !== (err as ApiError).message)].join(' '));
    } finally {
      setBusy(false);
    }
  };

  const summary = (Object.keys(errors) as (keyof FormValues)[]).map((k) => ({ id: id(k), message: `${labels[k]}: ${errors[k]}` }));
  const allChosen = orgList.length > 0 && orgList.every((o) => v.parter.includes(o.id));
  return (
    <form className="aftale-form" onSubmit={(e) => void submit(e)} noValidate>
      <ErrorSummary errors={summary} message={message} heading={aftale ? 'Aftalen er ikke gemt' : 'Aftalen er ikke oprettet'} />
      {aftale ? (
        <p>
          Aftalen er nu version {fmtInt(aftale.version)}. Når du gemmer, bliver den version {fmtInt(aftale.version + 1)}; trappemodellen, de
          målbare mål og afdelingernes placeringer bevares. Trappemodellen og målene rettes på aftalens side.
        </p>
      ) : (
        <p>
          Aftalen får standardtrappen: tre trin efter andelen af beboere uden for arbejdsmarked og uddannelse (over 40 %, over 30 % og de
          øvrige), med kommunal anvisning og fleksibel udlejning pr. trin. Placér afdelingerne på trinnene, når aftalen er oprettet.
        </p>
      )}
      <TextField id={id('navn')} label={labels.navn} value={v.navn} onChange={(x) => set('navn', x)} error={errors.navn} hint="Fx »Fælles udlejningsaftale 2025-2028«." />
      <div className="aftale-form-row">
        <TextField id={id('gyldig_fra')} label={labels.gyldig_fra} type="date" value={v.gyldig_fra} onChange={(x) => set('gyldig_fra', x)} error={errors.gyldig_fra} inputClassName="input-width-s" />
        <TextField
          id={id('gyldig_til')}
          label={labels.gyldig_til}
          hint="Den sidste dag, aftalen gælder."
          type="date"
          value={v.gyldig_til}
          onChange={(x) => set('gyldig_til', x)}
          error={errors.gyldig_til}
          inputClassName="input-width-s"
        />
      </div>
      <SelectField
        id={id('status')}
        label={labels.status}
        value={v.status}
        onChange={(x) => set('status', x as AftaleStatus)}
        error={errors.status}
        options={(['udkast', 'gaeldende', 'afsluttet'] as const).map((s) => ({ value: s, label: statusNavn[s] }))}
      />
      <div className="form-group">
        <div className="form-group-checkbox">
          <input id={id('fleksibel_udlejning')} type="checkbox" className="form-checkbox" checked={v.fleksibel_udlejning} onChange={(e) => set('fleksibel_udlejning', e.target.checked)} aria-describedby={`${id('fleksibel_udlejning')}-hint`} />
          <label className="form-label" htmlFor={id('fleksibel_udlejning')}>
            Aftalen indeholder fleksibel udlejning (§ 60, stk. 1)
          </label>
        </div>
        <span className="form-hint" id={`${id('fleksibel_udlejning')}-hint`}>
          En aftale om fleksibel udlejning kan højst løbe 4 år.
        </span>
      </div>
      <TextArea id={id('maal')} label={labels.maal} hint="Hvad aftalen skal opnå, og hvordan det måles." value={v.maal} onChange={(x) => set('maal', x)} error={errors.maal} />
      <fieldset className="mt-6">
        <legend className="h3">Samarbejde</legend>
        <TextField id={id('politisk_moede')} label={labels.politisk_moede} hint="Fx »Årligt boligpolitisk møde i marts«." value={v.politisk_moede} onChange={(x) => set('politisk_moede', x)} error={errors.politisk_moede} />
        <TextField
          id={id('embedsmandsgruppe')}
          label={labels.embedsmandsgruppe}
          hint="Hvem der følger nøgletallene, samler data og forbereder evalueringen."
          value={v.embedsmandsgruppe}
          onChange={(x) => set('embedsmandsgruppe', x)}
          error={errors.embedsmandsgruppe}
        />
        <TextField id={id('moededatoer')} label={labels.moededatoer} hint="Datoer som dd.mm.åååå, adskilt af komma." value={v.moededatoer} onChange={(x) => set('moededatoer', x)} error={errors.moededatoer} />
      </fieldset>
      <fieldset className={`mt-6 form-group${errors.parter ? ' form-error' : ''}`} aria-describedby={`${uid}-parter-hint${errors.parter ? ` ${uid}-parter-error` : ''}`}>
        <legend className="h3">Parter</legend>
        <span className="form-hint" id={`${uid}-parter-hint`}>
          Kommunens boligorganisationer. Aftalen dækker familieafdelingerne hos de valgte.
        </span>
        {errors.parter && (
          <span className="form-error-message" id={`${uid}-parter-error`}>
            <span className="sr-only">Fejl: </span>
            {errors.parter}
          </span>
        )}
        {orgs.error ? (
          <ErrorAlert error={orgs.error} onRetry={orgs.reload} what="Boligorganisationerne" />
        ) : !orgs.data ? (
          <Loading text="Henter boligorganisationerne …" />
        ) : orgList.length === 0 ? (
          <p>Kommunen har ingen boligorganisationer i registret.</p>
        ) : (
          <>
            <button type="button" className="button button-unstyled function-link mb-3" onClick={() => set('parter', allChosen ? [] : orgList.map((o) => o.id))}>
              {allChosen ? 'Fravælg alle' : 'Vælg alle'}
            </button>
            {orgList.map((o, i) => (
              <div className="form-group-checkbox" key={o.id}>
                <input
                  id={`${uid}-parter-${i}`}
                  type="checkbox"
                  className="form-checkbox"
                  checked={v.parter.includes(o.id)}
                  onChange={(e) => set('parter', e.target.checked ? [...v.parter, o.id] : v.parter.filter((p) => p !== o.id))}
                />
                <label className="form-label" htmlFor={`${uid}-parter-${i}`}>
                  {o.navn} <span className="small-text">({fmtInt(o.antal_afdelinger)} afdelinger)</span>
                </label>
              </div>
            ))}
          </>
        )}
      </fieldset>
      <div className="button-row mt-6">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Gemmer …' : aftale ? 'Gem ny version' : 'Opret aftalen'}
        </button>
        <Link to={aftale ? aftalePath(aftale.id) : AFTALER_PATH} className="button button-secondary">
          Annuller
        </Link>
      </div>
    </form>
  );
}

/** A textarea the dkfds way (label, hint, error announced with the field). */
export function TextArea({ id, label, hint, error, value, onChange, rows = 4 }: { id: string; label: string; hint?: string; error?: string; value: string; onChange: (v: string) => void; rows?: number }) {
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`form-group${error ? ' form-error' : ''}`}>
      <label className="form-label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <span className="form-hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span className="form-error-message" id={`${id}-error`}>
          <span className="sr-only">Fejl: </span>
          {error}
        </span>
      )}
      <textarea id={id} className="form-input" rows={rows} value={value} aria-invalid={error ? true : undefined} aria-describedby={describedBy} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}
