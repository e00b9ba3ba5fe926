import type { ReactNode } from 'react';
import type { ValueKind } from '../format.ts';
import { Value } from './Value.tsx';

export interface Fact {
  label: string;
  value?: unknown;
  kind?: ValueKind;
  suppressed?: boolean;
  /** Custom content (links); replaces value. */
  content?: ReactNode;
  /** Takes a whole row (long values). */
  wide?: boolean;
}

/** Label/value pairs as a description list. */
export function FactList({ facts, className }: { facts: Fact[]; className?: string }) {
  return (
    <dl className={`fact-list${className ? ' ' + className : ''}`}>
      {facts.map((f) => (
        <div className={f.wide ? 'fact fact--wide' : 'fact'} key={f.label}>
          <dt>{f.label}</dt>
          <dd>{f.content ?? <Value value={f.value} kind={f.kind} suppressed={f.suppressed} />}</dd>
        </div>
      ))}
    </dl>
  );
}
