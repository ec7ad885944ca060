import { render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { KeyLegend } from '../../src/renderer/components/KeyLegend.js';
import { PrescriptionView } from '../../src/renderer/components/PrescriptionView.js';
import { buildProposal, defaultEntries } from '../../src/renderer/stores/counter-proposal.js';
import { useAnnouncer } from '../../src/renderer/stores/announcer-store.js';
import { useApp } from '../../src/renderer/stores/app-store.js';
import { useCounter } from '../../src/renderer/stores/counter-store.js';
import { usePatient } from '../../src/renderer/stores/patient-store.js';
import { usePrescriptionHeader } from '../../src/renderer/stores/prescription-header-store.js';
import { prescription } from '../helpers/rules-fixture.js';
import { fakeApi } from './fake-api.js';

const P = prescription([
  { product: 'amoxicilline1g', quantity: 2 },
  {
    product: 'levothyrox75',
    substitutable: false,
    nonSubstitutableReason: 'MTE',
    repeats: 2,
    dispensings: [{ executionId: 'e', renewalNumber: 0, packs: 1, status: 'DISPENSED' }],
  },
]);

beforeEach(() => {
  useCounter.setState({ step: 'idle', code2d: '', error: null, retrieved: null });
  useAnnouncer.setState({ polite: '', assertive: '' });
});

describe('the counter store against a fake API', () => {
  it('F3 → Code 2D → retrieval → verification, announced; with nobody called, the prescription’s patient is called from the file', async () => {
    const durand = {
      id: 7,
      nir: P.patient.nir,
      lastName: 'DURAND',
      firstName: 'Léa',
      birthDate: P.patient.birthDate,
      sex: 'F',
      source: 'MANUAL',
      beneficiaryOfNir: null,
      relationship: null,
    };
    const { api, calls } = fakeApi({
      'prescriptions.retrieve': () => ({ prescription: P, lease: { expiresAt: null }, degraded: false }),
      'patients.search': () => [durand],
    });
    useApp.setState({ api });
    usePatient.setState({ called: null });
    useCounter.getState().openOrdonnanceNumerique();
    expect(useCounter.getState().step).toBe('code2d');
    useCounter.getState().setCode2d('013X-J9K2-M4P6-R8T0-V0');
    await useCounter.getState().submitCode2d();
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toEqual([
      { name: 'prescriptions.retrieve', input: { id: '013X-J9K2-M4P6-R8T0-V0' } },
      { name: 'prescribers.search', input: { query: P.prescriber.rpps } },
      { name: 'patients.search', input: { query: P.patient.nir } },
    ]);
    expect(useCounter.getState().step).toBe('verification');
    expect(usePatient.getState().called).toMatchObject({ id: 7, nir: P.patient.nir });
    expect(usePrescriptionHeader.getState()).toMatchObject({ prescribedOn: P.issuedAt, prescriber: { rpps: P.prescriber.rpps } });
    expect(useAnnouncer.getState().polite).toMatch(/Ordonnance 013X-J9K2-M4P6-R8T0-V0 de Léa DURAND : 2 ligne/);
  });

  it('keeps the typed number and says the error when the retrieval is refused', async () => {
    const { api } = fakeApi({
      'prescriptions.retrieve': () =>
        Promise.reject({ code: 'LOCKED_BY_OTHER_DISPENSER', message: 'En cours de délivrance dans une autre officine depuis 10 h 42.' }),
    });
    useApp.setState({ api });
    useCounter.getState().openOrdonnanceNumerique();
    useCounter.getState().setCode2d('013XJ9K2M4P6R8T0V0');
    await useCounter.getState().submitCode2d();
    expect(useCounter.getState()).toMatchObject({
      step: 'code2d',
      code2d: '013XJ9K2M4P6R8T0V0',
      error: 'En cours de délivrance dans une autre officine depuis 10 h 42.',
    });
    expect(useAnnouncer.getState().assertive).toMatch(/10 h 42/);
  });

  it('a non-prescription read while the Code 2D field waits is refused in French, markup shown as text', () => {
    useCounter.getState().openOrdonnanceNumerique();
    useCounter
      .getState()
      .onRead({ source: 'e-reader', at: '', code: { kind: 'unknown', text: '<b>x</b>\u0007', aim: null, reason: 'CONTROL_CHARACTERS' } });
    expect(useCounter.getState()).toMatchObject({
      step: 'code2d',
      error: expect.stringMatching(/caractères de contrôle/),
      lastRead: '<b>x</b>�',
    });
  });
});

describe('the proposal built from the screen', () => {
  it('defaults each line to what remains for the renewal, and parses typed packs', () => {
    const entries = defaultEntries(P, 1);
    expect(entries.L1).toMatchObject({ packs: '0', notDispensed: true });
    expect(entries.L2).toMatchObject({ packs: '1', notDispensed: false });
    const proposal = buildProposal({
      renewalNumber: 1,
      entries: { ...entries, L2: { ...entries.L2!, packs: '07x' } },
      justifications: { L1: { type: 'SHORTAGE', reason: ' rupture ', agreementDate: '', agreementChannel: '' } },
      counterPatient: null,
      overrideReason: '',
      overlapReason: '',
      exceptionConfirmed: false,
    });
    expect(proposal.lines).toEqual([
      { lineId: 'L1', items: [] },
      { lineId: 'L2', items: [expect.objectContaining({ packs: 7 })] },
    ]);
    expect(proposal.justifications?.L1).toEqual({ type: 'SHORTAGE', reason: 'rupture', agreement: null });
  });
});

describe('components', () => {
  it('the key legend shows every key beside its action', () => {
    render(<KeyLegend />);
    for (const label of ['Appel patient', 'Ordonnance Numérique', 'Valider / suivant', 'Retour / annuler'])
      expect(screen.getByText(label)).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Raccourcis clavier' }).textContent).toMatch(/F2.*F3.*F4.*F6.*F8.*F9.*Entrée.*Échap/);
  });

  it('the prescription shows its lines, dates in French and the non-substitutable mention with its reason', () => {
    render(<PrescriptionView prescription={P} />);
    expect(screen.getByText(/Non substituable \(MTE : marge thérapeutique étroite\)/)).toBeTruthy();
    expect(screen.getByText(/01\/01\/2026 \(première délivrance avant le 01\/04\/2026\)/)).toBeTruthy();
    expect(screen.getAllByTestId('prescription-line')).toHaveLength(2);
  });

  it('« Produit »: Entrée right after the last digit of a CIP13 takes that product, not the first of a shorter query’s list', async () => {
    const doliprane = { cip13: '3400930001059', label: 'DOLIPRANE 1 g', packSize: 8, priceCents: 350, list: null };
    const paracetamol = { cip13: '3400930001035', label: 'PARACÉTAMOL 1 g', packSize: 8, priceCents: 216, list: null };
    // The prefix's answer arrives at once; the full code's takes a while (a busy main process).
    const { api } = fakeApi({
      'catalogue.search': async ({ query }: { query: string }) =>
        query.length < 13 ? [doliprane, paracetamol] : (await new Promise((r) => setTimeout(r, 50)), [paracetamol]),
      'paper.assess': () => ({ renewalNumber: 0, proposedRenewal: 0, lines: [], issues: [], blocking: false }),
      'billing.paper': () => null,
    });
    useApp.setState({ api });
    useCounter.setState({ step: 'rx', rxLines: [], rxQuery: '', rxResults: [], rxResultsFor: '' });
    await useCounter.getState().setRxQuery('340093000');
    expect(useCounter.getState().rxResults[0]?.label).toBe('DOLIPRANE 1 g');
    void useCounter.getState().setRxQuery(paracetamol.cip13);
    await useCounter.getState().pickRx();
    expect(useCounter.getState().rxLines.map((l) => (l.kind === 'CATALOGUE' ? l.cip13 : ''))).toEqual([paracetamol.cip13]);
  });

  it('« Produit »: digits typed after Entrée while its answer comes are the next search, never lost', async () => {
    const paracetamol = { cip13: '3400930001035', label: 'PARACÉTAMOL 1 g', packSize: 8, priceCents: 216, list: null };
    const tahor = { cip13: '3400930001134', label: 'TAHOR 20 mg', packSize: 30, priceCents: 980, list: 'I' as const };
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    const { api } = fakeApi({
      // The first code's answer is slow (a busy main process); the next ones come at once.
      'catalogue.search': async ({ query }: { query: string }) =>
        query === paracetamol.cip13 ? (await slow, [paracetamol]) : query === tahor.cip13 ? [tahor] : [],
      'paper.assess': () => ({ renewalNumber: 0, proposedRenewal: 0, lines: [], issues: [], blocking: false }),
      'billing.paper': () => null,
    });
    useApp.setState({ api });
    useCounter.setState({ step: 'rx', rxLines: [], rxQuery: '', rxResults: [], rxResultsFor: '' });
    void useCounter.getState().setRxQuery(paracetamol.cip13);
    const picking = useCounter.getState().pickRx();
    // The scanner goes on with the next box while the first answer is awaited.
    void useCounter.getState().setRxQuery(paracetamol.cip13 + tahor.cip13);
    release();
    await picking;
    await vi.waitFor(() => expect(useCounter.getState().rxResultsFor).toBe(tahor.cip13));
    expect(useCounter.getState().rxQuery).toBe(tahor.cip13);
    await useCounter.getState().pickRx();
    expect(useCounter.getState().rxLines.map((l) => (l.kind === 'CATALOGUE' ? l.cip13 : ''))).toEqual([paracetamol.cip13, tahor.cip13]);
  });

  it('F9 right after Entrée in « Produit » validates once the line is in (the answer to the code was still on its way)', async () => {
    const paracetamol = { cip13: '3400930001035', label: 'PARACÉTAMOL 1 g', packSize: 8, priceCents: 216, list: null };
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    const validated: unknown[] = [];
    const { api } = fakeApi({
      'catalogue.search': async () => (await slow, [paracetamol]),
      'paper.assess': () => ({ renewalNumber: 0, proposedRenewal: 0, lines: [], issues: [], blocking: false }),
      'billing.paper': () => null,
      'paper.validate': (input: unknown) => (
        validated.push(input),
        {
          dispensingId: crypto.randomUUID(),
          executionId: 'x',
          transmission: 'SENT',
          message: 'Ordonnance papier enregistrée.',
          receipt: null,
          scanRequired: false,
        }
      ),
    });
    useApp.setState({ api });
    usePatient.setState({
      called: {
        id: 1,
        nir: null,
        lastName: 'DURAND',
        firstName: 'Léa',
        birthDate: '1980-01-01',
        sex: 'F',
        source: 'MANUAL',
        beneficiaryOf: null,
        relationship: null,
        address: null,
      } as never,
    });
    usePrescriptionHeader.setState({
      prescribedOn: '2026-12-01',
      dateProblem: null,
      prescriber: { rpps: '10003456789', name: 'Dr Anne Martin', specialty: null, amNumber: null, source: 'MANUAL', address: null },
    });
    useCounter.setState({ step: 'rx', circuit: 'PAPER', rxLines: [], rxQuery: paracetamol.cip13, rxResults: [], rxResultsFor: '' });
    const picking = useCounter.getState().pickRx();
    const forward = useCounter.getState().forward();
    release();
    await Promise.all([picking, forward]);
    expect(validated).toEqual([expect.objectContaining({ lines: [expect.objectContaining({ cip13: paracetamol.cip13 })] })]);
  });

  it('a pack read at Facturation with the paper’s date and prescriber filled starts the paper prescription, the pack as its first line; without them it only says so', async () => {
    const amox = { cip13: '3400930001011', label: 'AMOXICILLINE 1 g', packSize: 6, priceCents: 350, list: 'I' as const };
    const { api } = fakeApi({
      'catalogue.search': () => [amox],
      'paper.assess': () => ({ renewalNumber: 0, proposedRenewal: 0, lines: [], issues: [], blocking: false }),
      'billing.paper': () => null,
    });
    useApp.setState({ api });
    const pack = {
      source: 'scanner' as const,
      at: new Date().toISOString(),
      code: {
        kind: 'medicine-pack' as const,
        text: `01034009300010111721123110LOT42`,
        gtin: '03400930001011',
        cip13: amox.cip13,
        batch: 'LOT42',
        expiry: '2027-12-31',
        serial: null,
      },
    };
    usePrescriptionHeader.setState({ prescribedOn: '', dateProblem: null, prescriber: null });
    useCounter.setState({ step: 'idle', rxLines: [] });
    useCounter.getState().onRead(pack as never);
    expect(useCounter.getState().step).toBe('idle');
    usePrescriptionHeader.setState({
      prescribedOn: '2026-12-01',
      dateProblem: null,
      prescriber: { rpps: '10003456789', name: 'Dr Anne Martin', specialty: null, amNumber: null, source: 'MANUAL', address: null },
    });
    useCounter.getState().onRead(pack as never);
    expect(useCounter.getState().step).toBe('rx');
    await vi.waitFor(() =>
      expect(useCounter.getState().rxLines).toEqual([
        expect.objectContaining({ kind: 'CATALOGUE', cip13: amox.cip13, label: 'AMOXICILLINE 1 g', batch: 'LOT42', expiry: '2027-12-31' }),
      ]),
    );
  });
});
