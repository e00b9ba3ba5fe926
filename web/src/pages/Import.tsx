// Import of register files: choose format, upload, preview or import, see the report; templates; history.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { apiUrl, errorFromBody, getJson, postForm, useApi, type UploadProgress } from '../api.ts';
import { DataTable, type Column } from '../components/DataTable.tsx';
import { FactList } from '../components/FactList.tsx';
import { Icon } from '../components/Icon.tsx';
import { ImportErrors } from '../components/ImportErrors.tsx';
import { Page, Section } from '../components/Page.tsx';
import { Pagination } from '../components/Pagination.tsx';
import { Alert, ErrorAlert, Loading } from '../components/Status.tsx';
import { fmtBytes, fmtDate, fmtDateTime, fmtInt } from '../format.ts';
import { Link, useQueryState, withParams } from '../router.tsx';
import type { ApiErrorBody, ImportFormat, ImportJob, ImportProgress, ImportResult, ImportRowError, ImportState, ListAnswer } from '../types.ts';

const home = { text: 'Oversigt', to: '/' };

export const stateLabels: Record<ImportState, { text: string; badge: string }> = {
  running: { text: 'I gang', badge: 'badge-info' },
  succeeded: { text: 'Gennemført', badge: 'badge-success' },
  failed: { text: 'Afvist', badge: 'badge-error' },
  unchanged: { text: 'Uændret', badge: 'badge-warning' },
  preview: { text: 'Forhåndsvist', badge: 'badge-info' },
};

function StateBadge({ state }: { state: ImportState }) {
  const s = stateLabels[state] ?? { text: state, badge: '' };
  return <span className={`badge ${s.badge}`}>{s.text}</span>;
}

const phaseLabels: Record<string, string> = {
  læser: 'Læser filen',
  validerer: 'Kontrollerer rækkerne',
  skriver: 'Gemmer i registret',
  færdig: 'Færdig',
};

/** Human Danish description of a column type from the format spec. */
export function describeType(t: ImportFormat['columns'][number]['type']): string {
  if (typeof t === 'string') return t;
  const o = t as { t?: string; max?: number; min?: number; values?: string[] };
  const range = o.min != null && o.max != null ? ` (${fmtInt(o.min)}–${fmtInt(o.max)})` : o.min != null ? ` (mindst ${fmtInt(o.min)})` : '';
  switch (o.t) {
    case 'text':
      return o.max ? `Tekst, højst ${fmtInt(o.max)} tegn` : 'Tekst';
    case 'int':
      return `Heltal${range}`;
    case 'decimal':
      return `Tal med decimalkomma${range}`;
    case 'enum':
      return `Én af: ${(o.values ?? []).join(', ')}`;
    case 'kommunekode':
      return 'Kommunekode, 4 cifre';
    case 'cvr':
      return 'CVR-nummer, 8 cifre';
    case 'postnummer':
      return 'Postnummer, 4 cifre';
    default:
      return o.t ?? '';
  }
}

type Phase =
  | { s: 'idle' }
  | { s: 'uploading'; progress: UploadProgress }
  | { s: 'processing'; progress?: ImportProgress }
  | { s: 'done'; result: ImportResult; preview: boolean; fileName: string; kind: string }
  | { s: 'rejected'; jobId?: number; message: string; errors: ImportRowError[]; errorCount?: number; fileName: string }
  | { s: 'failed'; message: string; fields?: { field: string; message: string }[] };

/**
 * Reports the progress of the running import of this file until stopped. GET /api/imports/running answers
 * from the server's memory, also while the import holds the database.
 */
function pollProgress(kind: string, fileName: string, report: (p: ImportProgress) => void): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout>;
  const tick = async () => {
    try {
      const running = await getJson<ListAnswer<ImportProgress & { kind: string; file_name: string }>>('imports/running');
      const mine = running.items.find((j) => j.kind === kind && j.file_name === fileName);
      if (mine && !stopped) report(mine);
    } catch {
      /* progress is a nicety; the upload's answer decides */
    }
    if (!stopped) timer = setTimeout(tick, 1000);
  };
  timer = setTimeout(tick, 500);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

