// The words of an anvisning case that the rules and the web app share: household roles and the kinds of benefit
// (ydelser) month by month. No imports, so the web app imports it as it is (decision 020).
export type Rolle = 'ansoeger' | 'aegtefaelle' | 'samlever' | 'barn' | 'andet';
export const ROLLER: readonly Rolle[] = ['ansoeger', 'aegtefaelle', 'samlever', 'barn', 'andet'];

export const YDELSESARTER = [
  'kontanthjaelp',
  'uddannelseshjaelp',
  'selvforsoergelses_og_hjemrejseydelse',
  'overgangsydelse',
  'integrationsydelse',
  'foertidspension',
  'arbejdsloeshedsdagpenge',
  'sygedagpenge',
  'ressourceforloebsydelse_jobafklaring',
  'ressourceforloebsydelse_ressourceforloeb',
  'ledighedsydelse',
  'seniorpension',
  'folkepension',
  'efterloen',
  'su',
  'andet',
] as const;
export type Ydelsesart = (typeof YDELSESARTER)[number];

export const YDELSE_NAVN: Record<Ydelsesart, string> = {
  kontanthjaelp: 'kontanthjælp',
  uddannelseshjaelp: 'uddannelseshjælp',
  selvforsoergelses_og_hjemrejseydelse: 'selvforsørgelses- og hjemrejseydelse',
  overgangsydelse: 'overgangsydelse',
  integrationsydelse: 'integrationsydelse',
  foertidspension: 'førtidspension',
  arbejdsloeshedsdagpenge: 'arbejdsløshedsdagpenge',
  sygedagpenge: 'sygedagpenge',
  ressourceforloebsydelse_jobafklaring: 'ressourceforløbsydelse under jobafklaringsforløb',
  ressourceforloebsydelse_ressourceforloeb: 'ressourceforløbsydelse under ressourceforløb',
  ledighedsydelse: 'ledighedsydelse',
  seniorpension: 'seniorpension',
  folkepension: 'folkepension',
  efterloen: 'efterløn',
  su: 'SU',
  andet: 'anden ydelse',
};
