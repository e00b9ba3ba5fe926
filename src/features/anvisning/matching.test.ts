// Candidates on both sides of the end of the known boligstøtte satser (decision 021): on 31 December 2026 the 2026
// satser without a note; in 2027 the same net rent with the note; from 2028 (beyond the product setting) and before
// 2026 "ikke afgjort" with the reason.
import { describe, expect, it } from 'vitest';
import { loadLaw } from '../../law/params.ts';
import type { Husstand } from '../../rules/anvisning.ts';
import { rankCandidates, type CaseForMatching, type VacancyForMatching } from './matching.ts';

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
