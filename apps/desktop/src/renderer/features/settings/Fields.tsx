import type { ReactNode } from 'react';
import { fieldErrorText } from '../../i18n';
import { useT } from '../../i18n/use-t';
import { secretElsewhere } from './secret-binding';
import type { FlagField, SecretField, ValueField } from './settings-draft';
import { useSettingsStore } from './settings-store';

type FieldKey = ValueField | FlagField | SecretField;

function FieldError({ field }: { field: FieldKey }) {
  const t = useT();
  const code = useSettingsStore((s) => s.fieldErrors[field]);
  if (code === undefined) return null;
  return (
    <p className="field__error" id={`err-${field}`} role="alert" data-testid={`error-${field}`}>
      {fieldErrorText(t, code)}
    </p>
  );
}

function useFieldState(field: FieldKey) {
  const t = useT();
  const invalid = useSettingsStore((s) => s.fieldErrors[field] !== undefined);
  return {
    t,
    invalid,
    id: `f-${field.replace('.', '-')}`,
    describedBy: invalid ? `err-${field}` : undefined,
  };
}

/** Label, control and error of one value field: the part TextField and SelectField share. */
function ValueFieldShell({
  field,
  children,
}: {
  field: ValueField;
  children: (control: { id: string; invalid: boolean; describedBy: string | undefined }) => ReactNode;
}) {
  const { t, invalid, id, describedBy } = useFieldState(field);
  return (
    <div className={invalid ? 'field field--invalid' : 'field'}>
      <label className="field__label" htmlFor={id}>
        {t.settings.fields[field]}
      </label>
      {children({ id, invalid, describedBy })}
      <FieldError field={field} />
    </div>
  );
}

/** Several lines of text, such as PEM certificates. */
export function TextAreaField({ field }: { field: ValueField }) {
  const value = useSettingsStore((s) => s.draft?.values[field] ?? '');
  const setValue = useSettingsStore((s) => s.setValue);
  return (
    <ValueFieldShell field={field}>
      {({ id, invalid, describedBy }) => (
        <textarea
          id={id}
          className="field__input field__input--multiline"
          rows={4}
          autoComplete="off"
          spellCheck={false}
          value={value}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          onChange={(e) => setValue(field, e.target.value)}
        />
      )}
    </ValueFieldShell>
  );
}

export function TextField({ field, type = 'text' }: { field: ValueField; type?: 'text' | 'url' | 'number' }) {
  const value = useSettingsStore((s) => s.draft?.values[field] ?? '');
  const setValue = useSettingsStore((s) => s.setValue);
  return (
    <ValueFieldShell field={field}>
      {({ id, invalid, describedBy }) => (
        <input
          id={id}
          className="field__input"
          type={type === 'number' ? 'text' : type}
          inputMode={type === 'number' ? 'numeric' : undefined}
          autoComplete="off"
          spellCheck={false}
          value={value}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          onChange={(e) => setValue(field, e.target.value)}
        />
      )}
    </ValueFieldShell>
  );
}

export function SelectField({
  field,
  options,
}: {
  field: ValueField;
  options: readonly { value: string; label: string }[];
}) {
  const value = useSettingsStore((s) => s.draft?.values[field] ?? '');
  const setValue = useSettingsStore((s) => s.setValue);
  return (
    <ValueFieldShell field={field}>
      {({ id, invalid, describedBy }) => (
        <select
          id={id}
          className="field__input"
          value={value}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          onChange={(e) => setValue(field, e.target.value)}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </ValueFieldShell>
  );
}

export function FlagInput({ field }: { field: FlagField }) {
  const { t, invalid, id, describedBy } = useFieldState(field);
  const checked = useSettingsStore((s) => s.draft?.flags[field] ?? false);
  const setFlag = useSettingsStore((s) => s.setFlag);
  return (
    <div className={invalid ? 'field field--check field--invalid' : 'field field--check'}>
      <input
        id={id}
        type="checkbox"
        className="field__check"
        checked={checked}
        aria-describedby={describedBy}
        onChange={(e) => setFlag(field, e.target.checked)}
      />
      <label className="field__label" htmlFor={id}>
        {t.settings.fields[field]}
      </label>
      <FieldError field={field} />
    </div>
  );
}

/** Write-only: shows whether a secret is set; typing replaces it, Clear deletes it on save. */
export function SecretInput({ field }: { field: SecretField }) {
  const { t, invalid, id, describedBy } = useFieldState(field);
  const edit = useSettingsStore((s) => s.draft?.secrets[field]);
  const isSet = useSettingsStore(
    (s) =>
      (field === 'appSecret'
        ? s.view?.hasAppSecret
        : field === 'sessionKey'
          ? s.view?.hasSession
          : s.view?.hasProxyCredentials) ?? false,
  );
  const setSecret = useSettingsStore((s) => s.setSecret);
  const elsewhere = useSettingsStore((s) => secretElsewhere(field, s.draft, s.view));
  const clearing = edit?.kind === 'clear';
  const noteId = `note-${field}`;
  const described = [describedBy, elsewhere !== undefined ? noteId : undefined].filter(Boolean).join(' ');
  return (
    <div className={invalid ? 'field field--invalid' : 'field'}>
      <label className="field__label" htmlFor={id}>
        {t.settings.fields[field]}
        <span
          className={isSet ? 'secret-state secret-state--set' : 'secret-state'}
          data-testid={`secret-${field}`}
        >
          {isSet ? t.settings.secretSet : t.settings.secretNotSet}
        </span>
      </label>
      <div className="field__row">
        <input
          id={id}
          className="field__input"
          type="password"
          autoComplete="new-password"
          placeholder={clearing ? t.settings.secretWillClear : t.settings.secretReplace}
          disabled={clearing}
          value={edit?.kind === 'set' ? edit.value : ''}
          aria-invalid={invalid}
          aria-describedby={described || undefined}
          onChange={(e) =>
            setSecret(
              field,
              e.target.value === '' ? { kind: 'keep' } : { kind: 'set', value: e.target.value },
            )
          }
        />
        {clearing ? (
          <button type="button" className="btn btn--small" onClick={() => setSecret(field, { kind: 'keep' })}>
            {t.settings.secretUndo}
          </button>
        ) : (
          isSet && (
            <button
              type="button"
              className="btn btn--small"
              onClick={() => setSecret(field, { kind: 'clear' })}
            >
              {t.settings.secretClear}
            </button>
          )
        )}
      </div>
      {elsewhere !== undefined && (
        <p className="field__note field__note--warn" id={noteId} data-testid={`secret-elsewhere-${field}`}>
          {field === 'proxyCredentials'
            ? elsewhere
              ? t.settings.proxyCredentialsOtherProxy(elsewhere)
              : t.settings.proxyCredentialsUnbound
            : elsewhere
              ? t.settings.secretOtherGateway(elsewhere)
              : t.settings.secretUnbound}
        </p>
      )}
      <FieldError field={field} />
    </div>
  );
}