function ImportForm({ formats, onImported }: { formats: ImportFormat[]; onImported: () => void }) {
  const uid = useId();
  const [kind, setKind] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [kilde, setKilde] = useState('');
  const [opgjortPr, setOpgjortPr] = useState('');
  const [invalid, setInvalid] = useState<{ kind?: string; file?: string }>({});
  const [phase, setPhase] = useState<Phase>({ s: 'idle' });
  const fileInput = useRef<HTMLInputElement>(null);
  const kindInput = useRef<HTMLSelectElement>(null);
  const resultHeading = useRef<HTMLDivElement>(null);
  const busy = phase.s === 'uploading' || phase.s === 'processing';
  const format = formats.find((f) => f.kind === kind);

  useEffect(() => {
    if (phase.s === 'done' || phase.s === 'rejected' || phase.s === 'failed') resultHeading.current?.focus();
  }, [phase.s]);

  const send = async (preview: boolean) => {
    const problems: typeof invalid = {};
    if (!kind) problems.kind = 'Vælg hvilken slags fil du importerer.';
    if (!file) problems.file = 'Vælg en fil.';
    setInvalid(problems);
    if (problems.kind) return kindInput.current?.focus();
    if (problems.file || !file) return fileInput.current?.focus();

    const form = new FormData();
    form.append('kind', kind);
    if (kilde.trim()) form.append('kilde', kilde.trim());
    if (opgjortPr) form.append('opgjort_pr', opgjortPr);
    if (preview) form.append('preview', '1');
    form.append('file', file, file.name);

    let stopPolling = () => {};
    setPhase({ s: 'uploading', progress: { loaded: 0, total: file.size } });
    const upload = postForm(
      'imports',
      form,
      (progress) => setPhase((p) => (p.s === 'uploading' ? { s: 'uploading', progress } : p)),
      () => {
        setPhase({ s: 'processing' });
        stopPolling = pollProgress(kind, file.name, (progress) => setPhase((p) => (p.s === 'processing' ? { s: 'processing', progress } : p)));
      },
    );
    try {
      const { status, body } = await upload.promise;
      stopPolling();
      if (status >= 200 && status < 300) {
        setPhase({ s: 'done', result: body as ImportResult, preview, fileName: file.name, kind });
      } else {
        const err = (body as ApiErrorBody | undefined)?.error;
        if (status === 422 && err?.errors) {
          setPhase({ s: 'rejected', jobId: err.job_id, message: err.message, errors: err.errors, errorCount: err.error_count, fileName: file.name });
        } else {
          const e = errorFromBody(status, body);
          setPhase({ s: 'failed', message: e.message, fields: err?.fields });
        }
      }
    } catch (e) {
      stopPolling();
      setPhase({ s: 'failed', message: (e as Error).message });
    }
    if (!preview) onImported();
  };

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    void send(submitter?.value === 'preview');
  };

  return (
    <>
      <form className="import-form" onSubmit={submit} noValidate aria-label="Importér en fil">
        <div className={`form-group${invalid.kind ? ' form-error' : ''}`}>
          <label className="form-label" htmlFor={`${uid}-kind`}>
            Filtype
          </label>
          {invalid.kind && (
            <span className="form-error-message" id={`${uid}-kind-error`}>
              <span className="sr-only">Fejl: </span>
              {invalid.kind}
            </span>
          )}
          <select
            id={`${uid}-kind`}
            ref={kindInput}
            className="form-select"
            value={kind}
            required
            aria-invalid={invalid.kind ? true : undefined}
            aria-describedby={[invalid.kind && `${uid}-kind-error`, format && `${uid}-kind-doc`].filter(Boolean).join(' ') || undefined}
            onChange={(e) => {
              setKind(e.target.value);
              setInvalid((i) => ({ ...i, kind: undefined }));
            }}
          >
            <option value="">Vælg filtype</option>
            {formats.map((f) => (
              <option key={f.kind} value={f.kind}>
                {f.title}
              </option>
            ))}
          </select>
          {format && (
            <p className="form-hint mt-3" id={`${uid}-kind-doc`}>
              {format.doc} Skabelon:{' '}
              <a href={apiUrl(`import-formats/${format.kind}/template.csv`)} download>
                CSV
              </a>
              ,{' '}
              <a href={apiUrl(`import-formats/${format.kind}/template.xlsx`)} download>
                Excel
              </a>
              .
            </p>
          )}
        </div>
        <div className={`form-group${invalid.file ? ' form-error' : ''}`}>
          <label className="form-label" htmlFor={`${uid}-file`}>
            Fil (CSV eller Excel)
          </label>
          <span className="form-hint" id={`${uid}-file-hint`}>
            CSV med semikolon og decimalkomma, eller .xlsx. Første række er kolonnenavnene fra skabelonen.
          </span>
          {invalid.file && (
            <span className="form-error-message" id={`${uid}-file-error`}>
              <span className="sr-only">Fejl: </span>
              {invalid.file}
            </span>
          )}
          <input
            id={`${uid}-file`}
            ref={fileInput}
            className="form-file"
            type="file"
            accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            required
            aria-invalid={invalid.file ? true : undefined}
            aria-describedby={[`${uid}-file-hint`, invalid.file && `${uid}-file-error`].filter(Boolean).join(' ')}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setInvalid((i) => ({ ...i, file: undefined }));
            }}
          />
          {file && <p className="form-hint mt-2">Valgt: {file.name} ({fmtBytes(file.size)})</p>}
        </div>
        <div className="row">
          <div className="col-12 col-md-6 form-group">
            <label className="form-label" htmlFor={`${uid}-kilde`}>
              Kilde <span className="weight-normal">(valgfri)</span>
            </label>
            <span className="form-hint" id={`${uid}-kilde-hint`}>
              Fx »Landsbyggefonden, Boligstat 2024«. Vises ved tallene.
            </span>
            <input id={`${uid}-kilde`} className="form-input" type="text" value={kilde} aria-describedby={`${uid}-kilde-hint`} onChange={(e) => setKilde(e.target.value)} />
          </div>
          <div className="col-12 col-md-6 form-group">
            <label className="form-label" htmlFor={`${uid}-opgjort`}>
              Opgjort pr. <span className="weight-normal">(valgfri)</span>
            </label>
            <span className="form-hint" id={`${uid}-opgjort-hint`}>
              Den dato tallene gælder for.
            </span>
            <input
              id={`${uid}-opgjort`}
              className="form-input input-width-s"
              type="date"
              value={opgjortPr}
              aria-describedby={`${uid}-opgjort-hint`}
              onChange={(e) => setOpgjortPr(e.target.value)}
            />
          </div>
        </div>
        <div className="button-row mt-5">
          <button type="submit" className="button button-secondary" name="action" value="preview" disabled={busy}>
            <Icon name="visibility" />
            Forhåndsvis
          </button>
          <button type="submit" className="button button-primary" name="action" value="import" disabled={busy}>
            <Icon name="upload" />
            Importér
          </button>
        </div>
      </form>
      <Progress phase={phase} />
      <div ref={resultHeading} tabIndex={-1} className="import-result">
        <Result phase={phase} formats={formats} />
      </div>
    </>
  );
}

