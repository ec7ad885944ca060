// Module hooks: `electron` resolves to the fake beside this file (the binary cannot be downloaded here).
const FAKE = new URL('./fake-electron.mjs', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: FAKE, shortCircuit: true };
  return nextResolve(specifier, context);
}
