import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { LineAssessment } from '../../src/shared/rules/dispensing-types.js';
import { ControlWindow } from '../../src/renderer/screens/counter/ControlWindow.js';
import { useApp } from '../../src/renderer/stores/app-store.js';
import { useCounter } from '../../src/renderer/stores/counter-store.js';
import { prescription } from '../helpers/rules-fixture.js';
import { PRINCEPS_REASONS } from '../../src/shared/rules/usual-reasons.js';
import { fakeApi } from './fake-api.js';

const P = prescription([
  { product: 'amoxicilline1g', quantity: 2 },
  { product: 'paracetamol1g', quantity: 1 },
]);
const substituted = (lineId: string): LineAssessment => ({
  lineId,
  status: 'DISPENSED',
  deviationType: 'GENERIC_SUBSTITUTION',
  allowedTypes: ['GENERIC_SUBSTITUTION', 'OTHER'],
  needsReason: true,
  needsAgreement: false,
  defaultReason: null,
  unitsPerPack: 12,
  unitsDue: 12,
  unitsServedBefore: 0,
  unitsDispensed: 12,
  unitsRemainingAfter: 0,
  daysDispensed: 6,
  daysRemainingAfter: 0,
  renewalsCovered: [],
  packsDispensed: 1,
  itemUnits: [12],
  narcotic: false,
  explanation: null,
});

describe('« Contrôle d’ordonnance » by keyboard', () => {
  it('Entrée takes the first deviation’s usual reason and moves on to the next deviation’s, then to the complementary information', () => {
    useApp.setState({ api: fakeApi({}).api });
    const lines = P.lines.map((l) => substituted(l.lineId));
    useCounter.setState({
      step: 'control',
      retrieved: { prescription: P, lease: { expiresAt: null }, degraded: false },
      assessment: { renewalNumber: 0, proposedRenewal: 0, lines, issues: [], blocking: true },
      entries: {},
      justifications: {},
    });
    render(<ControlWindow />);
    const reasons = screen.getAllByLabelText('Motif (obligatoire)');
    expect(reasons).toHaveLength(2);
    expect(document.activeElement).toBe(reasons[0]);
    fireEvent.keyDown(reasons[0]!, { key: 'Enter' });
    expect(useCounter.getState().justifications[P.lines[0]!.lineId]?.reason).toMatch(/\S/);
    expect(document.activeElement).toBe(reasons[1]);
    fireEvent.keyDown(reasons[1]!, { key: 'Enter' });
    expect(useCounter.getState().justifications[P.lines[1]!.lineId]?.reason).toMatch(/\S/);
    expect(document.activeElement).toBe(document.getElementById('complementary-info'));
  });
});

describe('« Contrôle d’ordonnance » for a princeps dispensed in place of the prescribed generic', () => {
  it('names the deviation so and offers the princeps’ usual reasons, never the generic’s', () => {
    useApp.setState({ api: fakeApi({}).api });
    const line = { ...substituted(P.lines[0]!.lineId), towardPrinceps: true };
    useCounter.setState({
      step: 'control',
      retrieved: { prescription: P, lease: { expiresAt: null }, degraded: false },
      assessment: { renewalNumber: 0, proposedRenewal: 0, lines: [line], issues: [], blocking: true },
      entries: {},
      justifications: {},
    });
    render(<ControlWindow />);
    expect((screen.getAllByRole('combobox').find((c) => c.tagName === 'SELECT') as HTMLSelectElement).selectedOptions[0]?.textContent).toBe(
      'Substitution (princeps délivré)',
    );
    const options = screen.getByRole('listbox', { name: 'Motifs usuels' }).textContent ?? '';
    expect(options).toContain(PRINCEPS_REASONS[0]);
    expect(options).not.toContain('Substitution par le générique');
  });
});
