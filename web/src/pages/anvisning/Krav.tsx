// Krav og saldo (issue 6): the municipality's liabilities for dwellings at its disposal. An organisation registers
// claims for tomgangsleje, istandsættelse, first-year arrears or other, and sees its own; the municipality approves
// (up to the claim), rejects with a reason and records the payment; the balance per organisation follows.
import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { fieldErrors, postJson, useApi, type ApiError } from '../../api.ts';
import { useCan } from '../../auth.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { ErrorSummary, SelectField, TextField } from '../../components/Form.tsx';
import { Icon } from '../../components/Icon.tsx';
import { Page, Section } from '../../components/Page.tsx';
import { Alert, ErrorAlert, Loading } from '../../components/Status.tsx';
import { fmtDate, fmtKr, plural } from '../../format.ts';
import { useKommune } from '../../kommune.tsx';
import { Link } from '../../router.tsx';
import type { ListAnswer } from '../../types.ts';
import { daInput, isIsoDate, kravArtNavn, kravStatusNavn, parseDaNumber, todayIso, type Krav, type KravArt, type Ledig, type Saldo } from '../../anvisning.ts';
import { AnvisningTabs, anvisningCrumb, Badge, fieldId, fieldIds, home, TextArea, useNotice, useOwnOrganisations } from './common.tsx';
import { ledigPath } from './Ledige.tsx';

const kr2 = (n: number | null | undefined) => fmtKr(n, 2);

export function KravPage() {
  const { kommune } = useKommune();
  const can = useCan();
  const decides = !!kommune && can('anvisningKommune', kommune.kode);
  const own = useOwnOrganisations(kommune?.kode);
  // The claims and the balance of the chosen municipality (a user of several chooses one); the previous one's are
  // not shown (nor decided on) while they are read.
  const { current: data, error, loading, reload } = useApi<{ items: Krav[]; saldo: Saldo[] }>(kommune ? 'anvisning/krav' : null, { kommunekode: kommune?.kode });
  const items = data?.items ?? [];
  const saldo = data?.saldo ?? [];
  const [noticeNode, setNotice] = useNotice();
  const [ask, setAsk] = useState<{ kind: 'godkend' | 'afvis' | 'betal'; krav: Krav } | null>(null);

  const columns: Column<Krav>[] = [
    { key: 'id', header: 'Krav', rowHeader: true, value: (k) => `Nr. ${k.id}` },
    { key: 'boligorganisation_navn', header: 'Boligorganisation' },
    { key: 'art', header: 'Art', value: (k) => kravArtNavn[k.art] },
    { key: 'adresse', header: 'Bolig', render: (k) => (k.anvisningsbolig_id && k.adresse ? <Link to={ledigPath(k.anvisningsbolig_id)}>{k.adresse}</Link> : <span className="value-missing">ingen bestemt</span>) },
    { key: 'periode', header: 'Periode', value: (k) => (k.periode_fra || k.periode_til ? `${fmtDate(k.periode_fra)} – ${fmtDate(k.periode_til)}` : null) },
    { key: 'beloeb', header: 'Krævet', kind: 'kr', value: (k) => Number(k.beloeb) },
    { key: 'status', header: 'Status', render: (k) => <Badge {...kravStatusNavn[k.status]} /> },
    {
      key: 'afgoerelse',
      header: 'Afgørelse',
      value: (k) =>
        k.status === 'godkendt'
          ? `Godkendt ${kr2(Number(k.godkendt_beloeb))}`
          : k.status === 'betalt'
            ? `Betalt ${kr2(Number(k.godkendt_beloeb))} den ${fmtDate(k.betalt_dato)}`
            : k.status === 'afvist'
              ? `Afvist: ${k.afvist_grund}`
              : 'Afventer kommunen',
    },
    { key: 'beskrivelse', header: 'Beskrivelse', value: (k) => k.beskrivelse || null },
    ...(decides
      ? [
          {
            key: 'handling',
            header: 'Handling',
            render: (k: Krav) =>
              k.status === 'modtaget' ? (
                <span className="action-links">
                  <button type="button" className="button button-unstyled function-link" onClick={() => setAsk({ kind: 'godkend', krav: k })}>
                    <Icon name="check" />
                    Godkend<span className="sr-only"> krav nr. {k.id}</span>
                  </button>
                  <button type="button" className="button button-unstyled function-link" onClick={() => setAsk({ kind: 'afvis', krav: k })}>
                    <Icon name="close" />
                    Afvis<span className="sr-only"> krav nr. {k.id}</span>
                  </button>
                </span>
              ) : k.status === 'godkendt' ? (
                <button type="button" className="button button-unstyled function-link" onClick={() => setAsk({ kind: 'betal', krav: k })}>
                  <Icon name="payments" />
                  Registrér betaling<span className="sr-only"> af krav nr. {k.id}</span>
                </button>
              ) : null,
          },
        ]
      : []),
  ];
  const saldoCols: Column<Saldo>[] = [
    { key: 'boligorganisation_navn', header: 'Boligorganisation', rowHeader: true },
    { key: 'kraevet', header: 'Krævet i alt', kind: 'kr' },
    { key: 'til_behandling', header: 'Til behandling', kind: 'kr' },
    { key: 'godkendt_ubetalt', header: 'Godkendt, ikke betalt', kind: 'kr' },
    { key: 'betalt', header: 'Betalt', kind: 'kr' },
    { key: 'afvist', header: 'Afvist', kind: 'kr' },
  ];
  const done = (msg: string) => {
    setAsk(null);
    setNotice({ variant: 'success', heading: msg });
    reload();
  };

  return (
    <Page
      title="Krav og saldo"
      crumbs={[home, anvisningCrumb, { text: 'Krav og saldo' }]}
      lead={
        own.length
          ? 'Jeres krav mod kommunen for boliger, kommunen har råderet over: tomgangsleje, istandsættelse ved fraflytning og restance i det første år.'
          : 'Boligorganisationernes krav mod kommunen for boliger til kommunens rådighed, kommunens afgørelser og betalinger, og saldoen pr. organisation.'
      }
    >
      <AnvisningTabs current="krav" />
      {noticeNode}
      {error ? (
        <ErrorAlert error={error} what="Kravene" onRetry={reload} />
      ) : !data ? (
        <Loading text="Henter krav …" />
      ) : (
        <>
          <Section id="saldo" title="Saldo pr. boligorganisation">
            <p className="form-hint">Godkendt, ikke betalt er det, kommunen skylder nu.</p>
            {saldo.length ? <DataTable caption="Saldo pr. boligorganisation" captionHidden columns={saldoCols} rows={saldo} rowKey={(s) => s.boligorganisation_id} busy={loading} /> : <p>Ingen krav endnu.</p>}
          </Section>
          <Section id="krav" title="Krav">
            <p className="rows-message" aria-live="polite">
              {items.length ? plural(items.length, 'krav', 'krav') : 'Ingen krav.'}
            </p>
            {items.length > 0 && <DataTable caption="Krav, nyeste først" captionHidden columns={columns} rows={items} rowKey={(k) => k.id} busy={loading} />}
          </Section>
        </>
      )}
      {own.length > 0 && kommune && <NytKrav kommunekode={kommune.kode} own={own} onDone={done} />}
      <GodkendDialog krav={ask?.kind === 'godkend' ? ask.krav : null} onClose={() => setAsk(null)} onDone={done} />
      <AfvisDialog krav={ask?.kind === 'afvis' ? ask.krav : null} onClose={() => setAsk(null)} onDone={done} />
      <BetalDialog krav={ask?.kind === 'betal' ? ask.krav : null} onClose={() => setAsk(null)} onDone={done} />
    </Page>
  );
}

