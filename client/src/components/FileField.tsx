import type { ComponentChildren } from 'preact';
import { FieldHeader, useDescribed } from './Field';

interface FileFieldProps {
  label: string;
  /** The file types offered by the browser's dialog (".xlsx,.csv"). */
  accept: string;
  /** The file chosen, or null when the choice was cancelled or cleared. */
  onChoose: (file: File | null) => void;
  name?: string;
  hint?: ComponentChildren;
  error?: string | undefined;
  disabled?: boolean;
  /**
   * Empty the input once the file is taken, so that choosing the same file again (after fixing
   * it) is a new choice; the page then names the file it read.
   */
  clearOnChoose?: boolean;
  /** Shown under the input (the name and size of the chosen file). */
  children?: ComponentChildren;
}

/** A file input with its label, hint and error, like the other fields. */
export function FileField(props: FileFieldProps) {
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
      <input
        id={id}
        type="file"
        name={props.name}
        class="input input--file"
        accept={props.accept}
        disabled={props.disabled}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy}
        onChange={(event) => {
          const input = event.currentTarget;
          const file = input.files?.[0] ?? null;
          if (props.clearOnChoose) input.value = '';
          props.onChoose(file);
        }}
      />
      {props.children}
    </div>
  );
}
