/**
 * electron-builder 26 packaging (loaded through jiti; run from the repo root, whose package.json is
 * the app's: `main: out/main/index.js`, no runtime `dependencies` — everything is bundled in out/).
 *   pnpm exec electron-vite build
 *   pnpm exec electron-builder --config apps/desktop/electron-builder.config.ts --publish never [--win | --linux]
 * Needs the Electron zip from the internet: it cannot run on the offline build machine.
 */
import type { Configuration } from 'electron-builder';

const config = {
  appId: 'com.balancedesk.pos',
  productName: 'BalanceDesk',
  copyright: 'Copyright © BalanceDesk contributors',
  directories: { output: 'dist/${version}', buildResources: 'apps/desktop/build' },
  // Only the build output and the manifest; sources, tests and the workspace stay out of the asar,
  // and so does the web preview's browser client (`pnpm build` writes it to out/web-preview).
  files: ['out/**/*', 'package.json', '!**/*.map', '!out/web-preview/**'],
  asar: true,
  // No native modules to rebuild, and no auto-update feed (updates are pushed by IT; docs/DEPLOYMENT.md).
  npmRebuild: false,
  publish: null,
  /**
   * Electron security checklist #19 "Check which fuses you can change":
   * https://www.electronjs.org/docs/latest/tutorial/security#19-check-which-fuses-you-can-change
   * The binary cannot be turned into a Node interpreter or debugged, and only loads our (integrity
   * checked) app.asar. `file://` gets no extra privileges: we serve from app:// (checklist #18).
   */
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
  },
  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
    executableName: 'BalanceDesk',
  },
  /** Per-machine into Program Files: one install for every POS account, not writable by cashiers. */
  nsis: {
    oneClick: false,
    perMachine: true,
    allowElevation: true,
    allowToChangeInstallationDirectory: false,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    shortcutName: 'BalanceDesk',
    // Settings, vault and journal belong to the terminal, not to the installer.
    deleteAppDataOnUninstall: false,
    artifactName: 'BalanceDesk-Setup-${version}.${ext}',
  },
  linux: {
    target: [
      { target: 'AppImage', arch: ['x64'] },
      { target: 'deb', arch: ['x64'] },
    ],
    executableName: 'balance-desk',
    category: 'Office',
    synopsis: 'Member card balance lookup for the cash desk',
    maintainer: 'BalanceDesk IT <it@balancedesk.invalid>',
    // electron-builder names the arch the way each format does: `amd64` for the .deb (Debian's
    // name, what apt expects) and `x86_64` for the AppImage; docs/DEPLOYMENT.md uses those names.
    artifactName: 'BalanceDesk-${version}-${arch}.${ext}',
    // The cage kiosk unit and logind drop-in, as examples for IT to copy into /etc
    // (docs/DEPLOYMENT.md "Linux"); installed into /opt/BalanceDesk/kiosk/, never enabled by the package.
    extraFiles: [
      {
        from: 'apps/desktop/build/linux',
        to: 'kiosk',
        filter: ['balancedesk-kiosk.service', 'logind-balancedesk.conf'],
      },
    ],
  },
} satisfies Configuration;

export default config;
