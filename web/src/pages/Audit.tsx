// Revisionsspor: search the audit log of the administrator's municipalities, page through it, export exactly
// the filtered list. There is nothing here (or in the API) that changes the log.
import { useApi } from '../api.ts';
import { Changes } from '../components/Changes.tsx';
import type { Column } from '../components/DataTable.tsx';
import { ListView, type FilterDef } from '../components/ListView.tsx';
import { Page } from '../components/Page.tsx';
import { useKommune } from '../kommune.tsx';
import type { AuditEvent, ImportFormat, ListAnswer } from '../types.ts';

/** The log's actions (src/**: recordAudit) in words. */
export const actionLabels: Record<string, string> = {
  login: 'Logget ind',
  logout: 'Logget ud',
  'login-fejl': 'Mislykket login',
  'login-spærret': 'Login på spærret konto',
  'skift-adgangskode': 'Skiftet adgangskode',
  'tilknyt-oidc': 'Kommunens login tilknyttet',
  opret: 'Oprettet',
  ret: 'Rettet',
  import: 'Importeret',
  laes: 'Læst personoplysninger',
  'vis-cpr': 'Vist CPR-nummer',
  luk: 'Lukket sag',
  anonymiser: 'Anonymiseret',
  'roter-noegler': 'Nøgler skiftet',
};

const baseEntities: Record<string, string> = { bruger: 'Bruger', ansoeger: 'Ansøger' };
const none = <span className="value-missing">ingen</span>;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const dateMessage = 'Skriv datoen som dd.mm.åååå.';

export function AuditPage() {
  const { kommuner } = useKommune();
  // Imports are logged under their kind (afdelinger, noegletal_afdeling, …): named by the import formats.
  const formats = useApi<ImportFormat[] | ListAnswer<ImportFormat>>('import-formats');
  const formatList = Array.isArray(formats.data) ? formats.data : (formats.data?.items ?? []);
  const entities: Record<string, string> = { ...baseEntities, ...Object.fromEntries(formatList.map((f) => [f.kind, f.title])) };
  const kommuneNavn = (kode: string) => kommuner.find((k) => k.kode === kode)?.navn ?? kode;

  const filters: FilterDef[] = [
    { name: 'fra', label: 'Fra dato', type: 'date', width: 's', pattern: datePattern, invalidMessage: dateMessage },
    { name: 'til', label: 'Til dato', type: 'date', width: 's', pattern: datePattern, invalidMessage: dateMessage },
    { name: 'actor', label: 'Bruger', type: 'text', width: 's', hint: 'Brugernavn eller en del af det' },
    { name: 'action', label: 'Handling', type: 'select', options: Object.entries(actionLabels).map(([value, label]) => ({ value, label })) },
    { name: 'entity', label: 'Emne', type: 'select', options: Object.entries(entities).map(([value, label]) => ({ value, label })) },
    { name: 'entity_id', label: 'Id', type: 'text', hint: 'Emnets id' },
  ];
  const columns: Column<AuditEvent>[] = [
    { key: 'at', header: 'Tidspunkt', kind: 'timestamp', rowHeader: true },
    { key: 'actor', header: 'Bruger' },
    { key: 'action', header: 'Handling', value: (r) => actionLabels[r.action] ?? r.action },
    { key: 'entity', header: 'Emne', value: (r) => entities[r.entity] ?? r.entity },
    { key: 'entity_id', header: 'Id', render: (r) => r.entity_id ?? none },
    { key: 'kommunekode', header: 'Kommune', render: (r) => (r.kommunekode ? kommuneNavn(r.kommunekode) : none) },
    { key: 'changes', header: 'Ændringer og detaljer', render: (r) => <Changes before={r.before} after={r.after} detail={r.detail} /> },
  ];

  return (
    <Page
      title="Revisionsspor"
      crumbs={[{ text: 'Oversigt', to: '/' }, { text: 'Revisionsspor' }]}
      lead="Hvem gjorde hvad og hvornår: ændringer, log ind, importer og hvert opslag i ansøgernes personoplysninger i dine kommuner."
    >
      <p>
        <strong>Revisionssporet kan ikke ændres eller slettes</strong> – heller ikke af en administrator. Her kan du søge i det og eksportere
        det. Tidspunkter er dansk tid; eksporten har dem i UTC.
      </p>
      <ListView<AuditEvent>
        endpoint="audit"
        noun={['hændelse', 'hændelser']}
        columns={columns}
        filters={filters}
        caption="Hændelser i revisionssporet, nyeste først"
      />
    </Page>
  );
}
