/**
 * The few accessible building blocks every channel app shares: a page layout with landmarks and a
 * skip link, labelled form fields whose error is announced and tied to the input, buttons, alerts and
 * a money amount. Styling comes from design.css (one design for every channel).
 */
import { useId, type ButtonHTMLAttributes, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';
import { formatMoney } from './money';

export interface PageLayoutProps {
  /** The product name in the banner, e.g. 网上银行. */
  brand: string;
  /** The page's own heading (one h1 per page). */
  title: string;
  navigation?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}

export function PageLayout({ brand, title, navigation, actions, children }: PageLayoutProps) {
  return (
    <div className="bank-app">
      <a className="bank-skip" href="#main">
        跳到主要内容
      </a>
      <header className="bank-header" role="banner">
        <span className="bank-brand">{brand}</span>
        {actions ? <div className="bank-header-actions">{actions}</div> : null}
      </header>
      {navigation ? (
        <nav className="bank-nav" aria-label="主导航">
          {navigation}
        </nav>
      ) : null}
      <main id="main" className="bank-main" tabIndex={-1}>
        <h1>{title}</h1>
        {children}
      </main>
      <footer className="bank-footer" role="contentinfo">
        <small>农商银行 · 客服热线 95500</small>
      </footer>
    </div>
  );
}

export interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  hint?: string;
  error?: string;
}

/** An input with its visible label, hint and error (aria-describedby, aria-invalid). */
export function Field({ label, hint, error, ...input }: FieldProps) {
  const id = useId();
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="bank-field">
      <label htmlFor={id}>{label}</label>
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={described} {...input} />
      {hint ? (
        <small id={`${id}-hint`} className="bank-hint">
          {hint}
        </small>
      ) : null}
      {error ? (
        <small id={`${id}-error`} className="bank-field-error" role="alert">
          {error}
        </small>
      ) : null}
    </div>
  );
}

export interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> {
  label: string;
  options: readonly { value: string; label: string }[];
}

export function SelectField({ label, options, ...select }: SelectFieldProps) {
  const id = useId();
  return (
    <div className="bank-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} {...select}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: 'primary' | 'secondary' | 'danger';
  busy?: boolean;
}

export function Button({ variant = 'primary', busy, children, disabled, type = 'button', ...button }: ButtonProps) {
  return (
    <button
      type={type}
      className={`bank-button bank-button-${variant}`}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      {...button}
    >
      {children}
    </button>
  );
}

/** A failure (role=alert) or a confirmation (role=status). */
export function Notice({ kind = 'error', children }: { kind?: 'error' | 'success' | 'info'; children: ReactNode }) {
  if (!children) return null;
  return (
    <div className={`bank-notice bank-notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/** A Decimal-string amount, formatted with thousands separators. */
export function Amount({ value, currency = 'CNY' }: { value: string; currency?: string }) {
  return <span className="bank-amount">{formatMoney(value, currency === 'CNY' ? '¥' : `${currency} `)}</span>;
}

export function Card({ title, children }: { title?: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="bank-card" aria-labelledby={title ? id : undefined}>
      {title ? <h2 id={id}>{title}</h2> : null}
      {children}
    </section>
  );
}
