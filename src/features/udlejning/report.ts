// The udlejningsaftale as documents (issue 5, item 5): the yearly evaluation for the political meeting (PDF and
// xlsx, one sheet per section) and the agreement itself with its annexes and the step table of all afdelinger
// (PDF). Both are built as headed sections once and written by renderDocumentPdf (src/features/exports/pdf.ts)
// or exceljs; the figures come already judged and suppressed from evaluation.ts.
import ExcelJS from 'exceljs';
import { danishDate, danishDateTime, groupsThousands, renderDocumentPdf, type PdfCellValue, type PdfColumn, type PdfSection } from '../exports/pdf.ts';
import { SUPPRESSED_MARK, SUPPRESSION_NOTE } from '../exports/export.ts';
import { datoTekst, type LovbestemtRedskab, type Trappemodel, type AftaleVurdering } from '../../rules/udlejning.ts';
import type { Kategori } from '../../rules/abl-61a.ts';
import type { Aftale, Kommune } from './store.ts';
import { KATEGORI_TEKST, STATUS_TEKST, kravTekst, noegletalNavn, pct, tal, type Evaluering } from './evaluation.ts';

/** A section of a report: a PDF section and an xlsx sheet. */
export interface ReportSection extends PdfSection {
  /** The sheet's name in the xlsx (at most 31 characters). */
  sheet: string;
  table?: { columns: (string | PdfColumn)[]; rows: PdfCellValue[][]; emptyText?: string };
}

export interface ReportDoc {
  title: string;
  subtitle?: string;
  about: string[];
  sections: ReportSection[];
  now: Date;
}

const AFTALE_STATUS = { udkast: 'udkast', gaeldende: 'gældende', afsluttet: 'afsluttet' } as const;
const hidden = (skjult: string[], f: string) => skjult.includes(f);
const kategorierTekst = (ks: Kategori[], listKilde = '') => (listKilde === 'ingen' ? 'ingen liste' : ks.length ? ks.map((k) => KATEGORI_TEKST[k]).join(', ') : 'ingen');
const jaNej = (b: boolean | null) => (b === null ? '' : b ? 'ja' : 'nej');
const dec = (header: string, decimals = 2): PdfColumn => ({ header, type: 'decimal', decimals });
const int = (header: string): PdfColumn => ({ header, type: 'int' });
/** A year: a whole number without thousands separators. */
const year = (header: string): PdfColumn => ({ header, type: 'int', grouping: false });
const kommuneNavn = (k: Kommune) => `${k.navn}${/kommune$/i.test(k.navn) ? '' : ' Kommune'}`;

function aboutLines(kommune: Kommune, aftale: Aftale): string[] {
  return [
    `${kommuneNavn(kommune)} (${kommune.kode})${kommune.demo ? ': demodata (genereret, ikke virkelige tal)' : ''}`,
    `Aftale: ${aftale.navn}, version ${aftale.version} (${AFTALE_STATUS[aftale.status]})`,
    `Periode: ${datoTekst(aftale.gyldig_fra)} til og med ${datoTekst(aftale.gyldig_til)}`,
    'Beregnet af Almen; tallene er kommunens egne beregninger.',
  ];
}

// ---- the yearly evaluation -----------------------------------------------------------------------------------

export interface EvaluationDoc {
  kommune: Kommune;
  aftale: Aftale;
  evaluering: Evaluering;
  /** How the forecast was (re)made, in Danish. */
  prognosegrundlag: string;
  /** The area lists the categories come from. */
  lister: { i_kraft: { listeaar: number; kilde: string }; aarets: { listeaar: number; kilde: string } };
  now: Date;
}

const LISTEKILDE: Record<string, string> = { offentliggjort: 'den offentliggjorte liste', beregnet: 'kommunens egen beregning', ingen: 'ingen liste' };

