// Shared parts of the Anvisning pages: the section's tabs (by role), form pieces the dkfds way, a notice area
// that takes focus after an action, and the section's start page (the first page the user's roles allow).
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useAuth, useCan, type Ability } from '../../auth.tsx';
import { Alert } from '../../components/Status.tsx';
import { navigate, Link } from '../../router.tsx';
import './anvisning.css';

export const home = { text: 'Oversigt', to: '/' };
export const anvisningCrumb = { text: 'Anvisning', to: '/anvisning' };

export type Fane = 'sager' | 'ledige' | 'tildeling' | 'krav' | 'billige' | 'statistik';
export const faner: { fane: Fane; to: string; text: string; need: Ability }[] = [
  { fane: 'sager', to: '/anvisning/sager', text: 'Sager', need: 'applicants' },
  { fane: 'ledige', to: '/anvisning/ledige', text: 'Ledige boliger', need: 'anvisning' },
  { fane: 'tildeling', to: '/anvisning/tildeling', text: 'Samlet tildeling', need: 'applicants' },
  { fane: 'krav', to: '/anvisning/krav', text: 'Krav og saldo', need: 'anvisning' },
  { fane: 'billige', to: '/anvisning/billige-boliger', text: 'Billige boliger', need: 'anvisningKommune' },
  { fane: 'statistik', to: '/anvisning/statistik', text: 'Statistik', need: 'anvisningKommune' },
];

/** The section's pages the user's roles allow, as tabs; the current one marked. */
export function AnvisningTabs({ current }: { current: Fane }) {
  const can = useCan();
  const shown = faner.filter((f) => can(f.need));
  return (
    <nav className="tab-container anvisning-tabs" aria-label="Anvisningens sider">
      <ul className="tab-list">
        {shown.map((f) => (
          <li key={f.fane}>
            <Link to={f.to} className="tab-button" aria-current={f.fane === current ? 'page' : undefined}>
              <span>{f.text}</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** /anvisning: on to the first page the user may use. */
export function AnvisningHome() {
  const can = useCan();
  const first = faner.find((f) => can(f.need));
  useEffect(() => {
    if (first) navigate(first.to + location.search, { replace: true });
  }, [first]);
  return null;
}

/** The boligorganisationer the signed-in user acts for (role boligorganisation), in a municipality. */
export function useOwnOrganisations(kommunekode?: string): number[] {
  const { state } = useAuth();
  if (state.s !== 'signedIn') return [];
  return [
    ...new Set(
      state.me.roles
        .filter((g) => g.role === 'boligorganisation' && g.boligorganisation_id !== null && (!kommunekode || g.kommunekode === kommunekode))
        .map((g) => g.boligorganisation_id!),
    ),
  ];
}

export type Notice = { variant: 'success' | 'error' | 'warning'; heading: string; lines?: ReactNode[] } | null;

/** A message after an action, in a region that takes focus so screen readers hear it. */
export function useNotice(initial: Notice = null): [ReactNode, (n: Notice) => void] {
  const [notice, setNotice] = useState<Notice>(initial);
  const ref = useRef<HTMLDivElement>(null);
  const first = useRef(notice);
  useEffect(() => {
    if (notice && notice !== first.current) ref.current?.focus();
  }, [notice]);
  const node = (
    <div ref={ref} tabIndex={-1} className="focus-target">
      {notice && (
        <Alert variant={notice.variant} heading={notice.heading} className="mt-5">
          {notice.lines?.length ? (
            <ul className="alert-text notice-lines">
              {notice.lines.map((l, i) => (
                <li key={i}>{l}</li>
              ))}
            </ul>
          ) : undefined}
        </Alert>
      )}
    </div>
  );
  return [node, setNotice];
}

function Frame({ id, label, hint, error, children, className }: { id: string; label: ReactNode; hint?: ReactNode; error?: string; children: ReactNode; className?: string }) {
  return (
    <div className={`form-group${error ? ' form-error' : ''}${className ? ' ' + className : ''}`}>
      <label className="form-label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <span className="form-hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span className="form-error-message" id={`${id}-error`}>
          <span className="sr-only">Fejl: </span>
          {error}
        </span>
      )}
      {children}
    </div>
  );
}

const describedBy = (id: string, hint?: ReactNode, error?: string) => [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;

export function TextArea({ id, label, hint, error, value, onChange, rows = 3, className }: { id: string; label: string; hint?: ReactNode; error?: string; value: string; onChange: (v: string) => void; rows?: number; className?: string }) {
  return (
    <Frame id={id} label={label} hint={hint} error={error} className={className}>
      <textarea id={id} className="form-input" rows={rows} value={value} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} onChange={(e) => onChange(e.target.value)} />
    </Frame>
  );
}

export function Checkbox({ id, label, hint, checked, onChange }: { id: string; label: string; hint?: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <div className="form-group">
      <div className="form-group-checkbox">
        <input id={id} type="checkbox" className="form-checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} aria-describedby={hint ? `${id}-hint` : undefined} />
        <label className="form-label" htmlFor={id}>
          {label}
        </label>
      </div>
      {hint && (
        <span className="form-hint checkbox-hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
    </div>
  );
}

/** Radio buttons in a fieldset with a legend. */
export function RadioGroup<T extends string>({
  name,
  legend,
  value,
  options,
  onChange,
  error,
}: {
  name: string;
  legend: string;
  value: T | '';
  options: { value: T; label: string }[];
  onChange: (v: T) => void;
  error?: string;
}) {
  return (
    <fieldset className={`form-group${error ? ' form-error' : ''}`} aria-describedby={error ? `${name}-error` : undefined}>
      <legend className="form-label">{legend}</legend>
      {error && (
        <span className="form-error-message" id={`${name}-error`}>
          <span className="sr-only">Fejl: </span>
          {error}
        </span>
      )}
      {options.map((o) => (
        <div className="form-group-radio" key={o.value}>
          <input type="radio" className="form-radio" id={`${name}-${o.value}`} name={name} checked={value === o.value} onChange={() => onChange(o.value)} />
          <label className="form-label" htmlFor={`${name}-${o.value}`}>
            {o.label}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

/** Ja / Nej / Ikke oplyst for an optional boolean fact. */
export const jaNej = [
  { value: '', label: 'Ikke oplyst' },
  { value: 'ja', label: 'Ja' },
  { value: 'nej', label: 'Nej' },
];
export const fromJaNej = (v: string): boolean | undefined => (v === 'ja' ? true : v === 'nej' ? false : undefined);
export const toJaNej = (b: boolean | undefined) => (b === true ? 'ja' : b === false ? 'nej' : '');
export const jaNejText = (b: boolean | undefined | null) => (b === true ? 'Ja' : b === false ? 'Nej' : 'Ikke oplyst');

/** A badge with a status in words. */
export function Badge({ text, badge }: { text: string; badge: string }) {
  return <span className={`badge ${badge}`}>{text}</span>;
}

/** The field errors of a form, each a link to its field (dkfds error summary). */
export function fieldIds(uid: string, errors: Record<string, string | undefined>) {
  return Object.entries(errors)
    .filter(([, m]) => m)
    .map(([k, m]) => ({ id: fieldId(uid, k), message: m! }));
}
export const fieldId = (uid: string, key: string) => `${uid}-${key.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
