import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@dkfds/css/dkfds.min.css';
import './app.css';
import { App } from './App.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
