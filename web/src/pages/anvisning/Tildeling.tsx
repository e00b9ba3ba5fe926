// Samlet tildeling (issue 6): a proposal that assigns every open vacancy to the open cases on a date - as many
// households housed as the rules allow, priority and waiting time first - with the decision and its reason for every
// vacancy and every applicant. A proposal only: the API writes nothing; offers are made one by one from the vacancy.
// Cases are named by number and initials, dwellings by address and afdeling, as the API's reasons name them.
import { useId, useState, type FormEvent } from 'react';
import { postJson, type ApiError } from '../../api.ts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { FactList } from '../../components/FactList.tsx';
import { TextField } from '../../components/Form.tsx';
import { Icon } from '../../components/Icon.tsx';
import { Page, Section } from '../../components/Page.tsx';
import { Alert, ErrorAlert, Loading } from '../../components/Status.tsx';
import { fmtDate, fmtInt, plural } from '../../format.ts';
import { useKommune } from '../../kommune.tsx';
import { Link } from '../../router.tsx';
import { capitalised, ikkeHusetNavn, ikkeTildeltNavn, isIsoDate, todayIso, type AnsoegerBeslutning, type LedighedBeslutning, type SagRef, type Tildeling } from '../../anvisning.ts';
import { LoggedNotice } from '../Applicants.tsx';
import { AnvisningTabs, anvisningCrumb, Badge, home } from './common.tsx';
import { ledigPath } from './Ledige.tsx';

const sagPath = (id: number) => `/anvisning/sager/${id}`;

export function TildelingPage() {
  const uid = useId();
  const { kommune } = useKommune();
  const [dato, setDato] = useState(todayIso());
  const [bad, setBad] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [result, setResult] = useState<Tildeling | null>(null);

  const run = async (ev: FormEvent) => {
    ev.preventDefault();
    if (!isIsoDate(dato)) return setBad('Skriv datoen, forslaget skal gælde.');
    setBad(undefined);
    if (!kommune) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await postJson<Tildeling>('anvisning/tildeling', { kommunekode: kommune.kode, dato }));
    } catch (e) {
      setError(e as ApiError);
      setResult(null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page
      title="Samlet tildeling"
      crumbs={[home, anvisningCrumb, { text: 'Samlet tildeling' }]}
      lead="Et forslag til, hvordan alle ledige boliger kan fordeles på alle åbne sager på én gang: flest mulige husede inden for reglerne, de mest akutte og dem, der har ventet længst, først."
    >
      <AnvisningTabs current="tildeling" />
      <LoggedNotice />
      <Alert variant="info" heading="Kun et forslag – intet gemmes" quiet className="mt-5">
        <p className="alert-text">
          Forslaget ændrer ingen boliger eller sager. Tilbud gives ét ad gangen fra boligens side under Ledige boliger, hvor lovens betingelser kontrolleres
          igen, når tilbuddet gives.
        </p>
      </Alert>
      <form className="inline-form mt-5" onSubmit={run} noValidate aria-label="Lav et forslag">
        <TextField id={`${uid}-dato`} label="Fordel pr." type="date" hint="Fristerne, ventetiderne og reglerne på datoen." value={dato} error={bad} onChange={setDato} />
        <div className="form-group">
          <button type="submit" className="button button-primary" disabled={busy || !kommune}>
            <Icon name="sync" />
            {busy ? 'Beregner forslag …' : 'Lav forslag'}
          </button>
        </div>
      </form>
      {error && <ErrorAlert error={error} what="Forslaget" />}
      {busy && !result && <Loading text="Beregner forslag …" />}
      {result && <Result t={result} />}
    </Page>
  );
}

/** A case as the proposal names it: "Sag nr. 17, E.E." (number and initials; the name is on the case's page). */
const sagText = (s: SagRef) => capitalised(s.betegnelse);