function Progress({ phase }: { phase: Phase }) {
  if (phase.s !== 'uploading' && phase.s !== 'processing') return null;
  let label: string;
  let value: number | undefined;
  let max: number | undefined;
  if (phase.s === 'uploading') {
    const { loaded, total } = phase.progress;
    value = total ? loaded : undefined;
    max = total ?? undefined;
    label = total ? `Overfører filen: ${fmtInt(Math.round((100 * loaded) / total))} % (${fmtBytes(loaded)} af ${fmtBytes(total)})` : `Overfører filen: ${fmtBytes(loaded)}`;
  } else if (phase.progress && phase.progress.total) {
    value = phase.progress.rows;
    max = phase.progress.total;
    label = `${phaseLabels[phase.progress.phase] ?? phase.progress.phase}: ${fmtInt(phase.progress.rows)} af ${fmtInt(phase.progress.total)} rækker`;
  } else {
    label = phase.progress ? `${phaseLabels[phase.progress.phase] ?? phase.progress.phase} …` : 'Filen kontrolleres og indlæses …';
  }
  return (
    <div className="import-progress mt-5">
      <label htmlFor="import-progress-bar" className="form-label" aria-live="polite">
        {label}
      </label>
      <progress id="import-progress-bar" value={value} max={max} />
    </div>
  );
}

