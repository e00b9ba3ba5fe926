// How a timestamptz leaves the database: one ISO 8601 string in UTC with milliseconds
// ("2026-12-02T07:17:37.123Z"), whatever the session's TimeZone. Decision record 023.

// PostgreSQL's text output with DateStyle ISO: the session's local time and its offset from UTC, which has
// seconds for old local mean times ("+00:50:20"), up to six decimals, and " BC" before year 1.
const PG_TIMESTAMPTZ = /^(\d{4,})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?([+-])(\d{2})(?::(\d{2}))?(?::(\d{2}))?( BC)?$/;

/**
 * PostgreSQL's text of a timestamptz -> "2026-12-02T07:17:37.123Z". Microseconds are cut to milliseconds
 * (as JavaScript's Date holds them). "infinity" and "-infinity" have no ISO form and come back as written.
 */
export function parseTimestamptz(text: string): string {
  if (text === 'infinity' || text === '-infinity') return text;
  const m = PG_TIMESTAMPTZ.exec(text);
  if (!m) throw new Error(`Uventet tidsstempel fra databasen: "${text}" (DateStyle skal være ISO).`);
  const [, y, mo, d, h, mi, s, frac = '', sign, oh, om = '0', os = '0', bc] = m;
  const t = new Date(0);
  t.setUTCFullYear(bc ? 1 - Number(y) : Number(y), Number(mo) - 1, Number(d)); // 1 BC is year 0
  t.setUTCHours(Number(h), Number(mi), Number(s), Number(frac.padEnd(3, '0').slice(0, 3)));
  const offsetMs = (sign === '-' ? -1 : 1) * (Number(oh) * 3600 + Number(om) * 60 + Number(os)) * 1000;
  const utc = new Date(t.getTime() - offsetMs);
  if (Number.isNaN(utc.getTime())) throw new Error(`Tidsstemplet "${text}" ligger uden for det, JavaScript kan regne med.`);
  return utc.toISOString();
}
