// Every figure shown carries where it came from (DESIGN.md convention 8).
import { z } from 'zod';

export const provenanceSchema = z
  .object({
    kilde: z.string(),
    opgjort_pr: z.string().describe('ISO-dato'),
    import_job_id: z.number().int().nullable(),
  })
  .describe('Kilde, opgørelsesdato og den import, der skabte tallet');

export type Provenance = z.infer<typeof provenanceSchema>;

export interface ProvenanceRow {
  kilde: string;
  opgjort_pr: string;
  import_job_id: number | null;
}

export function provenance(row: ProvenanceRow): Provenance {
  return { kilde: row.kilde, opgjort_pr: row.opgjort_pr, import_job_id: row.import_job_id ?? null };
}
