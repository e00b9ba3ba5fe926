// PDF export benchmark: a list of N rows through renderListPdf (the path of format=pdf), for the widest
// register list (afdelinger, 18 columns) and a narrower one (boliger, 12 columns).
//   npm run bench:pdf
//   BENCH_ROWS=10000 BENCH_RUNS=3 npm run bench:pdf
// Prints per list: seconds (median), CPU seconds of the process (the worker included; a fairer figure on a
// shared machine), pages, MB of PDF, the process's peak RSS and the longest the request thread's event loop
// was blocked meanwhile.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { renderListPdf } from '../src/features/exports/pdf.ts';
import { afdelingExport, boligExport } from '../src/features/register/columns.ts';
import type { ExportSpec } from '../src/features/exports/export.ts';
// Loaded up front, as in the server (exceljs takes half a second to load), so that is not counted as blocking.
import '../src/features/exports/export.ts';

const rows = Number(process.env.BENCH_ROWS ?? 10_000);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const provenance = { kilde: 'Landsbyggefonden', opgjort_pr: '2024-06-30', import_job_id: 7 };

const afdelinger = Array.from({ length: rows }, (_, i) => ({
  id: i + 1, boligorganisation_navn: `Boligselskabet Ærø ${i % 50}`, org_lbf_nr: 500 + (i % 50), afdelingsnummer: i + 1,
  navn: `Østergården ${i + 1}`, adresser: `Åvej ${i % 90}, Søndergade 1-${i % 40}`, kommunekode: '0101', opfoerelsesaar: 1950 + (i % 70),
  antal_familie: i % 300, antal_ungdom: 5, antal_aeldre: 0, antal_pleje: 0, antal_boliger: 5 + (i % 300), bruttoareal_m2: 4000.5 + i,
  husleje_pr_m2: 1000.25, boligomraader: i % 3 ? [] : [{ kode: 'KBH-02', navn: 'Nørreparken' }], provenance, suppressed: i % 97 ? [] : ['antal_familie'],
}));
const boliger = Array.from({ length: rows }, (_, i) => ({
  id: i + 1, afdeling_navn: `Østergården ${i % 200}`, lejemaalsnummer: i + 1, adresse: `Åvej ${i % 90}, ${i % 4}. tv.`, postnummer: '2730',
  boligtype: 'familie', vaerelser: 1 + (i % 5), areal_m2: 40 + (i % 80) + 0.5, husleje_maaned: 4000 + (i % 50) * 100, status: 'udlejet', provenance,
}));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function bench(name: string, spec: ExportSpec<any>, items: unknown[]) {
  const times: number[] = [];
  const cpu: number[] = [];
  let bytes = 0;
  let pages = 0;
  let peakRss = 0;
  let maxDelay = 0;
  for (let r = 0; r < runs; r++) {
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const rss = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 50);
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const pdf = await renderListPdf(spec, items, { filters: ['Kommune: 0101'] });
    times.push((performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e6);
    clearInterval(rss);
    delay.disable();
    maxDelay = Math.max(maxDelay, delay.max / 1e6);
    bytes = pdf.length;
    pages = (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
  }
  console.log(
    `${name}: rows=${rows} columns=${spec.columns.length} seconds=${median(times).toFixed(1)} (runs ${times.map((t) => t.toFixed(1)).join(', ')}) cpu_s=${median(cpu).toFixed(1)}` +
      ` pages=${pages} pdf_mb=${(bytes / 1e6).toFixed(1)} peak_rss_mb=${Math.round(peakRss / 1e6)} max_event_loop_block_ms=${Math.round(maxDelay)}`,
  );
}

await bench('afdelinger', afdelingExport, afdelinger);
await bench('boliger', boligExport, boliger);
