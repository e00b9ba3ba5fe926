// Pieces the area-list pages share: category marks (a short letter on its colour, the full name for screen
// readers), the legend, a computation's provenance and the "Beregn fra registret" button.
import { useId, useState } from 'react';
import { postJson, type ApiError } from '../api.ts';
import { fmtDateTime } from '../format.ts';
import { kategoriKort, kategoriNavn, kategorier, kildeTekst, type Beregning, type Kategori } from '../lister.ts';
import { FactList } from './FactList.tsx';
import { Icon } from './Icon.tsx';
import { Alert } from './Status.tsx';

/** The categories as marks; none as "–" ("Ingen kategori" for screen readers). */
export function KategoriMarks({ kategorier: ks, prefix }: { kategorier: readonly Kategori[]; prefix?: string }) {
  if (!ks.length) {
    return (
      <span className="kat-none">
        <span aria-hidden="true">–</span>
        <span className="sr-only">
          {prefix}
          Ingen kategori
        </span>
      </span>
    );
  }
  return (
    <span className="kat-marks">
      {prefix && <span className="sr-only">{prefix}</span>}
      {kategorier
        .filter((k) => ks.includes(k))
        .map((k) => (
          <span key={k} className={`kat-mark kat-${k}`} title={kategoriNavn[k]}>
            <span aria-hidden="true">{kategoriKort[k]}</span>
            <span className="sr-only">{kategoriNavn[k]} </span>
          </span>
        ))}
    </span>
  );
}

/** What the letters mean. */
export function KategoriLegend() {
  return (
    <ul className="kat-legend nobullet-list" aria-label="Forklaring til bogstaverne">
      {kategorier.map((k) => (
        <li key={k}>
          <span className={`kat-mark kat-${k}`} aria-hidden="true">
            {kategoriKort[k]}
          </span>{' '}
          {kategoriNavn[k]}
        </li>
      ))}
    </ul>
  );
}

/** Where the shown lists come from: source, when, by whom and the rules' fingerprint. */
export function BeregningFacts({ b, listeaar }: { b: Beregning; listeaar?: number[] }) {
  const kilde = `${kildeTekst[b.kilde] ?? b.kilde}${b.kilde_detalje ? `: ${b.kilde_detalje}` : ''}`;
  return (
    <FactList
      facts={[
        { label: 'Beregnet ud fra', value: kilde },
        { label: 'Beregnet', value: fmtDateTime(b.beregnet_at) },
        { label: 'Beregnet af', value: b.beregnet_af },
        ...(listeaar && listeaar.length
          ? [{ label: 'Listeår', value: listeaar.length > 1 ? `${listeaar[0]}–${listeaar[listeaar.length - 1]}` : String(listeaar[0]) }]
          : []),
        {
          label: 'Reglernes fingeraftryk',
          content: (
            <>
              <code>{b.parametre_fingeraftryk}</code>
              <span className="form-hint d-block">Ændres, når en lovparameter, beregningen brugte, ændres.</span>
            </>
          ),
        },
      ]}
    />
  );
}

export type ComputeState = { s: 'idle' } | { s: 'busy' } | { s: 'done'; besked: string } | { s: 'failed'; message: string };

/**
 * POST /api/lister/beregn: a new computation from the register (the old ones are kept). Owned by the page, so
 * the answer stays on screen when the page changes from "no lists yet" to the lists.
 */
export function useCompute(kommunekode: string | undefined, onDone: () => void): { state: ComputeState; run: () => void } {
  const [state, setState] = useState<ComputeState>({ s: 'idle' });
  const run = async () => {
    if (!kommunekode) return;
    setState({ s: 'busy' });
    try {
      const r = await postJson<{ besked: string }>('lister/beregn', { kommunekode });
      setState({ s: 'done', besked: r.besked });
      onDone();
    } catch (e) {
      setState({ s: 'failed', message: (e as ApiError).message });
    }
  };
  return { state, run: () => void run() };
}

export function ComputeButton({ compute, primary }: { compute: { state: ComputeState; run: () => void }; primary?: boolean }) {
  const hint = useId();
  const { state, run } = compute;
  const busy = state.s === 'busy';
  return (
    <div className="compute">
      <button type="button" className={`button ${primary ? 'button-primary' : 'button-secondary'}`} onClick={run} disabled={busy} aria-describedby={hint}>
        <Icon name="refresh" />
        {busy ? 'Beregner …' : 'Beregn fra registret'}
      </button>
      <p className="form-hint" id={hint}>
        Laver en ny beregning ud fra registrets nøgletal med de regler, der gælder for hvert listeår. De tidligere beregninger gemmes.
      </p>
      <div role="status">
        {busy && (
          <p className="compute-busy">
            <span className="spinner spinner-small" aria-hidden="true" /> Beregner listerne …
          </p>
        )}
      </div>
      {state.s === 'done' && (
        <Alert variant="success" heading="Listerne er beregnet" headingLevel={3}>
          <p className="alert-text">{state.besked}</p>
        </Alert>
      )}
      {state.s === 'failed' && (
        <Alert variant="error" heading="Listerne kunne ikke beregnes" headingLevel={3}>
          <p className="alert-text">{state.message}</p>
        </Alert>
      )}
    </div>
  );
}