/* ---------- an organisation's claim ---------- */

const nytFields = ['boligorganisation_id', 'art', 'beloeb', 'periode_fra', 'periode_til', 'anvisningsbolig_id', 'beskrivelse'] as const;
type NytField = (typeof nytFields)[number];

function NytKrav({ kommunekode, own, onDone }: { kommunekode: string; own: number[]; onDone: (msg: string) => void }) {
  const uid = useId();
  const ledige = useApi<ListAnswer<Ledig>>('anvisning/ledige', { kommunekode });
  const [v, setV] = useState<Record<NytField, string>>({ boligorganisation_id: own.length === 1 ? String(own[0]) : '', art: '', beloeb: '', periode_fra: '', periode_til: '', anvisningsbolig_id: '', beskrivelse: '' });
  const [errors, setErrors] = useState<Partial<Record<NytField, string>>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: NytField) => (x: string) => setV((o) => ({ ...o, [k]: x }));
  const mine = (ledige.current?.items ?? []).filter((l) => own.includes(l.boligorganisation_id) && (!v.boligorganisation_id || String(l.boligorganisation_id) === v.boligorganisation_id));
  const orgNames = new Map((ledige.current?.items ?? []).map((l) => [l.boligorganisation_id, l.boligorganisation_navn]));
  const fid = (k: string) => fieldId(uid, k);
  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    setMessage(null);
    const e: Partial<Record<NytField, string>> = {};
    if (!v.boligorganisation_id) e.boligorganisation_id = 'Vælg boligorganisationen.';
    if (!v.art) e.art = 'Vælg hvad kravet gælder.';
    const beloeb = parseDaNumber(v.beloeb);
    if (beloeb === null || beloeb <= 0) e.beloeb = 'Skriv beløbet i kr., fx 4.350.';
    if (v.periode_fra && !isIsoDate(v.periode_fra)) e.periode_fra = 'Skriv periodens første dag.';
    if (v.periode_til && !isIsoDate(v.periode_til)) e.periode_til = 'Skriv periodens sidste dag.';
    else if (v.periode_fra && v.periode_til && v.periode_til < v.periode_fra) e.periode_til = 'Perioden skal slutte efter, den begynder.';
    setErrors(e);
    if (Object.keys(e).length) return;
    setBusy(true);
    try {
      const k = await postJson<Krav>('anvisning/krav', {
        boligorganisation_id: Number(v.boligorganisation_id),
        anvisningsbolig_id: v.anvisningsbolig_id ? Number(v.anvisningsbolig_id) : null,
        art: v.art,
        beloeb,
        periode_fra: v.periode_fra || null,
        periode_til: v.periode_til || null,
        beskrivelse: v.beskrivelse.trim(),
      });
      setV((o) => ({ ...o, art: '', beloeb: '', periode_fra: '', periode_til: '', anvisningsbolig_id: '', beskrivelse: '' }));
      setErrors({});
      onDone(`Krav nr. ${k.id} på ${kr2(Number(k.beloeb))} (${kravArtNavn[k.art].toLowerCase()}) er sendt til kommunen.`);
    } catch (err) {
      const f = fieldErrors(err as ApiError) as Partial<Record<NytField, string>>;
      const known = Object.fromEntries(nytFields.filter((n) => f[n]).map((n) => [n, f[n]]));
      setErrors(known);
      if (!Object.keys(known).length) setMessage((err as ApiError).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section id="nyt-krav" title="Registrér et krav">
      <ErrorSummary errors={fieldIds(uid, errors)} message={message} heading="Kravet er ikke registreret" />
      <form className="narrow-form" onSubmit={submit} noValidate aria-label="Registrér et krav">
        {own.length > 1 && (
          <SelectField id={fid('boligorganisation_id')} label="Boligorganisation" value={v.boligorganisation_id} placeholder="Vælg boligorganisation" options={own.map((o) => ({ value: String(o), label: orgNames.get(o) ?? `Boligorganisation nr. ${o}` }))} error={errors.boligorganisation_id} onChange={set('boligorganisation_id')} />
        )}
        <SelectField id={fid('art')} label="Kravet gælder" value={v.art} placeholder="Vælg" options={(Object.keys(kravArtNavn) as KravArt[]).map((a) => ({ value: a, label: kravArtNavn[a] }))} error={errors.art} onChange={set('art')} />
        <TextField id={fid('beloeb')} label="Beløb (kr.)" inputMode="decimal" inputClassName="input-width-s" value={v.beloeb} error={errors.beloeb} onChange={set('beloeb')} />
        <div className="form-row">
          <TextField id={fid('periode_fra')} label="Periode fra (valgfrit)" type="date" value={v.periode_fra} error={errors.periode_fra} onChange={set('periode_fra')} />
          <TextField id={fid('periode_til')} label="Periode til (valgfrit)" type="date" value={v.periode_til} error={errors.periode_til} onChange={set('periode_til')} />
        </div>
        <SelectField
          id={fid('anvisningsbolig_id')}
          label="Bolig"
          hint="Boligen, kravet gælder, blandt dem I har stillet til rådighed."
          value={v.anvisningsbolig_id}
          options={[{ value: '', label: 'Ingen bestemt bolig' }, ...mine.map((l) => ({ value: String(l.id), label: `${l.adresse} (${l.afdeling_navn})` }))]}
          error={errors.anvisningsbolig_id}
          onChange={set('anvisningsbolig_id')}
        />
        <TextArea id={fid('beskrivelse')} label="Beskrivelse (valgfrit)" value={v.beskrivelse} error={errors.beskrivelse} onChange={set('beskrivelse')} />
        <div className="button-row mt-5">
          <button type="submit" className="button button-primary" disabled={busy}>
            Send kravet til kommunen
          </button>
        </div>
      </form>
    </Section>
  );
}

