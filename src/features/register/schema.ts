// API shapes and query parameters of the register (docs/api-contract.md).
import { z } from 'zod';
import { provenanceSchema } from '../../shared/provenance.ts';
import { keyFigureFields } from '../../shared/suppression.ts';
import { enumParam, formatParam, idParam, kommunekodeParam, listParams, qParam, yearParam } from '../../shared/query.ts';

const int = z.number().int();
const suppressedSchema = z.array(z.string()).describe('Felter udeladt af hensyn til diskretion (værdien er null)');

// ---- answers

export const kommuneItem = z.object({
  kode: z.string(),
  navn: z.string(),
  region_kode: z.string(),
  region_navn: z.string(),
  demo: z.boolean(),
  antal_afdelinger: int,
  antal_boliger: int,
});

export const boligorganisationItem = z.object({
  id: int,
  lbf_nr: int,
  cvr: z.string().nullable(),
  navn: z.string(),
  form: z.string(),
  administrationsorganisation: z.string().nullable(),
  kommunekode: z.string(),
  kommunenavn: z.string(),
  antal_afdelinger: int,
  antal_boliger: int,
  provenance: provenanceSchema,
});

export const boligomraadeRef = z.object({ id: int, kode: z.string(), navn: z.string() });

export const afdelingItem = z.object({
  id: int,
  boligorganisation_id: int,
  boligorganisation_navn: z.string(),
  org_lbf_nr: int,
  afdelingsnummer: int,
  navn: z.string(),
  adresser: z.string(),
  kommunekode: z.string(),
  opfoerelsesaar: int.nullable(),
  antal_familie: int,
  antal_ungdom: int,
  antal_aeldre: int,
  antal_pleje: int,
  antal_boliger: int,
  bruttoareal_m2: z.number().nullable(),
  husleje_pr_m2: z.number().nullable(),
  boligomraader: z.array(boligomraadeRef),
  provenance: provenanceSchema,
});

export const enheder = ['afdeling', 'boligomraade'] as const;

export const noegletalItem = z.object({
  enhed: z.enum(enheder),
  enhed_id: int,
  enhed_navn: z.string(),
  aar: int,
  ...Object.fromEntries(keyFigureFields.map((f) => [f, z.number().nullable()])),
  provenance: provenanceSchema,
  suppressed: suppressedSchema,
});

export const boligomraadeItem = z.object({
  id: int,
  kode: z.string(),
  navn: z.string(),
  kommunekode: z.string(),
  antal_afdelinger: int,
  beboere: int.nullable().describe('Beboere i seneste år med nøgletal for området'),
  beboere_aar: int.nullable(),
  provenance: provenanceSchema,
  beboere_provenance: provenanceSchema.nullable().describe('Hvor beboertallet kommer fra'),
  suppressed: suppressedSchema,
});

export const boligtyper = ['familie', 'ungdom', 'aeldre', 'pleje'] as const;
export const boligstatus = ['udlejet', 'ledig', 'under_renovering', 'nedlagt'] as const;

export const boligItem = z.object({
  id: int,
  afdeling_id: int,
  afdeling_navn: z.string(),
  lejemaalsnummer: int,
  adresse: z.string(),
  postnummer: z.string(),
  boligtype: z.enum(boligtyper),
  vaerelser: int,
  areal_m2: z.number(),
  husleje_maaned: z.number(),
  status: z.enum(boligstatus),
  provenance: provenanceSchema,
});

export const boligorganisationDetail = boligorganisationItem.extend({ afdelinger: z.array(afdelingItem) });
export const afdelingDetail = afdelingItem.extend({ noegletal: z.array(noegletalItem) });
export const boligomraadeDetail = boligomraadeItem.extend({
  afdelinger: z.array(afdelingItem),
  noegletal: z.array(noegletalItem),
});

export type KommuneItem = z.infer<typeof kommuneItem>;
export type BoligorganisationItem = z.infer<typeof boligorganisationItem>;
export type AfdelingItem = z.infer<typeof afdelingItem>;
export type NoegletalItem = z.infer<typeof noegletalItem> & Record<string, unknown>;
export type BoligomraadeItem = z.infer<typeof boligomraadeItem>;
export type BoligItem = z.infer<typeof boligItem>;

// ---- queries

export const kommunerQuery = z.object({ format: formatParam });

export const boligorganisationerQuery = z.object({
  kommunekode: kommunekodeParam.optional(),
  q: qParam.optional(),
  ...listParams(['navn', 'lbf_nr', 'antal_afdelinger', 'antal_boliger'], 'navn'),
});

export const afdelingerQuery = z.object({
  kommunekode: kommunekodeParam.optional(),
  boligorganisation_id: idParam('Boligorganisationens id').optional(),
  boligomraade_id: idParam('Boligområdets id').optional(),
  q: qParam.optional().describe('Søg i navn, adresser og afdelingsnummer'),
  opfoert_fra: yearParam('Opført fra').optional(),
  opfoert_til: yearParam('Opført til').optional(),
  ...listParams(['navn', 'afdelingsnummer', 'boligorganisation_navn', 'antal_boliger', 'opfoerelsesaar', 'husleje_pr_m2'], 'navn'),
});

export const boligomraaderQuery = z.object({
  kommunekode: kommunekodeParam.optional(),
  q: qParam.optional().describe('Søg i navn og kode'),
  ...listParams(['navn', 'kode', 'antal_afdelinger', 'beboere'], 'navn'),
});

export const boligerQuery = z.object({
  kommunekode: kommunekodeParam.optional(),
  afdeling_id: idParam('Afdelingens id').optional(),
  boligtype: enumParam('Boligtypen', boligtyper).optional(),
  status: enumParam('Status', boligstatus).optional(),
  q: qParam.optional().describe('Søg i adressen'),
  ...listParams(['adresse', 'lejemaalsnummer', 'areal_m2', 'husleje_maaned', 'vaerelser'], 'adresse'),
});

export const noegletalQuery = z.object({
  kommunekode: kommunekodeParam.optional(),
  enhed: enumParam('Enheden', enheder).optional(),
  aar: yearParam().optional(),
  format: formatParam,
});
