import { fmtValue, MISSING_TEXT, SUPPRESSED_MARK, SUPPRESSED_TEXT, type ValueKind } from '../format.ts';

/** A figure in Danish format; a suppressed one as "–", a missing one as "ikke oplyst". */
export function Value({ value, kind = 'text', suppressed }: { value: unknown; kind?: ValueKind; suppressed?: boolean }) {
  if (suppressed) {
    return (
      <span className="value-suppressed" title={SUPPRESSED_TEXT}>
        <span aria-hidden="true">{SUPPRESSED_MARK}</span>
        <span className="sr-only">{SUPPRESSED_TEXT}</span>
      </span>
    );
  }
  const s = fmtValue(value, kind);
  if (!s) return <span className="value-missing">{MISSING_TEXT}</span>;
  return <>{s}</>;
}

export function SuppressedNote() {
  return (
    <p className="form-hint table-note">
      <span aria-hidden="true">{SUPPRESSED_MARK}</span> {SUPPRESSED_TEXT}.
    </p>
  );
}