/* ---------- the municipality's decisions ---------- */

function useDialogState<T>(krav: Krav | null, init: () => T): [T, (v: T) => void] {
  const [v, setV] = useState<T>(init);
  useEffect(() => {
    if (krav) setV(init());
  }, [krav?.id]);
  return [v, setV];
}

function Decide({ krav, title, confirmText, onClose, send, children }: { krav: Krav | null; title: string; confirmText: string; onClose: () => void; send: () => Promise<void> | void; children: ReactNode }) {
  const [busy, setBusy] = useState(false);
  return (
    <ConfirmDialog
      open={!!krav}
      title={title}
      confirmText={confirmText}
      busy={busy}
      onConfirm={() => {
        setBusy(true);
        void Promise.resolve(send()).finally(() => setBusy(false));
      }}
      onCancel={onClose}
    >
      {krav && (
        <p>
          Krav nr. {krav.id} fra {krav.boligorganisation_navn}: {kravArtNavn[krav.art].toLowerCase()}, {kr2(Number(krav.beloeb))}
          {krav.adresse ? ` for ${krav.adresse}` : ''}.
        </p>
      )}
      {children}
    </ConfirmDialog>
  );
}

function GodkendDialog({ krav, onClose, onDone }: { krav: Krav | null; onClose: () => void; onDone: (m: string) => void }) {
  const uid = useId();
  const [beloeb, setBeloeb] = useDialogState(krav, () => daInput(krav ? Number(krav.beloeb) : null));
  const [error, setError] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    setError(undefined);
    setProblem(null);
  }, [krav?.id]);
  const send = async () => {
    if (!krav) return;
    const n = parseDaNumber(beloeb);
    if (n === null || n < 0) return setError('Skriv det godkendte beløb i kr.');
    if (n > Number(krav.beloeb)) return setError(`Det godkendte beløb kan højst være kravets ${kr2(Number(krav.beloeb))}.`);
    setError(undefined);
    try {
      await postJson(`anvisning/krav/${krav.id}/afgoerelse`, { status: 'godkendt', godkendt_beloeb: n });
      onDone(`Krav nr. ${krav.id} er godkendt med ${kr2(n)}.`);
    } catch (err) {
      const f = fieldErrors(err as ApiError);
      if (f.godkendt_beloeb) setError(f.godkendt_beloeb);
      else setProblem((err as ApiError).message);
    }
  };
  return (
    <Decide krav={krav} title="Godkend kravet" confirmText="Godkend" onClose={onClose} send={send}>
      <TextField id={`${uid}-beloeb`} label="Godkendt beløb (kr.)" hint="Højst det krævede beløb." inputMode="decimal" inputClassName="input-width-s" value={beloeb} error={error} onChange={setBeloeb} />
      {problem && <Alert variant="error">{problem}</Alert>}
    </Decide>
  );
}

