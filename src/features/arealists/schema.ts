// Response schemas of the area-list routes (OpenAPI and serialisation).
import { z } from 'zod';

export const kategori = z.enum(['udsat', 'parallelsamfund', 'omdannelsesomraade', 'forebyggelsesomraade']);

export const kriterium = z.object({
  id: z.string(),
  paragraf: z.string(),
  beskrivelse: z.string(),
  vaerdi: z.number(),
  taerskel: z.number(),
  operator: z.enum(['>', '>=', '<']),
  opfyldt: z.boolean(),
  margin: z.number(),
  taerskelGrundlag: z.string().optional(),
});
const gruppe = z.object({ kriterier: z.array(kriterium), antalOpfyldt: z.number(), kraevet: z.number(), opfyldt: z.boolean() });

export const klassifikation = z.object({
  listeaar: z.number(),
  listedato: z.string(),
  omraade_kode: z.string(),
  omraade_navn: z.string(),
  kommunekode: z.number(),
  regel: z.enum(['ghettoliste-2013', 'abl-61a-2018']),
  udenEtniskKriterium: z.boolean(),
  beboere: kriterium,
  ghettoomraade2013: gruppe.extend({ ikkevestlige: kriterium.nullable() }).nullable(),
  udsat: gruppe.nullable(),
  parallelsamfund: z.object({ ikkevestlige: kriterium.nullable(), opfyldt: z.boolean() }).nullable(),
  omdannelse: z
    .object({ aarKraevet: z.number(), sammenhaengendeAar: z.number(), historikForKort: z.boolean(), opfyldt: z.boolean().nullable() })
    .nullable(),
  forebyggelse: gruppe.extend({ ikkevestlige: kriterium.nullable(), opfyldtIalt: z.boolean() }).nullable(),
  kategorier: z.array(kategori),
  parametre: z.array(
    z.object({ navn: z.string(), vaerdi: z.union([z.number(), z.string(), z.boolean()]), gyldigFra: z.string(), paragraf: z.string(), verificeret: z.string() }),
  ),
  forklaring: z.array(z.string()),
});

export const beregning = z.object({
  id: z.number(),
  kilde: z.enum(['register', 'indikatorfil', 'personfil']),
  kilde_detalje: z.string().nullable(),
  beregnet_at: z.string(),
  beregnet_af: z.string(),
  parametre_fingeraftryk: z.string(),
});

export const mangel = z.object({ omraade_kode: z.string(), omraade_navn: z.string(), listeaar: z.number(), felter: z.array(z.string()) });

export const afvigelse = z.object({
  listeaar: z.number(),
  omraade_kode: z.string(),
  omraade_navn: z.string(),
  beregnet: z.array(kategori).nullable(),
  offentliggjort: z.array(kategori),
  kun_beregnet: z.array(kategori),
  kun_offentliggjort: z.array(kategori),
  aarsag: z.string(),
  aarsag_kendt: z.boolean(),
});

export const aarStatus = z.object({
  listeaar: z.number(),
  kategorier: z.array(kategori),
  kategorier_uden_etnisk: z.array(kategori),
  /** Null when no published list was imported for the year. */
  offentliggjort: z.array(kategori).nullable(),
  afviger: z.boolean(),
});

export const varselStatus = z.enum(['forbliver_paa', 'forbliver_udenfor', 'risiko_ind', 'risiko_ud', 'ind', 'ud']);

export const varselKort = z.object({
  naeste_listeaar: z.number(),
  prognose: z.array(kategori),
  status: z.array(z.object({ kategori, status: z.string(), begrundelse: z.string() })),
  risiko: z.boolean(),
});

export const landsgennemsnit = z.object({ aar: z.number(), doemte_pct: z.number(), kilde: z.string(), opdateret_at: z.string(), opdateret_af: z.string() });

const antal = z.object({ udsat: z.number(), parallelsamfund: z.number(), omdannelsesomraade: z.number(), forebyggelsesomraade: z.number() });

export const oversigt = z.object({
  kommune: z.object({ kode: z.string(), navn: z.string(), demo: z.boolean() }),
  beregning: beregning.nullable(),
  listeaar: z.array(z.number()),
  seneste_listeaar: z.number().nullable(),
  naeste_listeaar: z.number().nullable(),
  antal: z.array(z.object({ listeaar: z.number(), med: antal, uden_etnisk: antal })),
  omraader: z.array(z.object({ kode: z.string(), navn: z.string(), aar: z.array(aarStatus), varsel: varselKort.nullable() })),
  mangler: z.array(mangel),
  afvigelser: z.array(afvigelse),
  offentliggjort_aar: z.array(z.object({ listeaar: z.number(), kilde: z.string(), indlaest_at: z.string() })),
  landsgennemsnit: z.array(landsgennemsnit),
});

export const beregnSvar = z.object({
  beregning_id: z.number(),
  listeaar: z.array(z.number()),
  resultater: z.number(),
  mangler: z.number(),
  sprunget_over: z.number(),
  besked: z.string(),
});

export const genberegning = z.object({
  gemt_fingeraftryk: z.string(),
  nyt_fingeraftryk: z.string(),
  samme_regler: z.boolean(),
  aendringer: z.array(
    z.object({ listeaar: z.number(), omraade_kode: z.string(), uden_etnisk: z.boolean(), foer: z.array(kategori), nu: z.array(kategori), kriterier: z.array(z.string()) }),
  ),
});
