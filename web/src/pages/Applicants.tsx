// Sager: applicants for kommunal anvisning (role boliganvisning only): the list with masked CPR numbers, target
// group, priority, applied date and status, a logged reveal per row after a confirmation, closing a case, and
// registering an applicant. Every read is logged. The case itself is pages/anvisning/Sag.tsx.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { fieldErrors, postJson, useApi, type ApiError } from '../api.ts';
import { useCan, useKommunerWith } from '../auth.tsx';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import type { Column } from '../components/DataTable.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { ErrorSummary, SelectField, TextField } from '../components/Form.tsx';
import { Icon } from '../components/Icon.tsx';
import { Page } from '../components/Page.tsx';
import { Alert, ErrorAlert, Loading } from '../components/Status.tsx';
import { flashOn, useFlash } from '../flash.ts';
import { plural } from '../format.ts';
import { kommuneLabel, useKommune } from '../kommune.tsx';
import { Link, navigate, useQueryState, withParams } from '../router.tsx';
import type { Ansoeger, ListAnswer } from '../types.ts';
import { prioritetNavn } from '../anvisning.ts';
import { AnvisningTabs, anvisningCrumb } from './anvisning/common.tsx';

const home = { text: 'Oversigt', to: '/' };
const list = { text: 'Sager', to: '/anvisning/sager' };
export const sagPath = (id: number) => `/anvisning/sager/${id}`;

/** The list's row: priority and applied date are plain facts of the case (shown when the API gives them). */
type SagRow = Ansoeger & { prioritet?: number | null; ansoegt_dato?: string | null };

/** Target groups of kommunal anvisning (stored as written, lower case). */
export const maalgrupper = ['hjemløse', 'flygtninge', 'handicappede', 'ældre', 'psykisk sårbare', 'unge', 'andre socialt boligsøgende'];
export const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const statusLabels: Record<Ansoeger['status'], { text: string; badge: string }> = {
  aaben: { text: 'Åben', badge: 'badge-info' },
  lukket: { text: 'Lukket', badge: 'badge-success' },
};
const statusChoices = [
  { value: 'aaben', label: 'Åbne' },
  { value: 'lukket', label: 'Lukkede' },
  { value: 'alle', label: 'Alle' },
];

export function LoggedNotice() {
  return (
    <Alert variant="info" heading="Alle opslag logges" quiet>
      <p className="alert-text">
        Hver gang listen vises, og hver gang et fuldt CPR-nummer vises, gemmes det i revisionssporet, hvem der så hvad og hvornår. Slå
        kun op, når du skal bruge oplysningerne i sagen.
      </p>
    </Alert>
  );
}

type Ask = { kind: 'cpr' | 'luk'; row: SagRow };

