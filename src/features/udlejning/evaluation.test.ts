import { describe, it, expect } from 'vitest';
import { evaluate, type EvaluationAfdelingInput, type EvaluationInput, type Maalsaetning } from './evaluation.ts';

const rules = { minCount: 5, minHouseholds: 20 };

function afd(id: number, husstande: number | null, pct: number | null, forecast: { enheder: number; forventet: number; p10: number; p90: number } | null): EvaluationAfdelingInput {
  return {
    afdeling_id: id,
    afdeling_navn: `Afd ${id}`,
    afdelingsnummer: id,
    boligorganisation_navn: 'Org',
    boligomraade_kode: null,
    antal_familie: husstande ?? 0,
    aaretsTal: pct === null && husstande === null ? null : { husstande, figures: { uden_for_arbejde_pct: pct }, kilde: 'Test', opgjort_pr: '2024-12-31' },
    prognose: forecast
      ? { startaar: 2023, enheder: forecast.enheder, indikatorer: [{ navn: 'uden_for_arbejde_pct', startPct: 40, forventetPct: forecast.forventet, p10Pct: forecast.p10, p90Pct: forecast.p90 }] }
      : { mangler: 'ingen nøgletal til og med 2023' },
    placering: null,
    redskaber: null,
    kategorier: [],
    kategorier_aarets_liste: [],
  };
}
const goal = (over: Partial<Maalsaetning>): Maalsaetning => ({ tekst: 'Mål', noegletal: 'uden_for_arbejde_pct', operator: '<', vaerdi: 40, senest_aar: 2024, gaelder: 'alle_afdelinger', ...over });
const input = (afdelinger: EvaluationAfdelingInput[], maalsaetninger: Maalsaetning[] = [], aar = 2024): EvaluationInput => ({ aar, startaar: 2024, maalsaetninger, afdelinger, kvoter: { afdelinger: [], samlet: null } });

describe('yearly evaluation', () => {
  it('judges goals at their boundaries: due from senest_aar, "under" strict and "højst" not, every named afdeling must meet it', () => {
    const a = [afd(1, 100, 30, null), afd(2, 50, 45, null), afd(3, 40, null, null)];
    const e = evaluate(
      input(a, [
        goal({ operator: '<', vaerdi: 35, senest_aar: 2024 }), // overall (3000 + 2250) / 150 = 35: not under 35
        goal({ operator: '<=', vaerdi: 35, senest_aar: 2024 }),
        goal({ operator: '<=', vaerdi: 35, senest_aar: 2025 }), // not yet due, though met
        goal({ gaelder: [1, 2], senest_aar: 2023 }), // due since 2023; Afd 2 at 45 decides
        goal({ gaelder: [1, 3] }), // Afd 3 has no figure: open
        goal({ noegletal: 'kun_grundskole_pct' }),
      ]),
      rules,
    );
    expect(e.maal.map((m) => m.status)).toEqual(['ikke_opfyldt', 'opfyldt', 'ikke_forfalden', 'ikke_opfyldt', 'intet_tal', 'intet_tal']);
    expect(e.maal[0].vaerdi).toBe(35);
    expect(e.maal[2]).toMatchObject({ opfyldt: true });
    expect(e.maal[3].afdelinger.map((x) => x.opfyldt)).toEqual([true, false]);
    expect(e.maal[4].afdelinger.map((x) => x.opfyldt)).toEqual([true, null]);
    expect(e.samlet[0]).toMatchObject({ faktisk_pct: 35, afdelinger_med_tal: 2, afdelinger: 3, husstande: 150 });
    expect(e.sammenfatning[0]).toBe('Aftalens 6 målbare mål i 2024: 1 opfyldt, 2 ikke opfyldt, 1 ikke forfaldent endnu, 2 intet tal.');
  });

  it('compares with the band: one afdeling gives its own band, several a normal approximation', () => {
    const one = evaluate(input([afd(1, 100, 30, { enheder: 100, forventet: 31, p10: 30, p90: 32 })]), rules);
    expect(one.afdelinger[0].indikatorer[0]).toMatchObject({ faktisk_pct: 30, forventet_pct: 31, p10_pct: 30, p90_pct: 32, i_baandet: true });
    expect(one.samlet[0].sammenligning).toMatchObject({ faktisk_pct: 30, forventet_pct: 31, p10_pct: 30, p90_pct: 32, i_baandet: true, baand: 'afdelingens' });
    const two = evaluate(input([afd(1, 100, 30, { enheder: 100, forventet: 31, p10: 30, p90: 32 }), afd(2, 100, 40, { enheder: 100, forventet: 41, p10: 40, p90: 42 })]), rules);
    const c = two.samlet[0].sammenligning!;
    // sd of each = 2 / (2 x 1,2816); of the mean of two equal weights: sd / sqrt(2); band = 36 +- 1 / sqrt(2).
    expect(c).toMatchObject({ faktisk_pct: 35, forventet_pct: 36, baand: 'normaltilnaermelse', i_baandet: false });
    expect(c.p10_pct).toBeCloseTo(36 - Math.SQRT1_2, 2);
    expect(c.p90_pct).toBeCloseTo(36 + Math.SQRT1_2, 2);
  });

  it('hides small afdelinger\' rates with complementary suppression, and a comparison that would reveal them by difference', () => {
    const e = evaluate(
      input(
        [afd(1, 100, 30, { enheder: 100, forventet: 31, p10: 29, p90: 33 }), afd(2, 60, 50, { enheder: 60, forventet: 49, p10: 47, p90: 51 }), afd(3, 10, 40, { enheder: 10, forventet: 40, p10: 30, p90: 50 })],
        [goal({ gaelder: [3], vaerdi: 50 }), goal({ gaelder: [1, 3], vaerdi: 35 }), goal({ operator: '<=', vaerdi: 40 })],
      ),
      rules,
    );
    const [a1, a2, a3] = e.afdelinger;
    // Afd 3 has 10 households: its rate and its forecast are hidden. The overall of all three is published, so a
    // second figure is hidden (the smallest, Afd 2); the overall of those with a forecast (Afd 1 and 2) then hides Afd 1.
    expect(a3.skjult).toEqual(['uden_for_arbejde_pct', 'prognose']);
    expect(a3.indikatorer[0]).toMatchObject({ faktisk_pct: null, forventet_pct: null, i_baandet: null });
    expect(a2.skjult).toEqual(['uden_for_arbejde_pct']);
    expect(a1.skjult).toEqual(['uden_for_arbejde_pct']);
    expect(a1.indikatorer[0]).toMatchObject({ faktisk_pct: null, forventet_pct: 31, i_baandet: null });
    // The overall of all (170 households) is shown; the comparison over Afd 1 and 2 would give Afd 3 by difference.
    expect(e.samlet[0]).toMatchObject({ faktisk_pct: 37.65, skjult: false });
    expect(e.samlet[0].sammenligning).toMatchObject({ skjult: true, faktisk_pct: null, i_baandet: null });
    expect(e.maal.map((m) => m.status)).toEqual(['skjult', 'skjult', 'opfyldt']);
    expect(e.maal[0].forklaring).toContain('skjult');

    // Without the small afdeling nothing is hidden.
    const big = evaluate(input([afd(1, 100, 30, { enheder: 100, forventet: 31, p10: 29, p90: 33 }), afd(4, 30, 20, null)]), rules);
    expect(big.afdelinger.flatMap((a) => a.skjult)).toEqual([]);
    expect(big.samlet[0].sammenligning).toMatchObject({ afdelinger: 1, faktisk_pct: 30, skjult: false });
  });
});
