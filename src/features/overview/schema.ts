import { z } from 'zod';
import { provenanceSchema } from '../../shared/provenance.ts';
import { kommunekodeParam } from '../../shared/query.ts';

const int = z.number().int();
const suppressed = z.array(z.string()).describe('Felter udeladt af hensyn til diskretion (værdien er null)');

export const overviewQuery = z.object({ kommunekode: kommunekodeParam });

export const overviewSchema = z.object({
  kommune: z.object({ kode: z.string(), navn: z.string(), demo: z.boolean() }),
  aar: int.nullable().describe('Seneste år med nøgletal'),
  boliger: z.object({ familie: int, ungdom: int, aeldre: int, pleje: int, i_alt: int }),
  andel_af_boligmassen_pct: z.number().nullable(),
  boligmasse_aar: int.nullable(),
  fraflytning_familie_pct: z.number().nullable().describe('Husstandsvægtet gennemsnit over afdelinger med familieboliger, seneste år'),
  gns_husleje_pr_m2: z.number().nullable().describe('Arealvægtet gennemsnitlig årlig husleje pr. m²'),
  huslejeomsaetning_kr: z.number().nullable().describe('Årlig husleje i alt: sum af husleje pr. m² gange bruttoareal'),
  antal_boligorganisationer: int,
  antal_afdelinger: int,
  antal_boligomraader: int,
  beboere: int.nullable().describe('Beboere i afdelingerne, seneste år'),
  udvikling: z.array(
    z.object({
      aar: int,
      beboere: int.nullable(),
      fraflytning_pct: z.number().nullable().describe('Som fraflytning_familie_pct'),
      uden_for_arbejde_pct: z.number().nullable().describe('Vægtet med beboere 18-64 år'),
      suppressed,
    }),
  ),
  provenance: z.array(provenanceSchema.extend({ datasaet: z.string().describe('afdelinger, noegletal, boligomraader eller boligmasse') })),
  suppressed,
});

export type Overview = z.infer<typeof overviewSchema>;
