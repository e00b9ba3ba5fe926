// Statistik (issue 6): the committee's figures of kommunal anvisning for a year - anvisninger by target group, rent
// band and area category; vacancies returned and why; waiting times; the share used against the right (§ 59, stk. 1) -
// with the same figures as PDF and Excel from the API.
import { useId, useMemo } from 'react';
import { useApi } from '../../api.ts';
import { ChartFigure, type Series } from '../../components/ChartFigure.tsx';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { ExportButtons } from '../../components/ExportButtons.tsx';
import { FactList } from '../../components/FactList.tsx';
import { SelectField } from '../../components/Form.tsx';
import { Page, Section } from '../../components/Page.tsx';
import { ErrorAlert, Loading } from '../../components/Status.tsx';
import { fmtInt, fmtPct, plural } from '../../format.ts';
import { useKommune } from '../../kommune.tsx';
import { useQueryState } from '../../router.tsx';
import { capitalised, returGrundNavn, todayIso, type Optaelling, type ReturGrund, type Statistik } from '../../anvisning.ts';
import { AnvisningTabs, anvisningCrumb, home } from './common.tsx';

const thisYear = () => Number(todayIso().slice(0, 4));

function CountTable({ caption, header, rows, label = (s) => s }: { caption: string; header: string; rows: Optaelling[]; label?: (s: string) => string }) {
  const columns: Column<Optaelling>[] = [
    { key: 'noegle', header, rowHeader: true, value: (r) => label(r.noegle) },
    { key: 'antal', header: 'Antal', kind: 'int' },
  ];
  // A hidden cell hides the total too, or the total would reveal it.
  const total = rows.some((r) => r.antal === null) ? null : rows.reduce((s, r) => s + (r.antal ?? 0), 0);
  return rows.length ? (
    <DataTable caption={caption} compact columns={columns} rows={[...rows, { noegle: 'I alt', antal: total }]} rowKey={(r, i) => `${i}-${r.noegle}`} />
  ) : (
    <p>
      <strong>{caption}:</strong> ingen.
    </p>
  );
}

export function StatistikPage() {
  const uid = useId();
  const { kommune } = useKommune();
  const [qs, setQs] = useQueryState();
  const aarQ = Number(qs.get('aar'));
  const aar = Number.isInteger(aarQ) && aarQ >= 2000 && aarQ <= 2100 ? aarQ : thisYear();
  const params = { kommunekode: kommune?.kode, aar };
  // While another year or municipality is read, the heading (the municipality's name) is not put on the old figures.
  const { current: data, error, reload } = useApi<Statistik>(kommune ? 'anvisning/statistik' : null, params);
  // Next year too: a lease accepted now often starts after New Year.
  const years = Array.from({ length: thisYear() - 2018 }, (_, i) => String(thisYear() + 1 - i));
  const series: Series[] = useMemo(() => (data ? [{ name: 'Anvisninger', kind: 'int', values: data.efter_husleje.map((r) => r.antal) }] : []), [data]);
  const categories = useMemo(() => (data ? data.efter_husleje.map((r) => r.noegle) : []), [data]);
  const returned = data ? data.returnerede.reduce((s, r) => s + (r.antal ?? 0), 0) : 0;
  const days = (n: number | null) => (n === null ? (data?.ventetid_dage.skjult ? 'skjult: færre end 5 anvisninger' : 'ingen anvisninger i året') : plural(n, 'dag', 'dage'));

  return (
    <Page title="Statistik" crumbs={[home, anvisningCrumb, { text: 'Statistik' }]} lead="Tal til udvalget om kommunal anvisning: hvem der blev anvist hvortil, hvilke boliger der blev sendt retur og hvorfor, ventetider, og hvor meget af anvisningsretten kommunen bruger.">
      <AnvisningTabs current="statistik" />
      <div className="list-toolbar">
        <SelectField id={`${uid}-aar`} className="mt-0" label="År" value={String(aar)} options={years.map((y) => ({ value: y, label: y }))} onChange={(v) => setQs({ aar: v === String(thisYear()) ? null : v })} />
        {kommune && <ExportButtons endpoint="anvisning/statistik" params={params} formats={['pdf', 'xlsx']} what={`statistikken for ${aar}`} />}
      </div>
      {error ? (
        <ErrorAlert error={error} what="Statistikken" onRetry={reload} />
      ) : !data ? (
        <Loading text="Henter statistikken …" />
      ) : (
        <>
          <Section id="overblik" title={`${kommune?.navn ?? 'Kommunen'} ${data.aar}`}>
            <FactList
              facts={[
                { label: 'Anvisninger (lejestart i året)', value: data.anvisninger, kind: 'int' },
                { label: 'Boliger stillet til rådighed', value: data.tilbudte_boliger, kind: 'int' },
                { label: 'Boliger sendt retur', value: returned, kind: 'int' },
                { label: 'Ventetid, median', value: days(data.ventetid_dage.median) },
                { label: 'Ventetid, gennemsnit', value: days(data.ventetid_dage.gennemsnit) },
                { label: 'Længste ventetid', value: days(data.ventetid_dage.laengst) },
              ]}
            />
          </Section>
          <Section id="andel" title="Brugt af anvisningsretten">
            <FactList
              facts={[
                { label: 'Ledige familieboliger i året', value: data.andel.ledige_familieboliger, kind: 'int' },
                { label: 'Heraf anvist af kommunen', value: data.andel.kommunal_anvisning, kind: 'int' },
                { label: 'Brugt', value: data.andel.brugt_pct === null ? null : fmtPct(data.andel.brugt_pct) },
                { label: 'Retten', value: `${fmtPct(data.andel.ret_pct)} (${data.andel.ret_grundlag})`, wide: true },
              ]}
            />
            {data.andel.ledige_familieboliger === 0 && <p className="form-hint">Der er ingen udlejningstal for {data.aar} i registret endnu; andelen kan ikke beregnes.</p>}
          </Section>
          <Section id="retur" title="Boliger sendt retur og hvorfor">
            <CountTable caption={`Returnerede boliger ${data.aar} efter grund`} header="Grund" rows={data.returnerede} label={(k) => returGrundNavn[k as ReturGrund] ?? k} />
            {data.tilbudte_boliger > 0 && <p>{`${fmtInt(returned)} af ${plural(data.tilbudte_boliger, 'bolig', 'boliger')} stillet til rådighed i ${data.aar} blev sendt retur.`}</p>}
          </Section>
          <Section id="anvisninger" title="Anvisninger">
            <div className="row">
              <div className="col-12 col-lg-6">
                <CountTable caption={`Anvisninger ${data.aar} efter målgruppe`} header="Målgruppe" rows={data.efter_maalgruppe} label={capitalised} />
              </div>
              <div className="col-12 col-lg-6">
                <CountTable caption={`Anvisninger ${data.aar} efter områdets kategori`} header="Områdets kategori" rows={data.efter_kategori} />
              </div>
            </div>
            <ChartFigure id={`${uid}-husleje`} level={3} title={`Anvisninger ${data.aar} efter husleje pr. måned`} type="bar" categoryHeader="Husleje pr. måned" categories={categories} series={series} height={260} />
          </Section>
        </>
      )}
    </Page>
  );
}
