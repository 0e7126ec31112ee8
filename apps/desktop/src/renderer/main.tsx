import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { ErrorBoundary } from './app/ErrorBoundary';
import { useLookupStore } from './features/lookup/lookup-store';
import { useSettingsStore } from './features/settings/settings-store';
import { en } from './i18n/en';
import { zhCN } from './i18n/zh-CN';
import './styles/base.css';
import './styles/result.css';
import './styles/errors.css';
import './styles/controls.css';
import './styles/dialogs.css';
import './styles/feedback.css';
import './styles/printing.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      {/* Last line of defence: whatever fails to render, the cashier gets a working screen back. */}
      <ErrorBoundary
        message={`${zhCN.app.crashed} ${en.app.crashed}`}
        onRecover={() => {
          useLookupStore.getState().clear();
          useSettingsStore.getState().close();
        }}
      >
        <App />
      </ErrorBoundary>
    </StrictMode>,
  );
}
