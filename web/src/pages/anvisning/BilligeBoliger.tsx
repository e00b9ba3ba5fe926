// Billige boliger (issue 6, seed 003): the municipality's family dwellings by monthly rent band and by the strictest
// area-list category of their area, with the rent limits the user chooses (default 3.500/4.000/4.500 kr.), as a
// table and as a chart with the same figures in its accessible table.
import { lazy, Suspense, useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useApi } from '../../api.ts';
import { chartOption, type Series } from '../../components/ChartFigure.tsx';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { SelectField, TextField, ErrorSummary } from '../../components/Form.tsx';
import { Icon } from '../../components/Icon.tsx';
import { Page, Section } from '../../components/Page.tsx';
import { ErrorAlert, Loading } from '../../components/Status.tsx';
import { fmtInt, fmtKr, listText } from '../../format.ts';
import { useKommune } from '../../kommune.tsx';
import { kategoriFarve, kategoriNavn, kategorier } from '../../lister.ts';
import { useQueryState } from '../../router.tsx';
import { daInput, kategoriKilde, parseDaNumber, STANDARD_GRAENSER, todayIso, type BilligeBoliger } from '../../anvisning.ts';
import { AnvisningTabs, anvisningCrumb, home } from './common.tsx';

const EChart = lazy(() => import('../../components/EChart.tsx'));

const thisYear = () => Number(todayIso().slice(0, 4));
const colour = (kolonne: string) => {
  const k = kategorier.find((x) => kategoriNavn[x] === kolonne);
  return k ? kategoriFarve[k] : '#595959';
};

