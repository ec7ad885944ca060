import { describe, expect, it } from 'vitest';
import { useApp } from '../../src/renderer/stores/app-store.js';
import { useSettings } from '../../src/renderer/stores/settings-store.js';
import { fakeApi } from './fake-api.js';

const view = {
  pharmacy: { finess: '750000001', name: 'Pharmacie du Marché', pharmacistRpps: '10001234567' },
  teleservice: { mode: 'embedded', url: null },
  transmissionPhase: 2,
  reader: { mode: 'auto', layout: 'us' },
};

describe('Configuration’s settings draft', () => {
  it('keeps a choice made before the settings arrived, and Entrée then saves that choice', async () => {
    let answer: (v: unknown) => void = () => {};
    const { api, calls } = fakeApi({
      'settings.get': () => new Promise((r) => (answer = r)),
      'settings.save': () => ({ ...view, transmissionPhase: 1, restartNeeded: false }),
    });
    useApp.setState({ api });
    const loading = useSettings.getState().load();
    useSettings.getState().edit({ phase: '1' }); // « 1 » pressed on Réglementation as the screen opens
    const saving = useSettings.getState().save(['phase']); // Entrée before the answer
    await new Promise((r) => setTimeout(r, 0));
    answer(view);
    await loading;
    expect(await saving).toBe(true);
    expect(useSettings.getState().draft).toMatchObject({ phase: '1', finess: '750000001', name: 'Pharmacie du Marché' });
    expect(calls.find((c) => c.name === 'settings.save')?.input).toEqual({ transmissionPhase: 1 });
  });

  it('shows the saved settings when nothing was typed meanwhile', async () => {
    const { api } = fakeApi({ 'settings.get': () => view });
    useApp.setState({ api });
    await useSettings.getState().load();
    expect(useSettings.getState().draft.phase).toBe('2');
  });
});