function Result({ phase, formats }: { phase: Phase; formats: ImportFormat[] }) {
  if (phase.s === 'failed') {
    return (
      <Alert variant="error" heading="Filen kunne ikke importeres" className="mt-5">
        <p className="alert-text">{phase.message}</p>
        {phase.fields && phase.fields.length > 0 && (
          <ul className="alert-text">
            {phase.fields.map((f) => (
              <li key={f.field}>
                {f.field}: {f.message}
              </li>
            ))}
          </ul>
        )}
      </Alert>
    );
  }
  if (phase.s === 'rejected') {
    return (
      <div className="mt-5">
        <Alert variant="error" heading="Filen blev afvist – intet er gemt">
          <p className="alert-text">
            {phase.message} Ret fejlene i filen og prøv igen.
            {phase.jobId != null && (
              <>
                {' '}
                <Link to={`/import/${phase.jobId}`}>Se import nr. {phase.jobId}</Link>.
              </>
            )}
          </p>
        </Alert>
        <ImportErrors errors={phase.errors} total={phase.errorCount} fileName={phase.fileName} headingLevel={2} />
      </div>
    );
  }
  if (phase.s !== 'done') return null;
  const r = phase.result;
  const counts = (
    <FactList
      className="fact-list--inline"
      facts={[
        { label: 'Rækker i filen', value: r.rows_total, kind: 'int' },
        ...(phase.preview
          ? []
          : [
              { label: 'Nye', value: r.rows_inserted, kind: 'int' as const },
              { label: 'Opdaterede', value: r.rows_updated, kind: 'int' as const },
              { label: 'Uændrede', value: r.rows_unchanged, kind: 'int' as const },
            ]),
        ...(r.errors.length ? [{ label: 'Fejl', value: r.error_count ?? r.errors.length, kind: 'int' as const }] : []),
      ]}
    />
  );
  if (phase.preview) {
    const cols = r.preview?.columns ?? [];
    const raw = r.preview?.rows ?? [];
    type Row = Record<string, unknown> & { id: number };
    const rows: Row[] = raw.map((row, i) =>
      Array.isArray(row) ? { id: i, ...Object.fromEntries(cols.map((c, j) => [c, row[j]])) } : { id: i, ...(row as Record<string, unknown>) },
    );
    // The file's own text, empty cells left empty.
    const columns: Column<Row>[] = cols.map((c) => ({ key: c, header: c, render: (r) => String(r[c] ?? '') }));
    return (
      <div className="mt-5">
        <Alert variant={r.errors.length ? 'warning' : 'info'} heading={r.errors.length ? 'Forhåndsvisning: filen har fejl' : 'Forhåndsvisning: filen kan importeres'}>
          <p className="alert-text">Intet er gemt endnu. {r.errors.length ? 'Ret fejlene, før du importerer.' : 'Tryk »Importér« for at gemme.'}</p>
          {counts}
        </Alert>
        {rows.length > 0 && (
          <section aria-labelledby="preview-heading">
            <h2 id="preview-heading">De første rækker</h2>
            <DataTable caption={`De første ${fmtInt(rows.length)} rækker af ${phase.fileName}`} compact columns={columns} rows={rows} rowKey={(x) => x.id} />
          </section>
        )}
        {r.errors.length > 0 && <ImportErrors errors={r.errors} total={r.error_count} fileName={phase.fileName} headingLevel={2} />}
      </div>
    );
  }
  const title = formats.find((f) => f.kind === phase.kind)?.title;
  return (
    <div className="mt-5">
      <Alert
        variant={r.state === 'unchanged' ? 'info' : 'success'}
        heading={r.state === 'unchanged' ? 'Filen er allerede importeret – intet er ændret' : 'Importen er gennemført'}
      >
        <p className="alert-text">
          {r.message ?? `${title ? `${title}: ` : ''}${phase.fileName}.`}
          {r.job_id != null && (
            <>
              {' '}
              <Link to={`/import/${r.job_id}`}>Se import nr. {r.job_id}</Link>.
            </>
          )}
        </p>
        {counts}
      </Alert>
    </div>
  );
}