export function evaluationReport(d: EvaluationDoc): ReportDoc {
  const e = d.evaluering;
  const Y = e.aar;
  const cell = (skjult: string[], f: string, v: number | null): PdfCellValue => (hidden(skjult, f) ? SUPPRESSED_MARK : v);
  const anyHidden = e.afdelinger.some((a) => a.skjult.length > 0) || e.samlet.some((s) => s.skjult || s.sammenligning?.skjult) || e.maal.some((m) => m.status === 'skjult');

  const sections: ReportSection[] = [];
  sections.push({
    sheet: 'Sammenfatning',
    heading: `Sammenfatning ${Y}`,
    paragraphs: e.sammenfatning,
    table: {
      columns: ['Nr.', 'Mål', 'Krav', year('Senest'), 'Gælder', dec(`Værdi ${Y}`), 'Status'],
      rows: e.maal.map((m) => [
        String(m.nr),
        m.maal.tekst,
        kravTekst(m.maal),
        m.maal.senest_aar,
        m.maal.gaelder === 'alle_afdelinger' ? 'alle afdelinger samlet' : m.afdelinger.map((a) => a.afdeling_navn).join(', '),
        m.maal.gaelder === 'alle_afdelinger' ? (m.status === 'skjult' ? SUPPRESSED_MARK : m.vaerdi) : null,
        STATUS_TEKST[m.status],
      ]),
      emptyText: 'Aftalen har ingen målbare mål.',
    },
  });
  sections.push({
    sheet: 'Mål',
    heading: `Målene ${Y}`,
    paragraphs: e.maal.length ? e.maal.map((m) => m.forklaring) : ['Aftalen har ingen målbare mål.'],
    table: {
      columns: ['Mål nr.', 'Afdeling', dec(`Værdi ${Y}`), 'Opfylder målet'],
      rows: e.maal.flatMap((m) => m.afdelinger.map((a) => [String(m.nr), a.afdeling_navn, a.skjult ? SUPPRESSED_MARK : a.vaerdi, a.skjult ? SUPPRESSED_MARK : jaNej(a.opfyldt)])),
      emptyText: 'Ingen mål gælder enkelte afdelinger.',
    },
  });

  const prognoseRows: PdfCellValue[][] = [];
  for (const a of e.afdelinger) {
    for (const i of a.indikatorer) {
      const p = hidden(a.skjult, 'prognose');
      prognoseRows.push([
        a.afdeling_navn,
        noegletalNavn(i.noegletal),
        p ? SUPPRESSED_MARK : i.start_aar,
        p ? SUPPRESSED_MARK : i.start_pct,
        cell(a.skjult, i.noegletal, i.faktisk_pct),
        p ? SUPPRESSED_MARK : i.forventet_pct,
        p ? SUPPRESSED_MARK : i.p10_pct,
        p ? SUPPRESSED_MARK : i.p90_pct,
        hidden(a.skjult, i.noegletal) || p ? SUPPRESSED_MARK : jaNej(i.i_baandet),
      ]);
    }
  }
  for (const s of e.samlet) {
    const c = s.sammenligning;
    prognoseRows.push([
      'Alle afdelinger (husstandsvægtet)',
      noegletalNavn(s.noegletal),
      null,
      null,
      s.skjult ? SUPPRESSED_MARK : s.faktisk_pct,
      c ? (c.skjult ? SUPPRESSED_MARK : c.forventet_pct) : null,
      c ? (c.skjult ? SUPPRESSED_MARK : c.p10_pct) : null,
      c ? (c.skjult ? SUPPRESSED_MARK : c.p90_pct) : null,
      c ? (c.skjult ? SUPPRESSED_MARK : jaNej(c.i_baandet)) : '',
    ]);
  }
  const notes = [
    d.prognosegrundlag,
    'Inden for båndet: det faktiske tal ligger mellem prognosens 10- og 90-procentfraktil (P10-P90), sammenlignet på tal med to decimaler.',
    ...e.samlet.flatMap((s) => {
      const c = s.sammenligning;
      if (!c) return [];
      const parts = [`${noegletalNavn(s.noegletal)}: samlet faktisk tal over ${s.afdelinger_med_tal} af ${s.afdelinger} afdelinger (${tal(s.husstande)} husstande)`];
      if (c.afdelinger !== s.afdelinger_med_tal) parts.push(`sammenlignet med prognosen over de ${c.afdelinger} afdelinger, der har begge dele (faktisk ${c.skjult ? 'skjult' : pct(c.faktisk_pct)})`);
      if (c.baand === 'normaltilnaermelse') parts.push('det samlede bånd er tilnærmet (normalfordeling, afdelingerne uafhængige)');
      return [`${parts.join('; ')}.`];
    }),
    ...e.afdelinger.filter((a) => a.prognose_mangler).map((a) => `Ikke fremskrevet: ${a.afdeling_navn} (${a.prognose_mangler}).`),
  ];
  sections.push({
    sheet: 'Nøgletal og prognose',
    heading: `Nøgletal ${Y} mod prognosen fra aftalens start`,
    paragraphs: notes,
    table: {
      columns: ['Afdeling', 'Nøgletal', year('Startår'), dec('Start %'), dec(`Faktisk ${Y} %`), dec('Forventet %'), dec('P10 %'), dec('P90 %'), 'Inden for båndet'],
      rows: prognoseRows,
      emptyText: 'Aftalen dækker ingen afdelinger.',
    },
  });

  sections.push({
    sheet: 'Trin og redskaber',
    heading: `Trin, redskaber og områdekategorier ${Y}`,
    paragraphs: [
      `Trinnet og redskaberne, der gjaldt for udlejning i ${Y}, med de lovbestemte redskaber fra områdekategorierne på listen pr. 1. december ${d.lister.i_kraft.listeaar} (${LISTEKILDE[d.lister.i_kraft.kilde] ?? d.lister.i_kraft.kilde}). ` +
        `Listen pr. 1. december ${d.lister.aarets.listeaar} (${LISTEKILDE[d.lister.aarets.kilde] ?? d.lister.aarets.kilde}) gælder fra ${d.lister.aarets.listeaar + 1}.`,
    ],
    table: {
      columns: ['Afdeling', 'Boligorganisation', 'Område', `Kategorier (liste ${d.lister.i_kraft.listeaar})`, `Kategorier (liste ${d.lister.aarets.listeaar})`, 'Trin', 'Placering', dec('Kommunal anvisning %', 1), dec('Fleksibel udlejning %', 1), 'Lovbestemte redskaber'],
      rows: e.afdelinger.map((a) => [
        a.afdeling_navn,
        a.boligorganisation_navn,
        a.boligomraade_kode ?? '',
        kategorierTekst(a.kategorier, d.lister.i_kraft.kilde),
        kategorierTekst(a.kategorier_aarets_liste, d.lister.aarets.kilde),
        a.placering?.trin_navn ?? 'ikke placeret',
        !a.placering ? '' : a.placering.manuel ? `manuel: ${a.placering.begrundelse}` : 'beregnet',
        a.redskaber?.kommunal_anvisning_pct ?? null,
        a.redskaber?.fleksibel_udlejning_pct ?? null,
        a.redskaber?.lovbestemte.join('; ') ?? '',
      ]),
    },
  });

  const k = e.kvoter;
  const kvoteRow = (navn: string, trin: string, r: { ledige_familieboliger: number; kommunal_anvisning: number; kvote_anvisning: number | null; afvigelse_anvisning: number | null; saldo_anvisning: number | null; fleksibel_udlejning: number; kvote_fleksibel: number | null; afvigelse_fleksibel: number | null; saldo_fleksibel: number | null }): PdfCellValue[] => [
    navn,
    trin,
    r.ledige_familieboliger,
    r.kommunal_anvisning,
    r.kvote_anvisning,
    r.afvigelse_anvisning,
    r.saldo_anvisning,
    r.fleksibel_udlejning,
    r.kvote_fleksibel,
    r.afvigelse_fleksibel,
    r.saldo_fleksibel,
  ];
  sections.push({
    sheet: 'Kvoteregnskab',
    heading: `Kvoteregnskab ${Y}: kommunal anvisning og fleksibel udlejning`,
    paragraphs: [
      `Kvoten for kommunal anvisning er trinnets andel af de ledige familieboliger (§ 59); kvoten for fleksibel udlejning er andelen af de ledige boliger, der ikke blev anvist (§ 60). Saldoen er summen af afvigelserne fra aftalens første år til og med ${Y}; et år uden kvote afbryder den.`,
    ],
    table: {
      columns: ['Afdeling', 'Trin', int('Ledige familieboliger'), int('Kommunal anvisning'), dec('Kvote anvisning', 1), dec('Afvigelse anvisning', 1), dec('Saldo anvisning', 1), int('Fleksibel udlejning'), dec('Kvote fleksibel', 1), dec('Afvigelse fleksibel', 1), dec('Saldo fleksibel', 1)],
      rows: [...k.afdelinger.map((r) => kvoteRow(r.afdeling_navn, r.trin ?? 'ikke placeret', r)), ...(k.samlet ? [kvoteRow('Hele aftalen', '', k.samlet)] : [])],
      emptyText: `Ingen udlejninger registreret for ${Y}.`,
    },
  });

  sections.push({
    sheet: 'Om beregningen',
    heading: 'Om beregningen',
    paragraphs: [
      `Faktiske tal: afdelingernes nøgletal for ${Y} i registret (intet ældre år træder i stedet). Samlede tal er vægtet med husstandene i ${Y}.`,
      d.prognosegrundlag,
      'Prognosen er en model, ikke en lovregel: fraflytning sker i samme takt hele perioden og uafhængigt af, om husstanden har indikatoren, og hver ledig bolig genudlejes i året (beslutningsnotat 015).',
      'Et mål gældende for alle afdelinger vurderes på aftalens samlede, husstandsvægtede tal; et mål for navngivne afdelinger er opfyldt, når hver af dem opfylder det. Et mål er forfaldent fra sit "senest"-år.',
      ...(anyHidden ? [SUPPRESSION_NOTE] : []),
      ...(d.kommune.demo ? ['Kommunen er en demokommune: alle tal er genererede demodata, ikke virkelige tal.'] : []),
    ],
  });

  return {
    title: `Årlig evaluering ${Y}: ${d.aftale.navn}`,
    subtitle: 'Udlejningsaftalen: faktiske nøgletal mod prognosen og aftalens mål, trin, redskaber og kvoter',
    about: [...aboutLines(d.kommune, d.aftale), ...noegletalKilder(e)],
    sections,
    now: d.now,
  };
}