export function BilligeBoligerPage() {
  const uid = useId();
  const { kommune } = useKommune();
  const [qs, setQs] = useQueryState();
  const aarQ = Number(qs.get('aar'));
  const aar = Number.isInteger(aarQ) && aarQ >= 2000 && aarQ <= 2100 ? aarQ : thisYear();
  const graenserQ = (qs.get('graenser') ?? '').split(',').map(Number);
  const graenser = graenserQ.length && graenserQ.every((x, i) => Number.isInteger(x) && x > 0 && (i === 0 || x > graenserQ[i - 1])) ? graenserQ : STANDARD_GRAENSER;
  // While another year, limits or municipality is read, the summary (the municipality's name) is not put on the old table.
  const { current: data, error, reload, loading } = useApi<BilligeBoliger>(kommune ? 'anvisning/billige-boliger' : null, { kommunekode: kommune?.kode, aar, graenser: graenser.join(',') });

  const [draft, setDraft] = useState<string[]>(graenser.map(daInput));
  const [draftAar, setDraftAar] = useState(String(aar));
  const [errors, setErrors] = useState<Record<number, string>>({});
  const key = `${aar}|${graenser.join(',')}`;
  useEffect(() => {
    setDraft(graenser.map(daInput));
    setDraftAar(String(aar));
  }, [key]);

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const e: Record<number, string> = {};
    const nums = draft.map((d) => parseDaNumber(d));
    nums.forEach((n, i) => {
      if (n === null || !Number.isInteger(n) || n <= 0) e[i] = `Skriv grænse ${i + 1} som et helt beløb i kr., fx 3.500.`;
      else if (i > 0 && nums[i - 1] !== null && n <= nums[i - 1]!) e[i] = `Grænse ${i + 1} skal være over grænse ${i} (${fmtKr(nums[i - 1])}).`;
    });
    setErrors(e);
    if (Object.keys(e).length) return;
    setQs({ aar: draftAar === String(thisYear()) ? null : draftAar, graenser: nums.join(',') === STANDARD_GRAENSER.join(',') ? null : nums.join(',') });
  };

  const years = Array.from({ length: thisYear() - 2019 }, (_, i) => String(thisYear() - i));
  const rows = data?.raekker ?? [];
  type Row = (typeof rows)[number];
  const columns: Column<Row>[] = data
    ? [
        { key: 'interval', header: 'Husleje pr. måned', rowHeader: true },
        ...data.kolonner.map((k) => ({ key: k, header: k, kind: 'int' as const })),
        { key: 'i_alt', header: 'I alt', kind: 'int' as const },
      ]
    : [];
  const totalRow = data
    ? ({ interval: 'I alt', ...Object.fromEntries(data.kolonner.map((k) => [k, rows.reduce((s, r) => s + Number(r[k] ?? 0), 0)])), i_alt: data.i_alt } as Row)
    : null;
  const series: Series[] = useMemo(() => (data ? data.kolonner.map((k) => ({ name: k, kind: 'int' as const, values: data.raekker.map((r) => Number(r[k] ?? 0)), color: colour(k) })) : []), [data]);
  const categories = useMemo(() => (data ? data.raekker.map((r) => r.interval) : []), [data]);
  const option = useMemo(() => {
    const o = chartOption('bar', categories, series);
    // Every rent band named under its bars.
    return { ...o, xAxis: { ...o.xAxis, axisLabel: { ...o.xAxis.axisLabel, interval: 0 } } };
  }, [categories, series]);
  const title = `Familieboliger efter husleje og områdets kategori, ${data?.aar ?? aar}`;
  const fid = (i: number) => `${uid}-graense-${i}`;
  const under = data && data.graenser.length ? rows[0] : null;

  return (
    <Page
      title="Billige boliger"
      crumbs={[home, anvisningCrumb, { text: 'Billige boliger' }]}
      lead={`Kommunens almene familieboliger efter månedlig husleje og områdets kategori på områdelisterne: hvor mange billige boliger der er, og hvor de ligger.`}
    >
      <AnvisningTabs current="billige" />
      <Section id="valg" title="Grænser">
        <ErrorSummary errors={Object.entries(errors).map(([i, m]) => ({ id: fid(Number(i)), message: m }))} heading="Tabellen er ikke opdateret" />
        <form onSubmit={submit} noValidate aria-label="Huslejegrænser">
          <div className="form-row">
            <SelectField id={`${uid}-aar`} label="År" hint="Områdernes kategorier fra listen, der gælder for udlejning i året." value={draftAar} options={years.map((y) => ({ value: y, label: y }))} onChange={setDraftAar} />
          </div>
          <div className="form-row graense-row">
            {draft.map((d, i) => (
              <TextField
                key={i}
                id={fid(i)}
                label={`Grænse ${i + 1} (kr. pr. måned)`}
                inputMode="numeric"
                inputClassName="input-width-xs"
                value={d}
                error={errors[i]}
                onChange={(v) => setDraft(draft.map((x, j) => (j === i ? v : x)))}
              />
            ))}
          </div>
          <div className="button-row">
            <button type="submit" className="button button-primary">
              Vis tabellen
            </button>
            {draft.length < 6 && (
              <button type="button" className="button button-secondary" onClick={() => setDraft([...draft, ''])}>
                <Icon name="plus" />
                Tilføj grænse
              </button>
            )}
            {draft.length > 1 && (
              <button type="button" className="button button-secondary" onClick={() => setDraft(draft.slice(0, -1))}>
                <Icon name="minus" />
                Fjern grænse {draft.length}
              </button>
            )}
            <button type="button" className="button button-tertiary" onClick={() => setDraft(STANDARD_GRAENSER.map(daInput))}>
              Standardgrænser ({listText(STANDARD_GRAENSER.map((g) => fmtKr(g)))})
            </button>
          </div>
        </form>
      </Section>
      {error ? (
        <ErrorAlert error={error} what="Tabellen" onRetry={reload} />
      ) : !data ? (
        <Loading text="Tæller boligerne …" />
      ) : (
        <>
          <p className="billige-summary" aria-live="polite">
            {fmtInt(data.i_alt)} almene familieboliger i {kommune?.navn} i {data.aar}
            {under ? `; ${fmtInt(under.i_alt)} af dem har en husleje ${under.interval.replace(/\.$/, '')}` : ''}. {kategoriKilde(data.kategorier_fra)}
          </p>
          <Section id={`${uid}-tabel`} title={title}>
            <Suspense fallback={<Loading text="Tegner diagram …" />}>
              <EChart option={option} label={`Søjlediagram: ${title}. Tallene står i tabellen nedenfor.`} height={340} />
            </Suspense>
            <DataTable caption={title} columns={columns} rows={totalRow ? [...rows, totalRow] : rows} rowKey={(r) => r.interval} busy={loading} />
            <p className="form-hint">
              Husleje pr. måned uden forbrug. En bolig tæller under den strengeste kategori, dens område har (omdannelsesområde før parallelsamfund før udsat
              før forebyggelsesområde).
            </p>
          </Section>
        </>
      )}
    </Page>
  );
}