function Formats({ formats }: { formats: ImportFormat[] }) {
  type Col = ImportFormat['columns'][number] & { id: string };
  const columns: Column<Col>[] = [
    { key: 'name', header: 'Kolonne', rowHeader: true, render: (c) => <code>{c.name}</code> },
    { key: 'type', header: 'Type', value: (c) => describeType(c.type) },
    { key: 'required', header: 'Påkrævet', value: (c) => (c.required ? 'Ja' : 'Nej') },
    { key: 'doc', header: 'Beskrivelse' },
    { key: 'example', header: 'Eksempel', render: (c) => <code>{c.example}</code> },
  ];
  return (
    <>
      <p>
        Hent en skabelon, udfyld den og importér den ovenfor. CSV-filer bruger semikolon mellem kolonnerne og komma som decimaltegn,
        så de kan åbnes direkte i Excel.
      </p>
      <ul className="format-list nobullet-list">
        {formats.map((f) => (
          <li key={f.kind} className="format-item">
            <h3 className="h4">{f.title}</h3>
            <p className="mb-3">{f.doc}</p>
            <div className="button-row">
              <a className="button button-secondary" href={apiUrl(`import-formats/${f.kind}/template.csv`)} download>
                <Icon name="download" />
                CSV-skabelon<span className="sr-only"> for {f.title}</span>
              </a>
              <a className="button button-secondary" href={apiUrl(`import-formats/${f.kind}/template.xlsx`)} download>
                <Icon name="file-excel" />
                Excel-skabelon<span className="sr-only"> for {f.title}</span>
              </a>
            </div>
            <details className="details">
              <summary className="details-summary">Formatbeskrivelse: {f.title}</summary>
              <div className="details-text">
                <p>
                  Nøgle: {f.natural_key.map((k) => <code key={k}>{k} </code>)} – en ny fil opdaterer rækker med samme nøgle.
                </p>
                <DataTable caption={`Kolonner i ${f.title}`} captionHidden compact columns={columns} rows={f.columns.map((c) => ({ ...c, id: c.name }))} rowKey={(c) => c.id} />
              </div>
            </details>
          </li>
        ))}
      </ul>
    </>
  );
}

const HISTORY_PAGE = 10;

function History({ formats, version }: { formats: ImportFormat[]; version: number }) {
  const [qs] = useQueryState();
  const page = Math.max(1, Number.parseInt(qs.get('side') ?? '1', 10) || 1);
  const { data, error, loading, reload } = useApi<ListAnswer<ImportJob>>('imports', { limit: HISTORY_PAGE, offset: (page - 1) * HISTORY_PAGE });
  useEffect(() => {
    if (version) reload();
  }, [version, reload]);
  const titles = new Map(formats.map((f) => [f.kind, f.title]));
  const columns: Column<ImportJob>[] = [
    { key: 'id', header: 'Nr.', kind: 'code', rowHeader: true, render: (j) => <Link to={`/import/${j.id}`}>{j.id}</Link> },
    { key: 'started_at', header: 'Tidspunkt', value: (j) => fmtDateTime(j.started_at) },
    { key: 'kind', header: 'Filtype', value: (j) => titles.get(j.kind) ?? j.kind },
    { key: 'file_name', header: 'Fil' },
    { key: 'state', header: 'Tilstand', render: (j) => <StateBadge state={j.state} /> },
    { key: 'rows_total', header: 'Rækker', kind: 'int' },
    { key: 'rows_inserted', header: 'Nye', kind: 'int' },
    { key: 'rows_updated', header: 'Opdaterede', kind: 'int' },
    { key: 'rows_unchanged', header: 'Uændrede', kind: 'int' },
    { key: 'error_count', header: 'Fejl', kind: 'int' },
  ];
  if (error) return <ErrorAlert error={error} onRetry={reload} what="Importhistorikken" />;
  if (!data) return <Loading text="Henter importhistorik …" />;
  if (!data.items.length) return <p>Der er ikke importeret noget endnu.</p>;
  return (
    <>
      <DataTable caption="Importer, nyeste først" captionHidden columns={columns} rows={data.items} rowKey={(j) => j.id} busy={loading} compact />
      <Pagination
        page={page}
        pageCount={Math.ceil(data.total / HISTORY_PAGE)}
        label="Sider i importhistorikken"
        hrefFor={(p) => withParams(location.pathname + location.search, { side: p === 1 ? null : String(p) })}
      />
    </>
  );
}

