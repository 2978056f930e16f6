import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './app/styles.css';
// Every module registers itself (pages, menu, strings) before the router is built.
import './modules';
import { Shell } from './app/shell';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Shell />
  </StrictMode>,
);
