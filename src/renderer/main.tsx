import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { chooseApi } from './api/choose-api.js';
import { useApp } from './stores/app-store.js';
import './styles.css';

const root = document.getElementById('root');
if (root) {
  void useApp
    .getState()
    .connect(chooseApi())
    .finally(() => createRoot(root).render(<App />));
}
