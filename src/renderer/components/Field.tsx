import { cloneElement, useId, type ReactElement } from 'react';

/** A labelled control: the label names only the control (not a select's options) for screen readers. */
export function Field({ label, children, className }: { label: string; children: ReactElement<{ id?: string }>; className?: string }) {
  const generated = useId();
  const id = children.props.id ?? generated;
  return (
    <div className={`field${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, { id })}
    </div>
  );
}
