// Invented, Danish-sounding names for organisations, afdelinger and streets. Built from nature words so
// they read naturally ("Kildeparken", "Boligselskabet Engbo") without naming real organisations.
import type { Rng } from './random.ts';

const STEMS = [
  'Kilde', 'Eng', 'Sø', 'Skov', 'Linde', 'Bøge', 'Ege', 'Mose', 'Bakke', 'Lyng', 'Hylde', 'Rønne', 'Hassel',
  'Aske', 'Birke', 'Elme', 'Kær', 'Mølle', 'Toft', 'Vang', 'Ager', 'Hede', 'Lunde', 'Tjørne', 'Pile',
  'Kastanje', 'Valmue', 'Kløver', 'Syrene', 'Hvede', 'Rug', 'Havre', 'Lærke', 'Svale', 'Vibe', 'Stære',
  'Drossel', 'Humle', 'Krokus', 'Rose', 'Enebær', 'Hvidtjørn', 'Brombær', 'Anemone', 'Fiol', 'Solbær',
] as const;
const AFDELING_SUFFIXES = ['parken', 'haven', 'gården', 'vænget', 'toften', 'høj', 'lund', 'huse', 'vang', 'engen', 'bakken', 'ly'];
const STREET_SUFFIXES = ['vej', 'gade', 'allé', 'vænge', 'stien', 'toften', 'parken', 'høj', 'vang'];
const ROMAN = ['II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];

/** Hands out names that are unique within one book (one municipality, or the country for organisations). */
export class NameBook {
  private used = new Set<string>();
  constructor(private rng: Rng) {}

  stem(): string {
    return this.rng.pick(STEMS);
  }

  /** A fresh name from `make`; after a few collisions it numbers the name the Danish way ("Kildeparken II"). */
  unique(make: () => string): string {
    let name = make();
    for (let i = 0; i < 8 && this.used.has(name); i++) name = make();
    if (this.used.has(name)) {
      const base = name;
      for (const r of ROMAN) if (!this.used.has((name = `${base} ${r}`))) break;
      for (let n = 11; this.used.has(name); n++) name = `${base} ${n}`;
    }
    this.used.add(name);
    return name;
  }

  afdeling(kind: 'familie' | 'ungdom' | 'aeldre' | 'pleje'): { navn: string; stem: string } {
    let stem = '';
    const navn = this.unique(() => {
      stem = this.stem();
      const base = stem + this.rng.pick(AFDELING_SUFFIXES);
      if (kind === 'ungdom') return this.rng.chance(0.5) ? `Kollegiet ${base}` : `Ungdomsboligerne ${base}`;
      if (kind === 'aeldre') return this.rng.chance(0.5) ? `Ældreboligerne ${base}` : `Seniorbo ${base}`;
      if (kind === 'pleje') return `Plejeboligerne ${base}`;
      return base;
    });
    return { navn, stem };
  }

  organisation(form: string): string {
    return this.unique(() => {
      const stem = this.stem();
      if (form === 'selvejende almen boliginstitution') return `Den selvejende institution ${stem}${this.rng.pick(AFDELING_SUFFIXES)}`;
      return this.rng.pick([
        `Boligselskabet ${stem}bo`,
        `Boligforeningen ${stem}${this.rng.pick(AFDELING_SUFFIXES)}`,
        `${stem}bo Boligforening`,
        `Almene Boliger ${stem}${this.rng.pick(AFDELING_SUFFIXES)}`,
      ]);
    });
  }

  administration(): string {
    return this.unique(() => `${this.stem()}${this.rng.pick(['bo', 'gården', 'huset'])} Boligadministration`);
  }

  /** Street names for an afdeling: the first follows its own name ("Kildeparken" on "Kildevej"). */
  streets(stem: string, count: number): string[] {
    const out = [stem + this.rng.pick(STREET_SUFFIXES)];
    while (out.length < count) {
      const s = this.stem() + this.rng.pick(STREET_SUFFIXES);
      if (!out.includes(s)) out.push(s);
    }
    return out;
  }
}

/**
 * A clearly fictional CVR number: 8 digits starting 99 and passing the modulus-11 check (weights
 * 2,7,6,5,4,3,2,1), so strict validators accept it while no one mistakes it for a real organisation.
 */
export function fakeCvr(n: number): string {
  const weights = [2, 7, 6, 5, 4, 3, 2];
  for (let k = n * 3; ; k++) {
    const body = `99${String(k % 100000).padStart(5, '0')}`;
    const sum = body.split('').reduce((s, d, i) => s + Number(d) * weights[i], 0);
    const check = (11 - (sum % 11)) % 11;
    if (check < 10) return body + check;
  }
}
