// Candidates on both sides of the end of the known boligstøtte satser (decision 021): on 31 December 2026 the 2026
// satser without a note; in 2027 the same net rent with the note; from 2028 (beyond the product setting) and before
// 2026 "ikke afgjort" with the reason.
import { describe, expect, it } from 'vitest';
import { loadLaw } from '../../law/params.ts';
import type { Husstand } from '../../rules/anvisning.ts';
import { judgePair, rankCandidates, rankVacancies, type CaseForMatching, type VacancyForMatching, type VacancyToRank } from './matching.ts';

const law = loadLaw();
const husstand: Husstand = {
  husstandsindkomstAar: 150000,
  medlemmer: [{ id: 'a', rolle: 'ansoeger', alder: 40, euEoesSchweiz: true, studerende: false, loesladelser: [], lejemaalOphaevet: [], ydelser: { oplystFra: '2023-01', oplystTil: '2028-12', maaneder: [] } }],
};
const sag: CaseForMatching = { id: 1, navn: 'Anna', maalgruppe: 'hjemløse', prioritet: 1, ansoegt_dato: '2025-01-01', antal_personer: 1, vaerelser_min: null, vaerelser_max: null, tilgaengelig_behov: false, husstand };
const bolig = (dato: string): VacancyForMatching => ({ vaerelser: 2, areal_m2: 50, husleje_maaned: 4000, tilgaengelig: false, kategorier: [], dato });
const NOTE = 'Skønnet med 2026-satserne; satserne for 2027 er ikke indlæst i Almen.';

describe('rankCandidates and the boligstøtte satser (decision 021)', () => {
  it('31 December 2026: egnet, net rent with the 2026 satser, no note', () => {
    const [k] = rankCandidates(bolig('2026-12-31'), [sag], law);
    // boligsikring 7.200/yr = 600/md (anvisning.cases.yaml): 4.000 − 600 = 3.400; 30 % of 12.500 = 3.750.
    expect(k).toMatchObject({ vurdering: 'egnet', netto_husleje: 3400, max_netto_husleje: 3750, boligstoette_note: null, grunde: [] });
  });
  it('1 January 2027: the same estimate with the 2026 satser, and the note says so', () => {
    const [k] = rankCandidates(bolig('2027-01-01'), [sag], law);
    expect(k).toMatchObject({ vurdering: 'egnet', rang: 1, netto_husleje: 3400, max_netto_husleje: 3750, boligstoette_note: NOTE, grunde: [] });
    expect(rankCandidates(bolig('2027-12-31'), [sag], law)[0]).toMatchObject({ vurdering: 'egnet', netto_husleje: 3400, boligstoette_note: NOTE });
  });
  it('1 January 2028 (beyond boligstoette_skoen_max_aar_efter_satser): ikke afgjort, with the reason', () => {
    const [k] = rankCandidates(bolig('2028-01-01'), [sag], law);
    expect(k).toMatchObject({ vurdering: 'ikke_afgjort', netto_husleje: null, boligstoette_note: null, rang: null });
    expect(k.grunde.map((g) => g.tekst).join('\n')).toMatch(/Boligstøttesatserne for 2028 er ikke indlæst i Almen.*seneste kendte er fra 2026.*kan ikke skønnes/);
  });
  it('before the first known satser (31 December 2025): ikke afgjort, naming the parameter', () => {
    const [k] = rankCandidates(bolig('2025-12-31'), [sag], law);
    expect(k).toMatchObject({ vurdering: 'ikke_afgjort', netto_husleje: null, boligstoette_note: null });
    expect(k.grunde.map((g) => g.tekst).join('\n')).toMatch(/Ingen gældende regler for datoen: .*boligydelse_indkomstgraense_kr.*2025-12-31/);
  });
});

describe('rankVacancies: the dwellings for one case, judged as the candidates are', () => {
  const v = (id: number, over: Partial<VacancyToRank>): VacancyToRank => ({ ...bolig('2026-12-10'), id, ledig_fra: '2027-01-01', svarfrist: '2026-12-15', ...over });
  const released = { ...sag, husstand: { ...husstand, medlemmer: [{ ...husstand.medlemmer[0], loesladelser: [{ dato: '2026-10-01', fra: 'faengsel' as const }] }] } };
  const boliger = [
    v(1, { svarfrist: '2027-01-15', husleje_maaned: 3900 }),
    v(2, { kategorier: ['udsat'] }), // § 59, stk. 6, nr. 1 for a release within 6 months
    v(3, { husleje_maaned: 3950 }),
    v(4, { husleje_maaned: 3800 }),
    v(5, { husleje_maaned: 9000 }),
    v(6, { dato: '2028-01-01' }), // beyond the known boligstøtte satser: ikke afgjort
    v(7, { vaerelser: 1 }),
  ];
  it('fitting first (earliest svarfrist, then ledig_fra, then lowest net rent), then ikke afgjort, then excluded with reasons (in the same order)', () => {
    const out = rankVacancies({ ...released, vaerelser_min: 2 }, boliger, law);
    expect(out.map((x) => [x.id, x.vurdering, x.rang])).toEqual([
      [4, 'egnet', 1],
      [3, 'egnet', 2],
      [1, 'egnet', 3],
      [6, 'ikke_afgjort', null],
      [2, 'udelukket', null],
      [7, 'udelukket', null],
      [5, 'udelukket', null],
    ]);
    const by = Object.fromEntries(out.map((x) => [x.id, x]));
    expect(by[2].grunde).toEqual([{ slags: 'lov', paragraf: '§ 59, stk. 6', tekst: expect.stringMatching(/^Ansøger er løsladt efter afsoning af dom for et strafbart forhold 1. oktober 2026, inden for de seneste 6 måneder/) }]);
    expect(by[5].grunde.map((g) => g.slags)).toEqual(['betalingsevne']);
    expect(by[7].grunde[0]).toMatchObject({ slags: 'behov', tekst: 'For få værelser: 1, behov mindst 2.' });
    // boligsikring capped at 15 % of the yearly rent (no children): 15 % × 45.600 = 6.840/yr = 570/md.
    expect(by[4]).toMatchObject({ husleje_maaned: 3800, netto_husleje: 3230, max_netto_husleje: 3750, boligstoette_note: null });
  });
  it('one judgment of a pair: each dwelling is judged exactly as the candidate list judges the case for it', () => {
    for (const b of boliger) {
      const [k] = rankCandidates(b, [released], law, 25);
      const { ansoeger_id: _i, navn: _n, maalgruppe: _m, prioritet: _p, ansoegt_dato: _a, rang: _r, ...judged } = k;
      expect(judged).toEqual(judgePair(released, b, law, 25));
      const x = rankVacancies(released, [b], law, 25)[0];
      expect({ vurdering: x.vurdering, grunde: x.grunde, netto_husleje: x.netto_husleje, max_netto_husleje: x.max_netto_husleje, boligstoette_note: x.boligstoette_note }).toEqual(judged);
    }
  });
  it('a case without household facts: every dwelling ikke afgjort, none ranked', () => {
    const out = rankVacancies({ ...sag, husstand: null }, boliger.slice(0, 2), law);
    expect(out.map((x) => [x.vurdering, x.rang])).toEqual([['ikke_afgjort', null], ['ikke_afgjort', null]]);
    expect(out[0].grunde[0].tekst).toBe('Sagens husstandsoplysninger er ikke udfyldt.');
  });
});
