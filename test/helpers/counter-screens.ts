import type { Locator, Page } from 'playwright-core';

/**
 * The labels the end-to-end tests and the benchmarks wait on, written once and verbatim from the
 * specs: a label changed on a screen breaks both at once, never a benchmark alone.
 */
export const LABELS = {
  facturation: 'Facturation',
  code2d: 'Code 2D',
  confirmPrescription: /Confirmer l’ordonnance/,
  renewalNumber: 'Numéro de renouvellement',
  productChoice: 'Produit délivré',
  control: "Contrôle d'ordonnance",
  reason: 'Motif (obligatoire)',
  noDeviation: 'Aucun écart entre la prescription et la délivrance.',
  transmitted: /Exécution transmise/,
  numerisation: "Numérisation de l'ordonnance",
  paper: 'Ordonnance papier',
} as const;

/** What presses keys: the page's keyboard, or a benchmark's counting wrapper around it. */
export type Keys = { press(key: string): Promise<void>; type(text: string): Promise<void> };

/** The counter's screens as a pharmacist meets them, and the steps between them, by keyboard. */
export class CounterScreens {
  constructor(
    readonly page: Page,
    readonly keys: Keys = page.keyboard,
  ) {}

  get facturation(): Locator {
    return this.page.getByRole('heading', { name: LABELS.facturation });
  }
  get code2d(): Locator {
    return this.page.getByLabel(LABELS.code2d);
  }
  get confirmButton(): Locator {
    return this.page.getByRole('button', { name: LABELS.confirmPrescription });
  }
  get renewalNumber(): Locator {
    return this.page.getByLabel(LABELS.renewalNumber);
  }
  get productLines(): Locator {
    return this.page.getByTestId('product-line');
  }
  get prescriptionLines(): Locator {
    return this.page.getByTestId('prescription-line');
  }
  get control(): Locator {
    return this.page.getByRole('heading', { name: LABELS.control });
  }
  get reasons(): Locator {
    return this.page.getByLabel(LABELS.reason);
  }
  get transmission(): Locator {
    return this.page.getByTestId('transmission');
  }
  get dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  /** F3: the Ordonnance Numérique window, its « Code 2D » field ready for the e-reader. */
  async openCode2d(): Promise<void> {
    await this.keys.press('F3');
    await this.code2d.waitFor();
  }

  /**
   * F9 on the shown prescription, F9 on the renewal number: the products step. A prescription
   * none of whose lines can be renewed has no renewal step: one F9.
   */
  async confirmToProducts(): Promise<void> {
    await this.confirmButton.waitFor();
    await this.forwardToProducts();
  }

  /** F9 from the shown prescription to the products, through the renewal number when there is one. */
  async forwardToProducts(): Promise<void> {
    await this.keys.press('F9');
    await Promise.race([this.renewalNumber.waitFor(), this.productLines.first().waitFor()]);
    if (await this.renewalNumber.isVisible()) await this.keys.press('F9');
    await this.productLines.first().waitFor();
  }

  /** Line n's « Produit délivré », once its generics and other packs are listed. */
  async productChoices(n: number): Promise<Locator> {
    const select = this.productLines.nth(n - 1).getByLabel(LABELS.productChoice);
    await select.locator('option').nth(1).waitFor({ state: 'attached' });
    return select;
  }

  /** F9 on the products: the « Contrôle d'ordonnance » window. */
  async toControl(): Promise<void> {
    await this.keys.press('F9');
    await this.control.waitFor();
  }

  /** F9 on the control: the dispensing is recorded; returns what the transmission panel says. */
  async validate(): Promise<string> {
    await this.keys.press('F9');
    await this.transmission.waitFor();
    return (await this.transmission.textContent()) ?? '';
  }

  /**
   * Configuration → Officine → Paramètres officine → Réglementation: phase 1 or 2, saved, in three keys
   * from Alt+C (R, the phase's digit, Entrée); back to Facturation.
   */
  async setPhase(phase: 1 | 2): Promise<void> {
    await this.page.keyboard.press('Alt+c');
    await this.page.getByRole('tab', { name: 'Identité', selected: true }).waitFor();
    await this.page.keyboard.press('r');
    await this.page.getByRole('tab', { name: 'Réglementation', selected: true }).waitFor();
    await this.page.keyboard.press(String(phase));
    await this.page.keyboard.press('Enter');
    await this.page.getByTestId('settings-saved').getByText('Paramètres enregistrés.').waitFor();
    await this.page.keyboard.press('Escape');
    await this.facturation.waitFor();
  }

  /**
   * Ctrl+O and the file chosen. Headless Chromium now and then opens no chooser for a Ctrl+O (a
   * browser shortcut, whose keydown may not count as a user gesture): a second press, as a person
   * would, before calling it a failure.
   */
  async chooseFile(file: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const chooser = this.page.waitForEvent('filechooser', { timeout: 5_000 });
      await this.keys.press('Control+o');
      try {
        return await (await chooser).setFiles(file);
      } catch (error) {
        if (attempt === 2) throw error;
      }
    }
  }

  /** « Numérisation de l'ordonnance »: Ctrl+O, the scanner's file chosen, the answer awaited. */
  async scanFile(file: string): Promise<void> {
    await this.page.getByRole('heading', { name: LABELS.numerisation }).waitFor();
    await this.chooseFile(file);
    await this.page.getByTestId('scan-result').waitFor();
  }

  /**
   * F9 on the transmission: the window closes, back to Facturation. In phase 1 (a new install's) F9
   * first opens « Numérisation de l'ordonnance »: F9 again leaves it « à numériser ».
   */
  async close(): Promise<void> {
    await this.keys.press('F9');
    const numerisation = this.page.getByRole('heading', { name: LABELS.numerisation });
    await Promise.race([this.dialog.waitFor({ state: 'detached' }), numerisation.waitFor()]);
    if (await numerisation.isVisible()) await this.keys.press('F9');
    await this.dialog.waitFor({ state: 'detached' });
  }
}