export function ApplicantsPage() {
  const uid = useId();
  const { kommune } = useKommune();
  const can = useCan();
  const here = !!kommune && can('applicants', kommune.kode);
  const [qs, setQs] = useQueryState();
  const shown = statusChoices.some((c) => c.value === qs.get('status')) ? qs.get('status')! : 'aaben';
  // While another status or municipality is read, the old cases are not shown under its caption and count.
  const { current: data, error, loading, reload } = useApi<ListAnswer<SagRow>>(here ? 'ansoegere' : null, {
    kommunekode: kommune?.kode,
    status: shown === 'alle' ? undefined : shown,
  });
  const flash = useFlash();
  const [notice, setNotice] = useState<{ variant: 'success' | 'error'; text: string } | null>(flash ? { variant: 'success', text: flash } : null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const firstNotice = useRef(notice);
  const [revealed, setRevealed] = useState<Record<number, string>>({});
  const [announce, setAnnounce] = useState('');
  const [ask, setAsk] = useState<Ask | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (notice && notice !== firstNotice.current) noticeRef.current?.focus();
  }, [notice]);

  const nameOf = (r: SagRow) => r.navn ?? `ansøger nr. ${r.id}`;
  const hide = (r: SagRow) => {
    setRevealed(({ [r.id]: _, ...rest }) => rest);
    setAnnounce(`CPR-nummeret for ${nameOf(r)} er skjult igen.`);
  };
  const confirm = async () => {
    if (!ask) return;
    const { kind, row } = ask;
    setBusy(true);
    try {
      if (kind === 'cpr') {
        const shownRow = await postJson<Ansoeger>(`ansoegere/${row.id}/vis-cpr`);
        setRevealed((r) => ({ ...r, [row.id]: shownRow.cpr ?? '' }));
        setAnnounce(`CPR-nummeret for ${nameOf(row)} vises: ${shownRow.cpr}.`);
      } else {
        await postJson(`ansoegere/${row.id}/luk`);
        setNotice({ variant: 'success', text: `Sagen for ${nameOf(row)} er lukket.` });
        reload();
      }
    } catch (e) {
      setNotice({ variant: 'error', text: (e as ApiError).message });
    } finally {
      setBusy(false);
      setAsk(null);
    }
  };

  const rows = data?.items ?? [];
  // Priority and applied date are columns once the list answer carries them (GET /api/ansoegere does not yet).
  const hasPrioritet = rows.some((r) => r.prioritet != null);
  const hasAnsoegt = rows.some((r) => r.ansoegt_dato != null);
  const columns: Column<SagRow>[] = [
    { key: 'navn', header: 'Navn', rowHeader: true, value: (r) => r.navn ?? 'Anonymiseret', render: (r) => (r.anonymiseret ? 'Anonymiseret' : <Link to={sagPath(r.id)}>{r.navn ?? `Sag nr. ${r.id}`}</Link>) },
    {
      key: 'cpr',
      header: 'CPR-nummer',
      render: (r) =>
        r.cpr === null ? (
          <span className="value-missing">slettet</span>
        ) : (
          <span className="cpr-cell">
            <span className="cpr">{revealed[r.id] ?? r.cpr}</span>
            <button
              type="button"
              className="button button-unstyled function-link"
              onClick={() => (revealed[r.id] ? hide(r) : setAsk({ kind: 'cpr', row: r }))}
            >
              <Icon name={revealed[r.id] ? 'visibility-off' : 'visibility'} />
              {revealed[r.id] ? 'Skjul CPR-nummer' : 'Vis CPR-nummer'}
              <span className="sr-only"> for {nameOf(r)}</span>
            </button>
          </span>
        ),
    },
    { key: 'maalgruppe', header: 'Målgruppe', value: (r) => capitalised(r.maalgruppe) },
    ...(hasPrioritet ? [{ key: 'prioritet', header: 'Prioritet', value: (r: SagRow) => (r.prioritet == null ? null : prioritetNavn[r.prioritet] ?? String(r.prioritet)) }] : []),
    ...(hasAnsoegt ? [{ key: 'ansoegt_dato', header: 'Ansøgt', kind: 'date' as const, value: (r: SagRow) => r.ansoegt_dato ?? null }] : []),
    { key: 'status', header: 'Status', render: (r) => <span className={`badge ${statusLabels[r.status].badge}`}>{statusLabels[r.status].text}</span> },
    { key: 'oprettet', header: 'Oprettet', kind: 'date', value: (r) => r.oprettet },
    {
      key: 'handling',
      header: 'Sag',
      render: (r) =>
        r.status === 'aaben' ? (
          <button type="button" className="button button-unstyled function-link" onClick={() => setAsk({ kind: 'luk', row: r })}>
            <Icon name="close" />
            Luk sagen<span className="sr-only"> for {nameOf(r)}</span>
          </button>
        ) : (
          <span className="value-missing">lukket</span>
        ),
    },
  ];

  return (
    <Page title="Sager" crumbs={[home, anvisningCrumb, { text: 'Sager' }]} lead={`Ansøgere til kommunal anvisning i ${kommune?.navn ?? 'kommunen'}: boligsøgende, som kommunen skal skaffe en bolig.`}>
      <AnvisningTabs current="sager" />
      <LoggedNotice />
      <div ref={noticeRef} tabIndex={-1} className="focus-target">
        {notice && (
          <Alert variant={notice.variant} className="mt-5">
            {notice.text}
          </Alert>
        )}
      </div>
      {!kommune ? (
        <Loading text="Henter kommuner …" />
      ) : !here ? (
        <Alert variant="info" heading={`Du er ikke boliganvisning i ${kommune.navn}`} quiet className="mt-5">
          <p className="alert-text">Vælg en af de kommuner, hvor du har rollen boliganvisning, øverst på siden.</p>
        </Alert>
      ) : (
        <>
          <div className="list-toolbar">
            <SelectField
              id={`${uid}-status`}
              className="mt-0"
              label="Vis sager"
              value={shown}
              options={statusChoices}
              onChange={(v) => setQs({ status: v === 'aaben' ? null : v })}
            />
            <Link to="/anvisning/sager/ny" className="button button-primary">
              <Icon name="person-add" />
              Opret ansøger
            </Link>
          </div>
          <p className="rows-message" aria-live="polite" aria-atomic="true">
            {data && (data.total ? plural(data.total, 'sag', 'sager') : 'Ingen sager.')}
          </p>
          {error ? (
            <ErrorAlert error={error} onRetry={reload} what="Ansøgerne" />
          ) : !data ? (
            <Loading text="Henter ansøgere …" />
          ) : data.items.length ? (
            <DataTable caption={`Sager i ${kommune.navn}`} captionHidden columns={columns} rows={data.items} rowKey={(r) => r.id} busy={loading} />
          ) : null}
        </>
      )}
      <p className="sr-only" aria-live="polite">
        {announce}
      </p>
      <ConfirmDialog
        open={ask?.kind === 'cpr'}
        title="Vis CPR-nummer?"
        confirmText="Vis CPR-nummer"
        busy={busy}
        onConfirm={() => void confirm()}
        onCancel={() => setAsk(null)}
      >
        <p>
          <strong>Visningen logges.</strong> Dit navn, tidspunktet og ansøgeren ({ask && nameOf(ask.row)}) gemmes i revisionssporet.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={ask?.kind === 'luk'}
        title="Luk sagen?"
        confirmText="Luk sagen"
        busy={busy}
        onConfirm={() => void confirm()}
        onCancel={() => setAsk(null)}
      >
        <p>
          Sagen for {ask && nameOf(ask.row)} lukkes. Personoplysningerne slettes, når opbevaringsperioden er udløbet. En lukket sag kan ikke
          åbnes igen.
        </p>
      </ConfirmDialog>
    </Page>
  );
}