function noegletalKilder(e: Evaluering): string[] {
  const k = new Map<string, Set<string>>();
  for (const a of e.afdelinger) if (a.noegletal_kilde) (k.get(a.noegletal_kilde.kilde) ?? k.set(a.noegletal_kilde.kilde, new Set()).get(a.noegletal_kilde.kilde)!).add(a.noegletal_kilde.opgjort_pr);
  if (!k.size) return [`Nøgletal for ${e.aar}: ingen i registret.`];
  return [`Nøgletal for ${e.aar}: ${[...k].map(([kilde, d]) => `${kilde}, opgjort pr. ${[...d].sort().map(danishDate).join(', ')}`).join('; ')}`];
}

// ---- the agreement as a document -----------------------------------------------------------------------------

export interface AgreementDoc {
  kommune: Kommune;
  aftale: Aftale;
  /** The covered afdelinger per organisation. */
  parter: { navn: string; afdelinger: number; familieboliger: number }[];
  vurdering: AftaleVurdering | null;
  /** The statutory tools known on the agreement's start date (all categories), or null outside the rules' dates. */
  lovbestemte: LovbestemtRedskab[] | null;
  /** § 59, stk. 1: every n'th vacant family dwelling; § 51 b, stk. 3 thresholds. Null when not in force. */
  lov: { hverNte: number | null; kombineretBeboere: number | null; kombineretPct: number | null };
  bilag: { aar: number; titel: string; indhold: string }[];
  trintabel: {
    aar: number;
    liste: { listeaar: number; kilde: string };
    rows: {
      afdeling_id: number;
      afdeling_navn: string;
      afdelingsnummer: number;
      boligorganisation_navn: string;
      antal_familie: number;
      kategorier: Kategori[];
      noegletal_aar: number | null;
      uden_for_arbejde_pct: number | null;
      skjult: boolean;
      trin_navn: string | null;
      manuel: boolean;
      begrundelse: string;
      kommunal_anvisning_pct: number | null;
      fleksibel_udlejning_pct: number | null;
      lovbestemte: string[];
    }[];
  };
  now: Date;
}

