import { Field } from './Field.js';

/** « Prix (€) » typed per pack: a free line's, or a product's the catalogue gives no price for. */
export function PriceField({ value, onChange, id }: { value: string; onChange: (typed: string) => void; id?: string }) {
  return (
    <Field label="Prix (€)">
      <input
        id={id}
        className="short"
        inputMode="decimal"
        value={value}
        maxLength={10}
        onChange={(e) => onChange(e.target.value.replace(/[^0-9,.]/g, '').slice(0, 10))}
      />
    </Field>
  );
}