/** DDMMÅÅ-XXXX with a real day and month (as the API checks it); null when it is fine. */
export function cprProblem(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '');
  if (!digits) return 'Skriv ansøgerens CPR-nummer.';
  if (!/^[0-9]{10}$/.test(digits)) return 'Skriv CPR-nummeret med 10 cifre som DDMMÅÅ-XXXX, fx 010190-1234.';
  const dd = Number(digits.slice(0, 2));
  const mm = Number(digits.slice(2, 4));
  if (dd < 1 || dd > 31 || mm < 1 || mm > 12) return 'CPR-nummeret skal begynde med en fødselsdato (DDMMÅÅ).';
  return null;
}

const fields = ['kommunekode', 'cpr', 'navn', 'telefon', 'email', 'maalgruppe'] as const;
type Field = (typeof fields)[number];

export function NewApplicantPage() {
  const uid = useId();
  const { kommune, kommuner } = useKommune();
  const mine = useKommunerWith('anvisning');
  const options = kommuner.filter((k) => mine.includes(k.kode)).map((k) => ({ value: k.kode, label: kommuneLabel(k) }));
  const [values, setValues] = useState<Record<Field, string>>({
    kommunekode: '',
    cpr: '',
    navn: '',
    telefon: '',
    email: '',
    maalgruppe: '',
  });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (name: Field) => (v: string) => setValues({ ...values, [name]: v });
  // Until one is chosen: the municipality chosen at the top, when the user is boliganvisning there.
  const kommunekode = values.kommunekode || (kommune && mine.includes(kommune.kode) ? kommune.kode : (mine[0] ?? ''));

  const check = (): Partial<Record<Field, string>> => {
    const p: Partial<Record<Field, string>> = {};
    if (!kommunekode) p.kommunekode = 'Vælg kommunen.';
    const cpr = cprProblem(values.cpr);
    if (cpr) p.cpr = cpr;
    if (!values.navn.trim()) p.navn = 'Skriv ansøgerens navn.';
    if (values.telefon.trim() && !/^\+?[0-9 ]{8,20}$/.test(values.telefon.trim())) p.telefon = 'Skriv telefonnummeret med cifre, fx 12 34 56 78.';
    if (values.email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email.trim())) p.email = 'Skriv en gyldig e-mailadresse, fx navn@eksempel.dk.';
    if (!values.maalgruppe) p.maalgruppe = 'Vælg en målgruppe.';
    return p;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    const problems = check();
    setErrors(problems);
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      const created = await postJson<Ansoeger>('ansoegere', {
        kommunekode,
        cpr: values.cpr.trim(),
        navn: values.navn.trim(),
        telefon: values.telefon.trim() || null,
        email: values.email.trim() || null,
        maalgruppe: values.maalgruppe,
      });
      flashOn(list.to, `Ansøgeren ${created.navn} er oprettet.`);
      navigate(withParams(list.to, { kommune: created.kommunekode }));
    } catch (err) {
      const f = fieldErrors(err as ApiError);
      const known = Object.fromEntries(fields.filter((n) => f[n]).map((n) => [n, f[n]]));
      setErrors(known);
      if (!Object.keys(known).length) setMessage((err as ApiError).message);
    } finally {
      setBusy(false);
    }
  };

  const labels: Record<Field, string> = {
    kommunekode: 'Kommune',
    cpr: 'CPR-nummer',
    navn: 'Navn',
    telefon: 'Telefon (valgfrit)',
    email: 'E-mail (valgfrit)',
    maalgruppe: 'Målgruppe',
  };
  const id = (n: Field) => `${uid}-${n}`;
  const text = (n: Field, extra: { hint?: string; type?: string; autoComplete?: string; inputMode?: 'numeric' | 'tel' | 'email' } = {}) => (
    <TextField id={id(n)} label={labels[n]} error={errors[n]} value={values[n]} onChange={set(n)} {...extra} />
  );

  return (
    <Page title="Opret ansøger" crumbs={[home, anvisningCrumb, list, { text: 'Opret ansøger' }]} lead="Registrér en ansøger til kommunal anvisning. Husstand, ydelser og behov skrives på sagen bagefter.">
      <LoggedNotice />
      <ErrorSummary errors={fields.filter((n) => errors[n]).map((n) => ({ id: id(n), message: errors[n]! }))} message={message} heading="Ansøgeren er ikke oprettet" />
      <form className="narrow-form" onSubmit={submit} noValidate aria-label="Opret ansøger">
        <SelectField id={id('kommunekode')} label={labels.kommunekode} error={errors.kommunekode} value={kommunekode} options={options} onChange={set('kommunekode')} />
        {text('cpr', { hint: 'DDMMÅÅ-XXXX, fx 010190-1234', inputMode: 'numeric', autoComplete: 'off' })}
        {text('navn', { autoComplete: 'off' })}
        {text('telefon', { type: 'tel', autoComplete: 'off' })}
        {text('email', { type: 'email', autoComplete: 'off' })}
        <SelectField
          id={id('maalgruppe')}
          label={labels.maalgruppe}
          error={errors.maalgruppe}
          value={values.maalgruppe}
          placeholder="Vælg målgruppe"
          options={maalgrupper.map((m) => ({ value: m, label: capitalised(m) }))}
          onChange={set('maalgruppe')}
        />
        <div className="button-row mt-5">
          <button type="submit" className="button button-primary" disabled={busy}>
            Opret ansøger
          </button>
          <Link to={list.to} className="button button-secondary">
            Annuller
          </Link>
        </div>
      </form>
    </Page>
  );
}