const betingelseTekst = (t: Trappemodel['trin'][number]) =>
  t.betingelser.length === 0
    ? 'ingen betingelser: alle øvrige afdelinger'
    : t.betingelser.map((b) => kravTekst(b)).join(t.kombination === 'mindst_en' ? ' eller ' : ' og ');

export function agreementReport(d: AgreementDoc): ReportDoc {
  const a = d.aftale;
  const sections: ReportSection[] = [];
  sections.push({
    sheet: 'Parter',
    heading: '1. Parter',
    paragraphs: [
      `Aftalen er indgået mellem ${kommuneNavn(d.kommune)} (kommunalbestyrelsen) og ${a.parter.length ? a.parter.map((p) => p.navn).join(', ') : '(ingen boligorganisationer endnu)'} efter almenboligloven §§ 59-60.`,
    ],
    table: { columns: ['Boligorganisation', int('Familieafdelinger'), int('Familieboliger')], rows: d.parter.map((p) => [p.navn, p.afdelinger, p.familieboliger]), emptyText: 'Ingen parter.' },
  });
  const advarsler = d.vurdering?.advarsler ?? [];
  sections.push({
    sheet: 'Periode',
    heading: '2. Periode',
    paragraphs: [
      `Aftalen gælder fra ${datoTekst(a.gyldig_fra)} til og med ${datoTekst(a.gyldig_til)}${d.vurdering ? ` (${d.vurdering.loebetid.aar} år${d.vurdering.loebetid.dage ? ` og ${d.vurdering.loebetid.dage} ${d.vurdering.loebetid.dage === 1 ? 'dag' : 'dage'}` : ''})` : ''}. Status: ${AFTALE_STATUS[a.status]}; version ${a.version}.`,
      `Fleksibel udlejning efter § 60, stk. 1: ${a.fleksibel_udlejning ? 'ja' : 'nej'}.`,
      ...advarsler.map((x) => `Bemærkning (${x.paragraf}): ${x.tekst}`),
    ],
  });
  sections.push({
    sheet: 'Mål',
    heading: '3. Mål',
    paragraphs: [...(a.maal.trim() ? a.maal.split(/\n\s*\n|\n/).map((p) => p.trim()).filter(Boolean) : ['Aftalen har ingen mål i fritekst.']), 'De målbare mål følges op i den årlige evaluering.'],
    table: {
      columns: ['Nr.', 'Mål', 'Krav', year('Senest'), 'Gælder'],
      rows: a.maalsaetninger.map((m, i) => [
        String(i + 1),
        m.tekst,
        kravTekst(m),
        m.senest_aar,
        m.gaelder === 'alle_afdelinger' ? 'alle afdelinger samlet (husstandsvægtet)' : m.gaelder.map((id) => d.trintabel.rows.find((r) => r.afdeling_id === id)?.afdeling_navn ?? `afdeling ${id}`).join(', '),
      ]),
      emptyText: 'Aftalen har ingen målbare mål.',
    },
  });
  const s = a.samarbejde;
  sections.push({
    sheet: 'Samarbejde',
    heading: '4. Samarbejde',
    paragraphs: [
      `Politisk møde: ${s.politisk_moede?.trim() || 'ikke aftalt'}.`,
      `Embedsmandsgruppe: ${s.embedsmandsgruppe?.trim() || 'ikke aftalt'}.`,
      `Mødedatoer: ${s.moededatoer?.length ? [...s.moededatoer].sort().map(datoTekst).join(', ') : 'ingen fastsat'}.`,
      'Aftalen evalueres hvert år på det politiske møde ud fra den årlige evaluering (nøgletal mod prognose og mål, trin og kvoter).',
    ],
  });
  const m = a.trappemodel;
  sections.push({
    sheet: 'Trappemodel',
    heading: `5. Trappemodellen: ${m.navn}`,
    paragraphs: [
      'Hver afdeling placeres hvert år på det første trin, hvis betingelser dens nøgletal for året før opfylder (trinnene står fra de mest til de mindst udsatte). Kommunen kan placere en afdeling manuelt med en begrundelse.',
      ...m.trin.flatMap((t, i) => (t.grundlag?.length ? [`Trin ${i + 1} (${t.navn}), grundlag: ${t.grundlag.join('; ')}.`] : [])),
    ],
    table: {
      columns: ['Trin', 'Betingelser', dec('Kommunal anvisning %', 1), 'Fleksibel udlejning', 'Kriterier', 'Kombineret udlejning'],
      rows: m.trin.map((t, i) => [
        `${i + 1}. ${t.navn}`,
        betingelseTekst(t),
        t.redskaber.kommunalAnvisningPct,
        t.redskaber.fleksibelUdlejning.aktiv ? `${tal(t.redskaber.fleksibelUdlejning.andelPct)} % af de ikke anviste` : 'nej',
        t.redskaber.fleksibelUdlejning.aktiv ? t.redskaber.fleksibelUdlejning.kriterier.map((k) => k.beskrivelse).join('; ') : '',
        t.redskaber.kombineretUdlejning ? 'ja' : 'nej',
      ]),
    },
  });
  const hver = d.lov.hverNte;
  const redskaber: PdfCellValue[][] = [
    [
      'Kommunal anvisning',
      'ABL § 59, stk. 1-2',
      'nej: aftales',
      `Kommunen råder over en aftalt andel af de ledige familieboliger${hver ? `; uden aftale kan kommunalbestyrelsen beslutte op til hver ${hver}. ledige familiebolig (§ 59, stk. 1)` : ''}.`,
    ],
    [
      'Fleksibel udlejning',
      'ABL § 60, stk. 1 (stk. 4)',
      'ja i udsatte boligområder og forebyggelsesområder (§ 60, stk. 4); ellers aftales',
      'Udlejning efter særlige kriterier (beskæftigelse, uddannelse m.m.) forud for ventelisten.',
    ],
    [
      'Kombineret udlejning',
      'ABL § 51 b',
      'nej: kommunalbestyrelsens beslutning',
      `Kun i områder med ${d.lov.kombineretBeboere ? `mindst ${tal(d.lov.kombineretBeboere)} beboere` : 'et mindste antal beboere'} og ${d.lov.kombineretPct ? `mindst ${tal(d.lov.kombineretPct)} %` : 'en mindste andel'} uden for arbejdsmarkedet (§ 51 b, stk. 3).`,
    ],
    ...(d.lovbestemte ?? []).map((l) => [
      l.titel,
      `ABL ${l.paragraf}`,
      `ja (${l.virkning === 'paabud' ? 'påbud' : 'forbud'}), i ${kategorierTekst(l.udloestAf)}; kan ikke ændres ved aftale`,
      l.aftaleKanAendre.length ? `Aftalen kan fastsætte: ${l.aftaleKanAendre.join('; ')}.` : 'Aftalen kan ikke ændre noget.',
    ]),
  ];
  sections.push({
    sheet: 'Redskaber og hjemmel',
    heading: '6. Redskaberne og deres hjemmel',
    paragraphs: [
      `Almenboligloven (LBK nr. 1171 af 11/11/2024). De lovbestemte redskaber gælder af sig selv i de områder, der står på listen pr. 1. december året før; de er vist, som de gælder ${datoTekst(a.gyldig_fra)}.`,
      ...(d.lovbestemte === null ? ['Reglerne for de lovbestemte redskaber er ikke kendt for aftalens startdato.'] : []),
    ],
    table: { columns: ['Redskab', 'Hjemmel', 'Lovbestemt', 'Indhold'], rows: redskaber },
  });
  sections.push({
    sheet: 'Bilag',
    heading: '7. Bilag',
    paragraphs: [
      ...d.bilag.flatMap((b, i) => [`Bilag ${i + 1} (${b.aar}): ${b.titel}`, ...(b.indhold.trim() ? b.indhold.split(/\n+/).map((x) => x.trim()).filter(Boolean) : [])]),
      `Bilag ${d.bilag.length + 1}: trintabellen for ${d.trintabel.aar} (nedenfor).`,
    ],
  });
  const t = d.trintabel;
  sections.push({
    sheet: `Trintabel ${t.aar}`,
    heading: `Bilag ${d.bilag.length + 1}: trintabel for udlejning i ${t.aar}`,
    paragraphs: [
      `Alle familieafdelinger, som aftalen dækker, med trinnet for udlejning i ${t.aar} ud fra nøgletallene til og med ${t.aar - 1}, områdekategorierne fra listen pr. 1. december ${t.liste.listeaar} (${LISTEKILDE[t.liste.kilde] ?? t.liste.kilde}) og de redskaber, der følger af trinnet og loven.`,
      ...(t.rows.some((r) => r.skjult) ? [SUPPRESSION_NOTE] : []),
    ],
    table: {
      columns: ['Afdeling', 'Boligorganisation', int('Familieboliger'), 'Kategorier', year('Nøgletal fra'), dec('Uden for arbejde %'), 'Trin', 'Placering', dec('Kommunal anvisning %', 1), dec('Fleksibel udlejning %', 1), 'Lovbestemte redskaber'],
      rows: t.rows.map((r) => [
        `${r.afdeling_navn} (${r.afdelingsnummer})`,
        r.boligorganisation_navn,
        r.antal_familie,
        kategorierTekst(r.kategorier, t.liste.kilde),
        r.noegletal_aar,
        r.skjult ? SUPPRESSED_MARK : r.uden_for_arbejde_pct,
        r.trin_navn ?? 'ikke placeret',
        r.trin_navn === null ? '' : r.manuel ? `manuel: ${r.begrundelse}` : 'beregnet',
        r.kommunal_anvisning_pct,
        r.fleksibel_udlejning_pct,
        r.lovbestemte.join('; '),
      ]),
      emptyText: 'Aftalen dækker ingen familieafdelinger.',
    },
  });
  return {
    title: a.navn,
    subtitle: `Udlejningsaftale mellem ${kommuneNavn(d.kommune)} og ${a.parter.length ? a.parter.map((p) => p.navn).join(', ') : 'boligorganisationerne'}`,
    about: aboutLines(d.kommune, a),
    sections,
    now: d.now,
  };
}

