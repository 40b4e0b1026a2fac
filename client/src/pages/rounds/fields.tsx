// Form controls the shared Field does not cover: phone and number keyboards, a grouped select
// and a row of radio buttons, with the same header (label, hint, error linked by
// aria-describedby) as components/Field, so they look and read the same.
import type { ComponentChildren, Ref } from 'preact';
import { FieldHeader, useDescribed } from '../../components/Field';

interface InputFieldProps {
  label: string;
  value: string;
  onInput: (value: string) => void;
  /** tel: the phone keypad; numeric: digits only (year, CCCD, prediction). */
  keyboard?: 'text' | 'tel' | 'numeric' | 'decimal';
  name?: string;
  error?: string | undefined;
  hint?: ComponentChildren;
  autoComplete?: string;
  maxLength?: number;
  inputRef?: Ref<HTMLInputElement>;
  required?: boolean;
}

export function InputField(props: InputFieldProps) {
  const { id, hintId, errorId, describedBy } = useDescribed(props.hint, props.error);
  const keyboard = props.keyboard ?? 'text';
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
      <input
        id={id}
        ref={props.inputRef}
        class="input"
        // Preact narrows attributes by `type`; both types take the same attributes here.
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
        type={(keyboard === 'tel' ? 'tel' : 'text') as 'text'}
        inputMode={keyboard}
        name={props.name}
        value={props.value}
        onInput={(event) => {
          props.onInput(event.currentTarget.value);
        }}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy}
        autoComplete={props.autoComplete}
        maxLength={props.maxLength}
        {...(keyboard === 'text' ? {} : { autoCorrect: 'off', spellcheck: false })}
      />
    </div>
  );
}

export interface SelectGroup {
  label: string | null;
  options: { value: string; label: string }[];
}

/** A select whose options may be grouped (<optgroup>), with an empty first choice. */
export function GroupedSelectField(props: {
  label: string;
  value: string;
  groups: readonly SelectGroup[];
  placeholder: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  hint?: ComponentChildren;
  selectRef?: Ref<HTMLSelectElement>;
}) {
  const { id, hintId, errorId, describedBy } = useDescribed(props.hint, props.error);
  const option = (o: { value: string; label: string }) => (
    <option key={o.value} value={o.value}>
      {o.label}
    </option>
  );
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
        class="input select"
        value={props.value}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy}
        onChange={(event) => {
          props.onChange(event.currentTarget.value);
        }}
      >
        <option value="">{props.placeholder}</option>
        {props.groups.map((group) =>
          group.label === null ? (
            group.options.map(option)
          ) : (
            <optgroup key={group.label} label={group.label}>
              {group.options.map(option)}
            </optgroup>
          ),
        )}
      </select>
    </div>
  );
}

/** A fieldset of radio buttons, each a full-width row at least 48 px tall. */
export function RadioField<T extends string>(props: {
  legend: string;
  name: string;
  value: T | '';
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
  error?: string | undefined;
  row?: boolean;
  firstRef?: Ref<HTMLInputElement>;
}) {
  const { errorId, describedBy } = useDescribed(null, props.error);
  return (
    <fieldset
      class={props.error ? 'field field--error picks-field' : 'field picks-field'}
      aria-describedby={describedBy}
    >
      <legend class="field__label">{props.legend}</legend>
      {props.error && (
        <p id={errorId} class="field__error">
          <span class="sr-only">Lỗi: </span>
          {props.error}
        </p>
      )}
      <ul class={props.row ? 'picks picks--row' : 'picks'} role="list">
        {props.options.map((option, index) => (
          <li key={option.value}>
            <label class="pick">
              <input
                ref={index === 0 ? props.firstRef : undefined}
                type="radio"
                class="pick__input"
                name={props.name}
                value={option.value}
                checked={props.value === option.value}
                aria-invalid={props.error ? 'true' : undefined}
                onChange={() => {
                  props.onChange(option.value);
                }}
              />
              <span>{option.label}</span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
