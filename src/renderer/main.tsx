import { keepEarlyKeys } from './keyboard/early-keys.js';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { chooseApi } from './api/choose-api.js';
import { useApp } from './stores/app-store.js';
import './styles.css';

// Before anything else: F3 pressed while the workstation starts opens its window once ready.
keepEarlyKeys();
const root = document.getElementById('root');
if (root) {
  void useApp
    .getState()
    .connect(chooseApi())
    .finally(() => createRoot(root).render(<App />));
}