// ---- writers -------------------------------------------------------------------------------------------------

export function reportPdf(r: ReportDoc): Promise<Buffer> {
  return renderDocumentPdf({ title: r.title, subtitle: r.subtitle, about: r.about, now: r.now, sections: r.sections.map(({ heading, paragraphs, table }) => ({ heading, paragraphs, table })) });
}

/** One sheet per section: heading, paragraphs, then the table with typed, Danish-formatted columns. */
export async function reportXlsx(r: ReportDoc): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Almen';
  wb.created = r.now;
  const used = new Set<string>();
  r.sections.forEach((s, si) => {
    let name = s.sheet.replace(/[\\/*?:[\]]/g, ' ').slice(0, 31);
    if (used.has(name)) name = `${name.slice(0, 28)} ${si + 1}`;
    used.add(name);
    const ws = wb.addWorksheet(name);
    if (si === 0) {
      ws.addRow([r.title]).font = { bold: true, size: 14 };
      if (r.subtitle) ws.addRow([r.subtitle]);
      for (const line of r.about) ws.addRow([line]);
      ws.addRow([`Dannet ${danishDateTime(r.now, 'long')}`]);
      ws.addRow([]);
    }
    if (s.heading) ws.addRow([s.heading]).font = { bold: true, size: 12 };
    for (const p of s.paragraphs ?? []) ws.addRow([p]);
    if (s.table) {
      ws.addRow([]);
      const cols = s.table.columns.map((c) => (typeof c === 'string' ? { header: c } : c));
      ws.addRow(cols.map((c) => c.header)).font = { bold: true };
      for (const row of s.table.rows) {
        const added = ws.addRow(row.map((v) => (v === undefined ? null : v)));
        cols.forEach((c, i) => {
          if (typeof row[i] !== 'number') return;
          const g = groupsThousands(c) ? '#,##0' : '0';
          const fmt = c.type === 'decimal' ? (c.decimals === 0 ? g : `${g}.${'0'.repeat(c.decimals ?? 2)}`) : c.type === 'int' ? g : undefined;
          if (fmt) added.getCell(i + 1).numFmt = fmt;
        });
      }
      cols.forEach((c, i) => (ws.getColumn(i + 1).width = Math.min(60, Math.max(10, c.header.length + 2))));
    }
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