function Result({ t }: { t: Tildeling }) {
  const boligCols: Column<LedighedBeslutning>[] = [
    { key: 'bolig', header: 'Bolig', rowHeader: true, value: (l) => l.bolig.adresse, render: (l) => <Link to={ledigPath(l.bolig.anvisningsbolig_id)}>{l.bolig.adresse}</Link> },
    { key: 'afdeling', header: 'Afdeling', value: (l) => l.bolig.afdeling_navn },
    {
      key: 'udfald',
      header: 'Forslag',
      render: (l) =>
        l.udfald === 'tildelt' ? (
          <>
            <Badge text="Tildeles" badge="badge-success" /> <Link to={sagPath(l.sag.ansoeger_id)}>{sagText(l.sag)}</Link>
          </>
        ) : (
          <Badge text={ikkeTildeltNavn[l.aarsag] ?? 'Ikke tildelt'} badge="badge-warning" />
        ),
    },
    { key: 'egnede', header: 'Egnede ansøgere', kind: 'int' },
    { key: 'begrundelse', header: 'Begrundelse' },
  ];
  const ansoegerCols: Column<AnsoegerBeslutning>[] = [
    { key: 'rang', header: 'Rang', kind: 'int' },
    { key: 'sag', header: 'Sag', rowHeader: true, value: (a) => sagText(a.sag), render: (a) => <Link to={sagPath(a.sag.ansoeger_id)}>{sagText(a.sag)}</Link> },
    {
      key: 'udfald',
      header: 'Forslag',
      render: (a) =>
        a.udfald === 'huset' ? (
          <>
            <Badge text="Får bolig" badge="badge-success" /> <Link to={ledigPath(a.bolig.anvisningsbolig_id)}>{a.bolig.betegnelse}</Link>
          </>
        ) : (
          <Badge text={ikkeHusetNavn[a.aarsag] ?? 'Ingen bolig'} badge="badge-warning" />
        ),
    },
    { key: 'muligeBoliger', header: 'Mulige boliger', kind: 'int' },
    { key: 'begrundelse', header: 'Begrundelse' },
  ];
  return (
    <>
      <Section id="forslaget" title={`Forslag pr. ${fmtDate(t.dato)}`}>
        <p className="tildeling-summary">
          <strong>
            {plural(t.antalHuset, 'husstand', 'husstande')} af {fmtInt(t.antalAnsoegere)} får en bolig
          </strong>{' '}
          med {plural(t.antalLedigheder, 'ledig bolig', 'ledige boliger')}.
        </p>
        <FactList
          className="fact-list--inline"
          facts={[
            { label: 'Åbne sager', value: t.antalAnsoegere, kind: 'int' },
            { label: 'Ledige boliger', value: t.antalLedigheder, kind: 'int' },
            { label: 'Tilladte par', value: t.antalTilladtePar, kind: 'int' },
            { label: 'Husede', value: t.antalHuset, kind: 'int' },
            ...[1, 2, 3].map((p) => ({ label: `Husede med prioritet ${p}`, value: t.husetPrPrioritet[p] ?? 0, kind: 'int' as const })),
          ]}
        />
        <p className="form-hint">
          Metode: {t.metode === 'maksimal' ? 'flest mulige husede, derefter rang (prioritet og ventetid) og behovsmatch' : 'én ad gangen i rækkefølge'}. Intet er gemt.
        </p>
      </Section>
      <Section id="boligerne" title="Boligerne">
        {t.ledigheder.length ? (
          <DataTable caption="Forslag pr. bolig" captionHidden columns={boligCols} rows={t.ledigheder} rowKey={(l) => l.ledighedId} />
        ) : (
          <p>Der er ingen ledige boliger til rådighed på datoen.</p>
        )}
      </Section>
      <Section id="ansoegerne" title="Ansøgerne">
        {t.ansoegere.length ? (
          <DataTable caption="Forslag pr. ansøger, i rækkefølge" captionHidden columns={ansoegerCols} rows={t.ansoegere} rowKey={(a) => a.ansoegerId} />
        ) : (
          <p>Der er ingen åbne sager, som havde søgt på datoen.</p>
        )}
      </Section>
    </>
  );
}
