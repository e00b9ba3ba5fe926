import { ListView } from '../components/ListView.tsx';
import { Page } from '../components/Page.tsx';
import { useKommune } from '../kommune.tsx';
import type { Afdeling, Boligomraade, Boligorganisation } from '../types.ts';
import { afdelingColumns, omraadeColumns, organisationColumns } from './columns.tsx';

const home = { text: 'Oversigt', to: '/' };
const yearPattern = /^(18[5-9][0-9]|19[0-9]{2}|20[0-9]{2}|2100)$/;
const yearMessage = 'Skriv et årstal mellem 1850 og 2100.';

function useKommuneFilter() {
  const { kommune } = useKommune();
  return { enabled: !!kommune, fixed: { kommunekode: kommune?.kode }, navn: kommune?.navn ?? 'kommunen' };
}

export function OrganisationerPage() {
  const k = useKommuneFilter();
  return (
    <Page title="Boligorganisationer" crumbs={[home, { text: 'Boligorganisationer' }]} lead={`Almene boligorganisationer med hjemsted i ${k.navn}.`}>
      <ListView<Boligorganisation>
        endpoint="boligorganisationer"
        noun={['boligorganisation', 'boligorganisationer']}
        columns={organisationColumns}
        defaultSort="navn"
        enabled={k.enabled}
        fixed={k.fixed}
        searchLabel="Søg efter navn eller LBF-nummer"
        caption={`Boligorganisationer i ${k.navn}`}
      />
    </Page>
  );
}

export function AfdelingerPage() {
  const k = useKommuneFilter();
  return (
    <Page title="Afdelinger" crumbs={[home, { text: 'Afdelinger' }]} lead={`Almene afdelinger i ${k.navn}.`}>
      <ListView<Afdeling>
        endpoint="afdelinger"
        noun={['afdeling', 'afdelinger']}
        columns={afdelingColumns}
        defaultSort="navn"
        enabled={k.enabled}
        fixed={k.fixed}
        filters={[
          { name: 'opfoert_fra', label: 'Opført fra år', type: 'number', pattern: yearPattern, invalidMessage: yearMessage },
          { name: 'opfoert_til', label: 'Opført til år', type: 'number', pattern: yearPattern, invalidMessage: yearMessage },
        ]}
        searchLabel="Søg efter navn, adresse eller afdelingsnummer"
        caption={`Afdelinger i ${k.navn}`}
      />
    </Page>
  );
}

export function OmraaderPage() {
  const k = useKommuneFilter();
  return (
    <Page title="Boligområder" crumbs={[home, { text: 'Boligområder' }]} lead={`Boligområder efter almenboliglovens § 61 a, stk. 3, i ${k.navn}.`}>
      <ListView<Boligomraade>
        endpoint="boligomraader"
        noun={['boligområde', 'boligområder']}
        columns={omraadeColumns}
        defaultSort="navn"
        enabled={k.enabled}
        fixed={k.fixed}
        searchLabel="Søg efter navn eller kode"
        caption={`Boligområder i ${k.navn}`}
      />
    </Page>
  );
}
