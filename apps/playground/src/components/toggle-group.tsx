import type { ReactNode } from 'react'

/** One choice of a {@link ToggleGroup}. */
export interface ToggleOption<T extends string> {
  readonly value: T
  /** The button's text and accessible name. */
  readonly label: string
}

/** Props of {@link ToggleGroup}. */
export interface ToggleGroupProps<T extends string> {
  /** The group's accessible name. */
  readonly label: string
  readonly options: readonly ToggleOption<T>[]
  readonly value: T
  readonly onChange: (value: T) => void
  readonly disabled?: boolean
}

/**
 * A segmented control: one real `<button aria-pressed>` per choice, so each choice has its own
 * accessible name ("Background", "Foreground") and works with the keyboard.
 */
export function ToggleGroup<T extends string>(props: ToggleGroupProps<T>): ReactNode {
  return (
    <fieldset className="ccp-toggle-group">
      <legend>{props.label}</legend>
      {props.options.map((option) => (
        <button
          key={option.value}
          type="button"
          aria-pressed={option.value === props.value}
          disabled={props.disabled}
          onClick={() => option.value !== props.value && props.onChange(option.value)}
        >
          {option.label}
        </button>
      ))}
    </fieldset>
  )
}