export function ImportPage() {
  const formats = useApi<ImportFormat[] | ListAnswer<ImportFormat>>('import-formats');
  const list = Array.isArray(formats.data) ? formats.data : (formats.data?.items ?? []);
  const [version, setVersion] = useState(0);
  return (
    <Page title="Import" crumbs={[home, { text: 'Import' }]} lead="Hent registerdata ind fra CSV- eller Excel-filer. En fil med fejl afvises helt, så intet halvt bliver gemt.">
      {formats.error ? (
        <ErrorAlert error={formats.error} onRetry={formats.reload} what="Importformaterne" />
      ) : !formats.data ? (
        <Loading text="Henter importformater …" />
      ) : (
        <>
          <Section id="importer" title="Importér en fil">
            <ImportForm formats={list} onImported={() => setVersion((v) => v + 1)} />
          </Section>
          <Section id="historik" title="Importhistorik">
            <History formats={list} version={version} />
          </Section>
          <Section id="formater" title="Skabeloner og formater">
            <Formats formats={list} />
          </Section>
        </>
      )}
    </Page>
  );
}

export function ImportJobPage({ id }: { id: string }) {
  const { data, error, reload } = useApi<ImportJob>(`imports/${encodeURIComponent(id)}`);
  const formats = useApi<ImportFormat[] | ListAnswer<ImportFormat>>('import-formats');
  const list = Array.isArray(formats.data) ? formats.data : (formats.data?.items ?? []);
  const title = `Import nr. ${id}`;
  return (
    <Page title={title} crumbs={[home, { text: 'Import', to: '/import' }, { text: title }]}>
      {error ? (
        <ErrorAlert error={error} onRetry={reload} what="Importen" />
      ) : !data ? (
        <Loading text="Henter importen …" />
      ) : (
        <>
          <Section id="import-oplysninger" title="Oplysninger">
            <FactList
              facts={[
                { label: 'Tilstand', content: <StateBadge state={data.state} /> },
                { label: 'Filtype', value: list.find((f) => f.kind === data.kind)?.title ?? data.kind },
                { label: 'Fil', value: data.file_name },
                { label: 'Startet', value: fmtDateTime(data.started_at) },
                { label: 'Afsluttet', value: fmtDateTime(data.finished_at) },
                { label: 'Rækker', value: data.rows_total, kind: 'int' },
                { label: 'Nye', value: data.rows_inserted, kind: 'int' },
                { label: 'Opdaterede', value: data.rows_updated, kind: 'int' },
                { label: 'Uændrede', value: data.rows_unchanged, kind: 'int' },
                { label: 'Fejl', value: data.error_count, kind: 'int' },
                { label: 'Kilde', value: data.kilde },
                { label: 'Opgjort pr.', value: fmtDate(data.opgjort_pr) },
                { label: 'Filens SHA-256', content: <code className="hash">{data.file_hash}</code>, wide: true },
              ]}
            />
            {data.message && <p>{data.message}</p>}
          </Section>
          {data.errors && data.errors.length > 0 ? (
            <ImportErrors errors={data.errors} total={data.error_count} fileName={data.file_name} headingLevel={2} />
          ) : (
            <Section id="import-fejl" title="Fejl">
              <p>Ingen fejl.</p>
            </Section>
          )}
        </>
      )}
    </Page>
  );
}
