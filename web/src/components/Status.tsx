import type { ReactNode } from 'react';
import type { ApiError } from '../api.ts';
import { Icon } from './Icon.tsx';

type Variant = 'info' | 'success' | 'warning' | 'error';
const iconLabel: Record<Variant, string> = { info: 'Information', success: 'Udført', warning: 'Advarsel', error: 'Fejl' };

/** dkfds alert; warnings and errors are announced (role="alert") unless quiet. */
export function Alert({
  variant,
  heading,
  headingLevel = 2,
  children,
  quiet,
  className,
}: {
  variant: Variant;
  heading?: ReactNode;
  headingLevel?: 2 | 3;
  children?: ReactNode;
  quiet?: boolean;
  className?: string;
}) {
  const H = `h${headingLevel}` as 'h2' | 'h3';
  const role = quiet ? undefined : variant === 'error' || variant === 'warning' ? 'alert' : 'status';
  return (
    <div className={`alert alert-${variant}${className ? ' ' + className : ''}`} role={role}>
      <svg className="icon-svg alert-icon" focusable="false" role="img" aria-label={iconLabel[variant]}>
        <use href={`#${variant}`} />
      </svg>
      <div className="alert-body">
        {heading && <H className="alert-heading">{heading}</H>}
        {typeof children === 'string' ? <p className="alert-text">{children}</p> : children}
      </div>
    </div>
  );
}

export function Loading({ text = 'Henter data …' }: { text?: string }) {
  return (
    <div className="spinner-box my-5">
      <div className="spinner" aria-hidden="true" />
      <div className="spinner-status" role="status">
        {text}
      </div>
    </div>
  );
}

export function ErrorAlert({ error, onRetry, what }: { error: ApiError | Error; onRetry?: () => void; what?: string }) {
  return (
    <Alert variant="error" heading={what ? `${what} kunne ikke hentes` : 'Der opstod en fejl'}>
      <p className="alert-text">{error.message}</p>
      {onRetry && (
        <button type="button" className="button button-secondary mt-3" onClick={onRetry}>
          <Icon name="refresh" />
          Prøv igen
        </button>
      )}
    </Alert>
  );
}
