/**
 * The customer window's sandboxed preload: `window.balanceDeskCustomer.onCustomerView` only — no
 * lookup, no settings, no invoke of any channel (main refuses this window's calls anyway).
 * Electron security checklist #20 "Do not expose Electron APIs to untrusted web content":
 * https://www.electronjs.org/docs/latest/tutorial/security#20-do-not-expose-electron-apis-to-untrusted-web-content
 */
import { CUSTOMER_VIEW_EVENT } from '@balance-desk/contract';
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createCustomerDisplayApi } from './api';

contextBridge.exposeInMainWorld(
  'balanceDeskCustomer',
  createCustomerDisplayApi((listener) => {
    const onView = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(CUSTOMER_VIEW_EVENT, onView);
    return () => ipcRenderer.removeListener(CUSTOMER_VIEW_EVENT, onView);
  }),
);
