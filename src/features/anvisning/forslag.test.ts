import { describe, expect, it } from 'vitest';
import { loadLaw } from '../../law/params.ts';
import { DomainError } from '../../errors.ts';
import { batchAssign } from './batch.ts';
import { initialer, proposeAssignment } from './forslag.ts';
import type { Ledig } from './ledige.ts';
import type { CaseForMatching } from './matching.ts';

const params = loadLaw();
const DATO = '2026-02-15';
const member = { id: 'a', rolle: 'ansoeger', foedselsdato: '1990-01-01', euEoesSchweiz: true, studerende: false, loesladelser: [], lejemaalOphaevet: [], ydelser: { oplystFra: '2025-01', oplystTil: '2026-02', maaneder: [] } };
const sag = (id: number, navn: string | null, over: Partial<CaseForMatching> = {}): CaseForMatching => ({
  id,
  navn,
  maalgruppe: 'hjemløse',
  prioritet: 2,
  ansoegt_dato: '2025-06-01',
  antal_personer: 1,
  vaerelser_min: 1,
  vaerelser_max: 3,
  tilgaengelig_behov: false,
  husstand: { medlemmer: [member], husstandsindkomstAar: 300000 } as CaseForMatching['husstand'],
  ...over,
});
const bolig = (id: number, adresse: string, over: Partial<Ledig> = {}): Ledig & { kategorier: [] } => ({
  id,
  kommunekode: '0260',
  afdeling_id: 1,
  afdeling_navn: 'Engparken',
  boligorganisation_id: 1,
  boligorganisation_navn: 'Boligselskabet',
  adresse,
  vaerelser: 2,
  areal_m2: 60,
  husleje_maaned: 4000,
  tilgaengelig: false,
  ledig_fra: '2026-03-01',
  svarfrist: '2026-02-28',
  status: 'tilbudt',
  retur_grund: null,
  retur_tekst: null,
  tilbudt_at: '2026-01-01',
  tilbudt_af: 'org',
  besluttet_at: null,
  besluttet_af: null,
  kategorier: [],
  ...over,
});

// Ids that the rules' texts could otherwise contain (1, 2) and ids whose string order differs from their number order (9, 10).
const cases = [sag(1, 'Egnet Eriksen', { prioritet: 1 }), sag(2, 'Anne-Marie Holm'), sag(10, 'Tom Thomsen'), sag(9, null, { vaerelser_min: 4, vaerelser_max: 5 })];
const ledige = [bolig(2, 'Strandvej 4, 1. th.'), bolig(10, 'Strandvej 6', { husleje_maaned: 4100 }), bolig(1, 'Parkvej 1', { vaerelser: 5, areal_m2: 130, husleje_maaned: 12500 })];

describe('the batch proposal as the caseworker reads it', () => {
  it('masks names to initials', () => {
    expect(initialer('Egnet Eriksen')).toBe('E.E.');
    expect(initialer('anne-marie  holm')).toBe('A.M.H.');
    expect(initialer('Øjvind Ærø')).toBe('Ø.Æ.');
    expect(initialer(null)).toBeNull();
    expect(initialer('  ')).toBeNull();
  });

  it('decides as the rules do on the ids themselves; only the names in the reasons differ', async () => {
    const raw = await batchAssign(DATO, cases, ledige, params);
    const f = await proposeAssignment(DATO, cases, ledige, params);
    expect(f.antalHuset).toBe(raw.antalHuset);
    expect(f.antalHuset).toBe(2);
    expect(f.tildelinger.map((p) => [p.ledighedId, p.ansoegerId, p.behovsmatch])).toEqual(raw.tildelinger.map((p) => [p.ledighedId, p.ansoegerId, p.behovsmatch]));
    expect(f.ledigheder.map((d) => [d.ledighedId, d.udfald, d.egnede])).toEqual(raw.ledigheder.map((d) => [d.ledighedId, d.udfald, d.egnede]));
    expect(f.ansoegere.map((d) => [d.ansoegerId, d.udfald, d.rang])).toEqual(raw.ansoegere.map((d) => [d.ansoegerId, d.udfald, d.rang]));
  });

  it('names every case by number and initials and every dwelling by address and afdeling, and keeps the ids as fields', async () => {
    const f = await proposeAssignment(DATO, cases, ledige, params);
    const first = f.ledigheder.find((d) => d.udfald === 'tildelt' && d.ansoegerId === '1')!;
    expect(first).toMatchObject({ sag: { ansoeger_id: 1, navn: 'E.E.', betegnelse: 'sag nr. 1, E.E.' }, bolig: { adresse: expect.any(String), afdeling_navn: 'Engparken' } });
    expect(first.begrundelse).toMatch(/^Tildelt sag nr\. 1, E\.E\. \(prioritet 1, /);
    const housed = f.ansoegere.find((d) => d.ansoegerId === '1')!;
    expect(housed.udfald).toBe('huset');
    if (housed.udfald !== 'huset') return;
    expect(housed.bolig).toEqual({ anvisningsbolig_id: Number(housed.ledighedId), adresse: expect.stringMatching(/^Strandvej/), afdeling_navn: 'Engparken', betegnelse: expect.stringMatching(/^Strandvej .* \(Engparken\)$/) });
    // The afdeling is named once: the rules already give it beside the rooms and rent.
    expect(housed.begrundelse).toMatch(new RegExp(`^Tildelt ${housed.bolig!.adresse.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(2 vær\\., 60 m², 4\\.[01]00 kr\\./md\\., Engparken\\): prioritet 1`));
    // The anonymised case has a number only.
    expect(f.ansoegere.find((d) => d.ansoegerId === '9')!.sag).toEqual({ ansoeger_id: 9, navn: null, betegnelse: 'sag nr. 9' });
    // Every decision carries its labels; no reason names a bare id where the rules would put one.
    for (const d of f.ledigheder) expect(d.begrundelse).not.toMatch(/Tildelt \d+ \(|; \d+ havde den højeste rang/);
    for (const d of f.ansoegere) expect(d.begrundelse).not.toMatch(/Tildelt \d+ \(/);
    expect(JSON.stringify(f)).not.toMatch(/[78]\d{9}/); // no alias leaks
    expect(JSON.stringify(f)).not.toContain('Eriksen');
  });

  it("the rules' validation errors name the case, not an alias", async () => {
    const twice = [sag(5, 'Egnet Eriksen'), sag(5, 'Egnet Eriksen')];
    try {
      await proposeAssignment(DATO, twice, ledige, params);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(DomainError);
      expect(JSON.stringify(err)).not.toMatch(/[78]\d{9}/);
      expect((err as DomainError).message).not.toMatch(/[78]\d{9}/);
    }
  });
});
