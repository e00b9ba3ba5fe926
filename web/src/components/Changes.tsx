// Before/after/detail of an audit event as a short key: value list ("Navn: Anna → Anna Berg").
import { Fragment } from 'react';
import { roleName } from '../roles.ts';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const isObject = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Field names of the log in words; others are shown as they are. */
const fieldNames: Record<string, string> = {
  display_name: 'Navn',
  username: 'Brugernavn',
  active: 'Aktiv',
  roller: 'Roller',
  ny_adgangskode: 'Ny adgangskode',
  metode: 'Metode',
  aarsag: 'Årsag',
  failed_logins: 'Forkerte forsøg',
  spaerret: 'Spærret',
  status: 'Status',
  maalgruppe: 'Målgruppe',
  cpr: 'CPR-nummer',
  felter: 'Felter',
  ids: 'Ansøgere (id)',
  file_name: 'Fil',
  file_hash: 'SHA-256',
  kilde: 'Kilde',
  opgjort_pr: 'Opgjort pr.',
  import_job_id: 'Import nr.',
};

/** A value in a few words: ja/nej, lists with commas, a role grant as "Administrator i 0101". */
export function compactValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return 'tom';
  if (typeof v === 'boolean') return v ? 'ja' : 'nej';
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  if (Array.isArray(v)) return v.length ? v.map(compactValue).join(', ') : 'ingen';
  if (isObject(v)) {
    if (typeof v.role === 'string' && typeof v.kommunekode === 'string') {
      return `${roleName(v.role)} i ${v.kommunekode}${v.boligorganisation_id != null ? ` (boligorganisation ${v.boligorganisation_id})` : ''}`;
    }
    return `{ ${Object.entries(v).map(([k, x]) => `${k}: ${compactValue(x)}`).join('; ')} }`;
  }
  return JSON.stringify(v);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

interface Line {
  key: string;
  label: string;
  text: string;
}

/** The lines shown: what changed (before → after), what was set, and the details. */
export function changeLines(before: unknown, after: unknown, detail: unknown): Line[] {
  const lines: Line[] = [];
  const label = (k: string) => fieldNames[k] ?? k;
  const b = isObject(before) ? before : before == null ? {} : { værdi: before as Json };
  const a = isObject(after) ? after : after == null ? {} : { værdi: after as Json };
  for (const k of [...new Set([...Object.keys(b), ...Object.keys(a)])]) {
    if (k in b && k in a) {
      if (!same(b[k], a[k])) lines.push({ key: `c-${k}`, label: label(k), text: `${compactValue(b[k])} → ${compactValue(a[k])}` });
    } else if (k in a) lines.push({ key: `a-${k}`, label: label(k), text: compactValue(a[k]) });
    else lines.push({ key: `b-${k}`, label: `${label(k)} (før)`, text: compactValue(b[k]) });
  }
  if (isObject(detail)) for (const [k, v] of Object.entries(detail)) lines.push({ key: `d-${k}`, label: label(k), text: compactValue(v) });
  else if (detail != null) lines.push({ key: 'd', label: 'Detaljer', text: compactValue(detail) });
  return lines;
}

export function Changes({ before, after, detail }: { before: unknown; after: unknown; detail: unknown }) {
  const lines = changeLines(before, after, detail);
  if (!lines.length) return <span className="value-missing">ingen</span>;
  return (
    <dl className="change-list">
      {lines.map((l) => (
        <Fragment key={l.key}>
          <dt>{l.label}:</dt>
          <dd>{l.text}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
