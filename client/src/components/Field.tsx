import type { ComponentChildren, Ref } from 'preact';
import { useEffect, useId, useState } from 'preact/hooks';

interface FieldProps {
  label: string;
  value: string;
  onInput: (value: string) => void;
  type?: 'text' | 'password' | 'search';
  name?: string;
  error?: string | undefined;
  hint?: ComponentChildren;
  required?: boolean;
  disabled?: boolean;
  autoComplete?: string;
  /** Usernames and passwords: no capitalisation, no autocorrect, no spell check. */
  verbatim?: boolean;
  maxLength?: number;
  placeholder?: string;
  inputRef?: Ref<HTMLInputElement>;
  /** Extra controls beside the input (the password show/hide button). */
  after?: ComponentChildren;
}

export function Field(props: FieldProps) {
  const { id, hintId, errorId, describedBy } = useDescribed(props.hint, props.error);
  return (
    <div class={props.error ? 'field field--error' : 'field'}>
      <FieldHeader
        forId={id}
        label={props.label}
        hint={props.hint}
        hintId={hintId}
        error={props.error}
        errorId={errorId}
      />
      <div class="field__row">
        <input
          id={id}
          ref={props.inputRef}
          class="input"
          // Preact's types narrow other attributes by `type` (tsc needs the cast; the linter's
          // view of the JSX types does not): both types take the same attributes here.
          // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
          type={(props.type ?? 'text') as 'text'}
          name={props.name}
          value={props.value}
          onInput={(event) => {
            props.onInput(event.currentTarget.value);
          }}
          required={props.required}
          disabled={props.disabled}
          aria-invalid={props.error ? 'true' : undefined}
          aria-describedby={describedBy}
          autoComplete={props.autoComplete}
          maxLength={props.maxLength}
          placeholder={props.placeholder}
          {...(props.verbatim
            ? { autoCapitalize: 'none', autoCorrect: 'off', spellcheck: false }
            : {})}
        />
        {props.after}
      </div>
    </div>
  );
}

type PasswordFieldProps = Omit<FieldProps, 'type' | 'after' | 'verbatim'> & {
  /** Show the password whenever this number changes (after generating one). */
  revealToken?: number;
};

/** A password input with a "Hiện"/"Ẩn" button: older users like to check what they typed. */
export function PasswordField({ revealToken, ...props }: PasswordFieldProps) {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (revealToken) setShown(true);
  }, [revealToken]);
  return (
    <Field
      {...props}
      type={shown ? 'text' : 'password'}
      verbatim
      after={
        <button
          type="button"
          class="button button--secondary field__toggle"
          onClick={() => {
            setShown(!shown);
          }}
          disabled={props.disabled}
        >
          {shown ? 'Ẩn' : 'Hiện'}
          <span class="sr-only"> mật khẩu</span>
        </button>
      }
    />
  );
}

interface SelectFieldProps<T extends string> {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
  hint?: ComponentChildren;
  error?: string | undefined;
  disabled?: boolean;
  name?: string;
  selectRef?: Ref<HTMLSelectElement>;
}

export function SelectField<T extends string>(props: SelectFieldProps<T>) {
  const { id, hintId, errorId, describedBy } = useDescribed(props.hint, props.error);
  return (
    <div class={props.error ? 'field field--error' : 'field'}>
      <FieldHeader
        forId={id}
        label={props.label}
        hint={props.hint}
        hintId={hintId}
        error={props.error}
        errorId={errorId}
      />
      <select
        id={id}
        ref={props.selectRef}
        name={props.name}
        class="input select"
        value={props.value}
        disabled={props.disabled}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy}
        onChange={(event) => {
          props.onChange(event.currentTarget.value as T);
        }}
      >
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Label, hint and error of a field, linked to its control by ids. */
export function FieldHeader(props: {
  forId: string;
  label: ComponentChildren;
  hint?: ComponentChildren;
  hintId: string;
  error?: string | undefined;
  errorId: string;
}) {
  return (
    <>
      <label for={props.forId} class="field__label">
        {props.label}
      </label>
      {props.hint && (
        <p id={props.hintId} class="field__hint">
          {props.hint}
        </p>
      )}
      {props.error && (
        <p id={props.errorId} class="field__error">
          <span class="sr-only">Lỗi: </span>
          {props.error}
        </p>
      )}
    </>
  );
}

/** A control's id and the ids of its hint and error for aria-describedby. */
export function useDescribed(hint: ComponentChildren, error: string | undefined) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ');
  return { id, hintId, errorId, describedBy: describedBy || undefined };
}

interface TextAreaFieldProps {
  label: string;
  value: string;
  onInput: (value: string) => void;
  name?: string;
  error?: string | undefined;
  hint?: ComponentChildren;
  required?: boolean;
  disabled?: boolean;
  rows?: number;
  maxLength?: number;
  textareaRef?: Ref<HTMLTextAreaElement>;
}

export function TextAreaField(props: TextAreaFieldProps) {
  const { id, hintId, errorId, describedBy } = useDescribed(props.hint, props.error);
  return (
    <div class={props.error ? 'field field--error' : 'field'}>
      <FieldHeader
        forId={id}
        label={props.label}
        hint={props.hint}
        hintId={hintId}
        error={props.error}
        errorId={errorId}
      />
      <textarea
        id={id}
        ref={props.textareaRef}
        class="input textarea"
        name={props.name}
        value={props.value}
        rows={props.rows ?? 3}
        maxLength={props.maxLength}
        required={props.required}
        disabled={props.disabled}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy}
        onInput={(event) => {
          props.onInput(event.currentTarget.value);
        }}
      />
    </div>
  );
}

interface CheckboxFieldProps {
  label: ComponentChildren;
  checked: boolean;
  onChange: (checked: boolean) => void;
  name?: string;
  hint?: ComponentChildren;
  error?: string | undefined;
  disabled?: boolean;
}

/** A checkbox with its label to the right; the whole row is the click target (≥ 44 px). */
export function CheckboxField(props: CheckboxFieldProps) {
  const { id, hintId, errorId, describedBy } = useDescribed(props.hint, props.error);
  return (
    <div class={props.error ? 'field field--error' : 'field'}>
      {props.error && (
        <p id={errorId} class="field__error">
          <span class="sr-only">Lỗi: </span>
          {props.error}
        </p>
      )}
      <div class="check">
        <input
          id={id}
          type="checkbox"
          class="check__input"
          name={props.name}
          checked={props.checked}
          disabled={props.disabled}
          aria-invalid={props.error ? 'true' : undefined}
          aria-describedby={describedBy}
          onChange={(event) => {
            props.onChange(event.currentTarget.checked);
          }}
        />
        <label for={id} class="check__label">
          {props.label}
        </label>
      </div>
      {props.hint && (
        <p id={hintId} class="field__hint">
          {props.hint}
        </p>
      )}
    </div>
  );
}
