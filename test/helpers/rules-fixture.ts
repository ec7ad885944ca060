import { SAMPLE_PRODUCTS, type SampleProductKey } from '../../src/shared/demo/sample-products.js';
import { sampleFactsSource } from '../../src/shared/demo/sample-facts.js';
import { addMonths } from '../../src/shared/rules/calendar.js';
import type { DispensingProposal } from '../../src/shared/rules/dispensing-types.js';
import type { Prescription, PrescriptionLine } from '../../src/shared/teleservice/schemas.js';

export const products = sampleFactsSource();
export const ISSUED = '2026-01-01';

/** A line of a sample product; `unitsPerPack` null leaves it out (older data), else the catalogue's pack size. */
type LineSpec = Partial<Omit<PrescriptionLine, 'product'>> & { product: SampleProductKey; unitsPerPack?: number | null };

export function line(spec: LineSpec, index = 0): PrescriptionLine {
  const p = SAMPLE_PRODUCTS[spec.product];
  return {
    lineId: spec.lineId ?? `L${index + 1}`,
    kind: 'MEDICINE',
    product: { cip13: p.cip13, label: p.label, ...(spec.unitsPerPack === null ? {} : { unitsPerPack: spec.unitsPerPack ?? p.packSize }) },
    posology: spec.posology ?? '1 par jour',
    durationDays: spec.durationDays ?? 30,
    quantity: spec.quantity ?? 1,
    repeats: spec.repeats ?? 0,
    narcotic: spec.narcotic ?? false,
    fractionDays: spec.fractionDays ?? null,
    substitutable: spec.substitutable ?? true,
    nonSubstitutableReason: spec.nonSubstitutableReason ?? null,
    flags: spec.flags ?? [],
    dispensings: spec.dispensings ?? [],
  };
}

export function prescription(lines: LineSpec[], extra: Partial<Prescription> = {}): Prescription {
  const issuedAt = extra.issuedAt ?? ISSUED;
  return {
    id: '013XJ9K2M4P6R8T0V0',
    qrPayload: '013XJ9K2M4P6R8T0V0',
    status: 'ACTIVE',
    issuedAt,
    validUntil: extra.validUntil ?? addMonths(issuedAt, 3),
    kind: 'STANDARD',
    prescriber: { rpps: '10003456786', name: 'Dr Anne Martin', amNumber: '751234567' },
    patient: { nir: '279035121518989', lastName: 'DURAND', firstName: 'Léa', birthDate: '1979-03-12', sex: 'F' },
    patientOpposesPrescriberAccess: false,
    lines: lines.map((l, i) => line(l, i)),
    notes: null,
    ...extra,
  };
}

/** Dispense exactly what is prescribed, for renewal r. */
export function asPrescribed(p: Prescription, renewalNumber = 0): DispensingProposal {
  return {
    renewalNumber,
    counterPatient: { nir: p.patient.nir },
    lines: p.lines.map((l) => ({ lineId: l.lineId, items: [{ cip13: l.product.cip13, packs: l.quantity }] })),
  };
}

export const cip = (k: SampleProductKey): string => SAMPLE_PRODUCTS[k].cip13;
