/**
 * The sandboxed preload: exposes exactly the contract API as `window.balanceDesk`.
 * Electron security checklist #20 "Do not expose Electron APIs to untrusted web content":
 * https://www.electronjs.org/docs/latest/tutorial/security#20-do-not-expose-electron-apis-to-untrusted-web-content
 * No `ipcRenderer`, no channel names, no Node: only named functions (checklist #3: via contextBridge).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBalanceDeskApi } from './api';

contextBridge.exposeInMainWorld(
  'balanceDesk',
  createBalanceDeskApi((channel, payload) => ipcRenderer.invoke(channel, payload)),
);
