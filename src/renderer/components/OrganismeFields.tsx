import type { Ref } from 'react';
import { Field } from './Field.js';

export type OrganismeDraft = { regime: string; caisse: string; centre: string };

const PARTS = [
  { key: 'regime', label: 'Régime (organisme)', length: 2, example: '01' },
  { key: 'caisse', label: 'Caisse', length: 3, example: '751' },
  { key: 'centre', label: 'Centre', length: 4, example: '0000' },
] as const;

/** The patient's organisme as the attestation de droits prints it: régime, caisse, centre (where their FSEs go). */
export function OrganismeFields({
  value,
  onChange,
  firstRef,
}: {
  value: OrganismeDraft;
  onChange: (patch: Partial<OrganismeDraft>) => void;
  firstRef?: Ref<HTMLInputElement>;
}) {
  return (
    <>
      {PARTS.map((p, i) => (
        <Field key={p.key} label={p.label}>
          <input
            ref={i === 0 ? firstRef : undefined}
            value={value[p.key]}
            maxLength={p.length}
            inputMode="numeric"
            placeholder={p.example}
            onChange={(e) => onChange({ [p.key]: e.target.value })}
          />
        </Field>
      ))}
    </>
  );
}
