import { fireEvent, render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ProductView } from '../../src/shared/contract/counter-schemas.js';
import { formatEuros } from '../../src/shared/format/fr.js';
import { SAMPLE_PRODUCTS } from '../../src/shared/demo/sample-products.js';
import { BillSummary, MoneyFooter } from '../../src/renderer/components/BillSummary.js';
import { addToFocusedLine } from '../../src/renderer/keyboard/focused-line.js';
import { ProductsStep, optionText } from '../../src/renderer/screens/counter/ProductsStep.js';
import { useApp } from '../../src/renderer/stores/app-store.js';
import { defaultEntries } from '../../src/renderer/stores/counter-proposal.js';
import { useCounter } from '../../src/renderer/stores/counter-store.js';
import { prescription } from '../helpers/rules-fixture.js';
import { fakeApi } from './fake-api.js';

const { amoxicilline1g: amox, clamoxyl1g: clamox, paracetamol1g: para } = SAMPLE_PRODUCTS;
const P = prescription([{ product: 'amoxicilline1g', quantity: 2 }, { product: 'paracetamol1g' }]);
const view = (
  p: typeof amox,
  relation: ProductView['relation'],
  kind: ProductView['kind'],
  priceCents: number | null = p.priceCents,
): ProductView => ({
  cip13: p.cip13,
  label: p.label,
  packSize: p.packSize,
  genericGroup: p.genericGroup,
  priceCents,
  relation,
  kind,
});
const AMOX_CHOICES = [view(amox, 'prescribed', 'generic'), view(clamox, 'other-pack', 'princeps')];

function showProducts(alternatives: Record<string, ProductView[]>): void {
  useApp.setState({
    api: fakeApi({
      'counter.assess': () => ({ renewalNumber: 0, proposedRenewal: 0, lines: [], issues: [], blocking: false }),
      'billing.ordonnanceNumerique': () => null,
    }).api,
  });
  useCounter.setState({
    step: 'products',
    retrieved: { prescription: P, lease: { expiresAt: null }, degraded: false },
    entries: defaultEntries(P, 0),
    alternatives,
    assessment: null,
    bill: null,
  });
  render(<ProductsStep />);
}

beforeEach(() => useCounter.setState({ step: 'idle', retrieved: null, entries: {}, alternatives: {} }));

describe('« Produits », without a browser', () => {
  it('names each choice as the catalogue does, « prescrit » first, and a dearer one by how much', () => {
    expect(optionText(AMOX_CHOICES[0]!, AMOX_CHOICES[0])).toBe(`${amox.label} — générique, prescrit — ${formatEuros(350)}`);
    expect(optionText(AMOX_CHOICES[1]!, AMOX_CHOICES[0])).toBe(
      `${clamox.label} — princeps — ${formatEuros(420)} (plus cher que le prescrit de ${formatEuros(70)} par boîte)`,
    );
    // Silent catalogue: no word, and another size says so.
    expect(optionText({ ...view(para, 'other-pack', null), packSize: 16 }, view(para, 'prescribed', null))).toBe(
      `${para.label} — autre conditionnement — ${formatEuros(216)}`,
    );
  });

  it('says beside the line when the chosen product is dearer, and only then', () => {
    showProducts({ L1: AMOX_CHOICES, L2: [view(para, 'prescribed', null)] });
    const line1 = screen.getAllByTestId('product-line')[0]!;
    expect(within(line1).getByTestId('dearer-note').hidden).toBe(true);
    fireEvent.change(within(line1).getByLabelText('Produit délivré'), { target: { value: clamox.cip13 } });
    expect(within(line1).getByTestId('dearer-note').textContent).toBe(
      `${clamox.label} : plus cher que le prescrit de ${formatEuros(70)} par boîte.`,
    );
    expect(within(line1).getByTestId('dearer-note').getAttribute('role')).toBe('status');
  });

  it('asks « Prix (€) » for a product the catalogue gives no price, and sends the typed price with the proposal', () => {
    showProducts({ L1: AMOX_CHOICES, L2: [view(para, 'prescribed', null, null)] });
    const [line1, line2] = screen.getAllByTestId('product-line');
    expect(within(line1!).queryByLabelText('Prix (€)')).toBeNull();
    fireEvent.change(within(line2!).getByLabelText('Prix (€)'), { target: { value: '2,35 €' } });
    expect(useCounter.getState().entries.L2?.price).toBe('2,35');
  });

  it('Alt+A adds a pack to the line the focus is in', () => {
    showProducts({ L1: AMOX_CHOICES, L2: [view(para, 'prescribed', null)] });
    within(screen.getAllByTestId('product-line')[1]!).getByLabelText('Produit délivré').focus();
    addToFocusedLine();
    expect(useCounter.getState().entries.L2?.extra).toHaveLength(1);
    expect(useCounter.getState().entries.L1?.extra).toHaveLength(0);
  });
});

describe('the amounts, without a browser', () => {
  const bill = {
    lines: [
      {
        kind: 'product' as const,
        code: null,
        label: amox.label,
        packs: 2,
        priceCents: 700,
        baseCents: 700,
        rate: 65,
        amoCents: 455,
        ticketModerateurCents: 245,
        depassementCents: 0,
        amcCents: 245,
        resteCents: 0,
        advanceCents: 0,
        note: null,
      },
      {
        kind: 'honoraire' as const,
        code: 'HDR' as const,
        label: 'Honoraire par ordonnance',
        packs: 1,
        priceCents: 51,
        baseCents: 51,
        rate: 70,
        amoCents: 36,
        ticketModerateurCents: 15,
        depassementCents: 0,
        amcCents: 15,
        resteCents: 0,
        advanceCents: 0,
        note: 'Prix à saisir : compté 0 € tant qu’il n’est pas tapé.',
      },
    ],
    totals: { totalCents: 751, amoCents: 491, amcCents: 260, resteCents: 0, advanceCents: 0 },
  };

  it('shows each line with its shares and note, and the totals in the footer in French', () => {
    render(
      <>
        <BillSummary bill={bill} />
        <MoneyFooter bill={bill}>
          <button type="button">Valider</button>
        </MoneyFooter>
      </>,
    );
    const product = screen.getByTestId('bill-line');
    expect(product.textContent).toContain(`${amox.label} × 2`);
    expect(product.textContent).toContain(formatEuros(455));
    expect(screen.getByTestId('bill-honoraire').textContent).toContain('Prix à saisir');
    expect(screen.getByTestId('total-Total').textContent).toBe(formatEuros(751));
    expect(screen.getByTestId('total-Part AMO').textContent).toBe(formatEuros(491));
    expect(screen.getByTestId('total-Part AMC').textContent).toBe(formatEuros(260));
  });

  it('shows nothing without a bill', () => {
    const { container } = render(<BillSummary bill={null} />);
    expect(container.textContent).toBe('');
  });
});
