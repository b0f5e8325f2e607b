// A row of one-click settings ("Common settings: F=3 S=1 P=1 …"), labelled as a group.
export interface Preset<T> {
  label: string;
  value: T;
  /** Longer description for screen readers and the tooltip. */
  title?: string;
}

export function Presets<T>({ label, items, onPick }: { label: string; items: readonly Preset<T>[]; onPick: (value: T) => void }) {
  return (
    <div className="presets" role="group" aria-label={label}>
      <span>{label}:</span>
      {items.map((p) => (
        <button type="button" key={p.label} title={p.title} onClick={() => onPick(p.value)}>
          {p.label}
        </button>
      ))}
    </div>
  );
}
