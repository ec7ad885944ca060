import { describe, expect, it } from 'vitest';
import { readConfig } from '../../../src/main/bootstrap/config.js';
import { settingsPatchSchema } from '../../../src/shared/contract/settings-schemas.js';
import { teleserviceUrlProblem } from '../../../src/shared/teleservice/teleservice-url.js';

describe('the téléservice address', () => {
  it.each([
    ['https://teleservice.ameli.fr/eprescription', null],
    ['http://127.0.0.1:8080', null],
    ['http://localhost:8080/v1', null],
    ['http://[::1]:8080', null],
    ['http://teleservice.example', /https:\/\/ obligatoire/],
    ['http://192.168.1.10:8080', /https:\/\/ obligatoire/],
    ['file:///etc/passwd', /https:\/\/ attendue/],
    ['javascript:alert(1)', /https:\/\/ attendue/],
    ['https://user:secret@teleservice.example', /pas d’identifiants/],
    ['pas une adresse', /invalide/],
  ])('%s: %s', (url, problem) => {
    const result = teleserviceUrlProblem(url);
    if (problem === null) expect(result).toBeNull();
    else expect(result).toMatch(problem);
  });

  it('is checked where it enters: the settings and the environment, never echoing it', () => {
    expect(settingsPatchSchema.safeParse({ teleservice: { mode: 'remote', url: 'http://evil.example', token: '12345678' } }).success).toBe(
      false,
    );
    expect(
      settingsPatchSchema.safeParse({ teleservice: { mode: 'remote', url: 'https://teleservice.example', token: '12345678' } }).success,
    ).toBe(true);
    expect(() => readConfig({ COMPTOIR_AM_URL: 'file:///tmp/x', COMPTOIR_AM_TOKEN: 't' })).toThrow(/refusée/);
    expect(() => readConfig({ COMPTOIR_AM_URL: 'http://:secret@', COMPTOIR_AM_TOKEN: 't' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('secret') }),
    );
  });
});
