// Form fields the dkfds way: label, hint, error message (announced with the field), and an error summary
// that links to each field. Every form in the app uses these.
import { useEffect, useRef, type InputHTMLAttributes, type ReactNode } from 'react';
import { Alert } from './Status.tsx';

interface FieldFrame {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  className?: string;
}

/** The frame of one field; `control` gets the ids the field must point to with aria-describedby. */
function FormGroup({ id, label, hint, error, className, control }: FieldFrame & { control: (describedBy: string | undefined) => ReactNode }) {
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
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
      {control(describedBy)}
    </div>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange' | 'className'>;

export function TextField({
  id,
  label,
  hint,
  error,
  className,
  value,
  onChange,
  inputClassName,
  ...input
}: FieldFrame & InputProps & { value: string; onChange: (v: string) => void; inputClassName?: string }) {
  return (
    <FormGroup
      id={id}
      label={label}
      hint={hint}
      error={error}
      className={className}
      control={(describedBy) => (
        <input
          id={id}
          className={`form-input${inputClassName ? ' ' + inputClassName : ''}`}
          type="text"
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.value)}
          {...input}
        />
      )}
    />
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField({
  id,
  label,
  hint,
  error,
  className,
  value,
  onChange,
  options,
  placeholder,
  disabled,
}: FieldFrame & { value: string; onChange: (v: string) => void; options: Option[]; placeholder?: string; disabled?: boolean }) {
  return (
    <FormGroup
      id={id}
      label={label}
      hint={hint}
      error={error}
      className={className}
      control={(describedBy) => (
        <select
          id={id}
          className="form-select"
          value={value}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.value)}
        >
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

/**
 * The problems of a submitted form, each a link to its field; takes focus when shown (or changed) so the
 * user hears what to fix. `message` is an error that belongs to no field.
 */
export function ErrorSummary({ errors, message, heading = 'Formularen er ikke gemt' }: { errors: { id: string; message: string }[]; message?: string | null; heading?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const key = JSON.stringify([errors, message]);
  const shown = errors.length > 0 || !!message;
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [key]);
  if (!shown) return null;
  return (
    <div ref={ref} tabIndex={-1} className="error-summary">
      <Alert variant="error" heading={heading}>
        {message && <p className="alert-text">{message}</p>}
        {errors.length > 0 && (
          <ul className="alert-text error-summary-list">
            {errors.map((e) => (
              <li key={e.id}>
                <a
                  href={`#${e.id}`}
                  onClick={(ev) => {
                    ev.preventDefault();
                    document.getElementById(e.id)?.focus();
                  }}
                >
                  {e.message}
                </a>
              </li>
            ))}
          </ul>
        )}
      </Alert>
    </div>
  );
}
