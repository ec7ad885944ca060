import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { describe, it } from 'vitest';
import { codePng } from '../../src/main/services/codes/code-writer.js';
import { chromiumAndServe, frenchPage, keepScreenshot } from '../helpers/browser.js';
import { CounterScreens, LABELS } from '../helpers/counter-screens.js';
import { fromPng, place, rotate, toJpeg, toY4m } from '../helpers/images.js';

const dir = mkdtempSync(join(tmpdir(), 'comptoir-images-'));
const env = chromiumAndServe();

describe('reading the QR code from an image file and from the webcam (zxing-wasm in the renderer)', () => {
  it('reads a phone photo of the ordonnance chosen as a file (Ctrl+O)', async () => {
    const photo = toJpeg(rotate(place(fromPng(await codePng('01KB6CQ643DZVMXXQA', 'QRCode', 1)), 1200, 900, 9, 0.4, 0.6), 6), 70);
    const file = join(dir, 'photo.jpg');
    writeFileSync(file, photo);
    const page = await frenchPage(env.browser, env.ws.url);
    await page.keyboard.press('F3');
    await page.getByLabel(LABELS.code2d).waitFor();
    await new CounterScreens(page).chooseFile(file);
    await page.getByRole('heading', { name: /Ordonnance n° 01KB-6CQ6-43DZ-VMXX-QA/ }).waitFor();
    await page.keyboard.press('Escape');
  });

  it('says so when the image holds no code', async () => {
    const page = await frenchPage(env.browser, env.ws.url);
    await page.keyboard.press('F3');
    await page.getByTestId('image-input').setInputFiles({
      name: 'blank.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.from(toJpeg({ width: 64, height: 64, data: new Uint8Array(4096).fill(255) }, 90)),
    });
    await page
      .getByTestId('live-assertive')
      .getByText(/Aucun QR code lisible dans cette image/)
      .waitFor({ state: 'attached' });
  });

  it('reads the QR code shown to the webcam (Ctrl+K)', async () => {
    const video = join(dir, 'camera.y4m');
    writeFileSync(video, toY4m(place(fromPng(await codePng('015V37E3S3E28JT97C', 'QRCode', 1)), 640, 480, 8), 20));
    const camBrowser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
        `--use-file-for-fake-video-capture=${video}`,
      ],
    });
    try {
      const page = await frenchPage(camBrowser, env.ws.url);
      await page.context().grantPermissions(['camera'], { origin: env.ws.url });
      await page.keyboard.press('F3');
      await page.getByLabel(LABELS.code2d).waitFor();
      await page.keyboard.press('Control+k');
      await page.getByRole('heading', { name: /Ordonnance n° 015V-37E3-S3E2-8JT9-7C/ }).waitFor({ timeout: 20_000 });
      await keepScreenshot(page, 'webcam-read');
    } finally {
      await camBrowser.close();
    }
  });
});