function AfvisDialog({ krav, onClose, onDone }: { krav: Krav | null; onClose: () => void; onDone: (m: string) => void }) {
  const uid = useId();
  const [grund, setGrund] = useDialogState(krav, () => '');
  const [error, setError] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    setError(undefined);
    setProblem(null);
  }, [krav?.id]);
  const send = async () => {
    if (!krav) return;
    if (!grund.trim()) return setError('Skriv hvorfor kravet afvises.');
    setError(undefined);
    try {
      await postJson(`anvisning/krav/${krav.id}/afgoerelse`, { status: 'afvist', grund: grund.trim() });
      onDone(`Krav nr. ${krav.id} er afvist.`);
    } catch (err) {
      const f = fieldErrors(err as ApiError);
      if (f.grund) setError(f.grund);
      else setProblem((err as ApiError).message);
    }
  };
  return (
    <Decide krav={krav} title="Afvis kravet" confirmText="Afvis" onClose={onClose} send={send}>
      <TextArea id={`${uid}-grund`} label="Begrundelse" hint="Boligorganisationen ser begrundelsen." value={grund} error={error} onChange={setGrund} />
      {problem && <Alert variant="error">{problem}</Alert>}
    </Decide>
  );
}

function BetalDialog({ krav, onClose, onDone }: { krav: Krav | null; onClose: () => void; onDone: (m: string) => void }) {
  const uid = useId();
  const [dato, setDato] = useDialogState(krav, () => todayIso());
  const [error, setError] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    setError(undefined);
    setProblem(null);
  }, [krav?.id]);
  const send = async () => {
    if (!krav) return;
    if (!isIsoDate(dato)) return setError('Skriv betalingsdatoen.');
    setError(undefined);
    try {
      await postJson(`anvisning/krav/${krav.id}/afgoerelse`, { status: 'betalt', betalt_dato: dato });
      onDone(`Betaling af krav nr. ${krav.id} (${kr2(Number(krav.godkendt_beloeb))}) er registreret.`);
    } catch (err) {
      const f = fieldErrors(err as ApiError);
      if (f.betalt_dato) setError(f.betalt_dato);
      else setProblem((err as ApiError).message);
    }
  };
  return (
    <Decide krav={krav} title="Registrér betaling" confirmText="Registrér betalingen" onClose={onClose} send={send}>
      {krav && <p>Godkendt beløb: {kr2(Number(krav.godkendt_beloeb))}.</p>}
      <TextField id={`${uid}-dato`} label="Betalt den" type="date" value={dato} error={error} onChange={setDato} />
      {problem && <Alert variant="error">{problem}</Alert>}
    </Decide>
  );
}
