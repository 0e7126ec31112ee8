import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { CustomerScreen } from './CustomerScreen';
import './customer.css';

const root = document.getElementById('customer-root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <CustomerScreen api={window.balanceDeskCustomer} />
    </StrictMode>,
  );
}
