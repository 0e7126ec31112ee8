import { describe, expect, it } from 'vitest';
import { applySettingsPatch } from '../storage/settings/settings-patch';
import { defaultSettings } from '../storage/settings/settings-schema';
import { parseSettingsText, serializeSettings } from '../storage/settings/settings-file';
import { ProvisioningFileSchema, provisioningErrors } from '../storage/provisioning/provisioning-schema';
import { checkPrinter } from './printer-settings';

const tcp = { kind: 'escpos-tcp', host: '192.168.1.50', port: 9100, paperWidthMm: 80 };
const system = { kind: 'system', deviceName: 'XP-58', paperWidthMm: 58 };

/** Each rule, with the field path and code it answers (docs/PRINTING.md "Settings"). */
const BROKEN: Array<[string, unknown, string, string]> = [
  ['not an object', 'escpos-tcp', 'printer', 'invalid-value'],
  ['an array', [tcp], 'printer', 'invalid-value'],
  ['no kind', { host: '10.0.0.5', paperWidthMm: 80 }, 'printer.kind', 'required'],
  ['an unknown kind', { ...tcp, kind: 'usb' }, 'printer.kind', 'invalid-value'],
  ['no host', { kind: 'escpos-tcp', paperWidthMm: 80 }, 'printer.host', 'required'],
  ['a blank host', { ...tcp, host: '   ' }, 'printer.host', 'required'],
  ['a host that is not text', { ...tcp, host: 42 }, 'printer.host', 'invalid-value'],
  ['a URL for a host', { ...tcp, host: 'http://192.168.1.50' }, 'printer.host', 'invalid-host'],
  ['a host with its port', { ...tcp, host: '192.168.1.50:9100' }, 'printer.host', 'invalid-host'],
  ['a host with a space', { ...tcp, host: 'front desk' }, 'printer.host', 'invalid-host'],
  ['an IPv4 address out of range', { ...tcp, host: '192.168.1.500' }, 'printer.host', 'invalid-host'],
  ['a host over 253 characters', { ...tcp, host: `${'a.'.repeat(127)}aa` }, 'printer.host', 'too-long'],
  ['port 0', { ...tcp, port: 0 }, 'printer.port', 'out-of-range'],
  ['port 65536', { ...tcp, port: 65_536 }, 'printer.port', 'out-of-range'],
  ['a fractional port', { ...tcp, port: 9100.5 }, 'printer.port', 'out-of-range'],
  ['a port as text', { ...tcp, port: '9100' }, 'printer.port', 'invalid-value'],
  ['no paper width', { kind: 'escpos-tcp', host: '10.0.0.5' }, 'printer.paperWidthMm', 'required'],
  ['57 mm paper', { ...tcp, paperWidthMm: 57 }, 'printer.paperWidthMm', 'invalid-value'],
  ['paper width as text', { ...tcp, paperWidthMm: '80' }, 'printer.paperWidthMm', 'invalid-value'],
  ['a field of the other kind', { ...tcp, deviceName: 'XP-58' }, 'printer.deviceName', 'unknown-field'],
  ['no device name', { kind: 'system', paperWidthMm: 58 }, 'printer.deviceName', 'required'],
  ['a blank device name', { ...system, deviceName: ' ' }, 'printer.deviceName', 'required'],
  ['a device name over 256', { ...system, deviceName: 'x'.repeat(257) }, 'printer.deviceName', 'too-long'],
  ['a control character', { ...system, deviceName: 'XP\u001b58' }, 'printer.deviceName', 'invalid-value'],
  ['a network field on a system printer', { ...system, host: '10.0.0.5' }, 'printer.host', 'unknown-field'],
];

describe('the printer setting', () => {
  it('accepts none, a network printer (port 9100 when left out) and a system printer, trimmed', () => {
    expect(checkPrinter(null)).toEqual({ ok: true, printer: null });
    expect(checkPrinter(undefined)).toEqual({ ok: true, printer: null });
    expect(checkPrinter({ kind: 'escpos-tcp', host: ' printer-1.shop.lan ', paperWidthMm: 58 })).toEqual({
      ok: true,
      printer: { kind: 'escpos-tcp', host: 'printer-1.shop.lan', port: 9100, paperWidthMm: 58 },
    });
    expect(checkPrinter({ ...tcp, host: 'fe80::1', port: 9101 })).toMatchObject({ ok: true });
    expect(checkPrinter({ ...system, deviceName: ' XP-58 (副本 1) ' })).toEqual({
      ok: true,
      printer: { kind: 'system', deviceName: 'XP-58 (副本 1)', paperWidthMm: 58 },
    });
  });

  it.each(BROKEN)('refuses %s at its field', (_name, value, path, code) => {
    const checked = checkPrinter(value);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.errors).toContainEqual({ path, code });
  });

  it('tells host names from typos', () => {
    const hostOk = (host: string) =>
      checkPrinter({ kind: 'escpos-tcp', host, port: 9100, paperWidthMm: 80 }).ok;
    expect(hostOk('10.1.2.3')).toBe(true);
    expect(hostOk('xp80')).toBe(true);
    expect(hostOk('-xp80')).toBe(false);
    expect(hostOk('1.2.3')).toBe(false);
  });

  it('a manager patch answers each problem at its field and saves nothing', () => {
    const patched = applySettingsPatch(defaultSettings(), {
      shopName: 'A',
      printer: { kind: 'escpos-tcp', host: 'http://x', port: 0, paperWidthMm: 76 },
    });
    expect(patched).toEqual({
      ok: false,
      fieldErrors: {
        'printer.host': 'invalid-host',
        'printer.port': 'out-of-range',
        'printer.paperWidthMm': 'invalid-value',
      },
    });
    const ok = applySettingsPatch(defaultSettings(), { printer: { ...system } });
    expect(ok.ok && ok.settings.printer).toEqual(system);
    const removed = applySettingsPatch(
      { ...defaultSettings(), printer: { ...tcp } as never },
      { printer: null },
    );
    expect(removed.ok && removed.settings.printer).toBeNull();
  });

  it('the settings file: absent is no printer, a saved one loads back, a broken one is refused', () => {
    const { printer: _p, ...withoutPrinter } = defaultSettings();
    const loaded = parseSettingsText(JSON.stringify(withoutPrinter));
    expect(loaded.ok && loaded.settings.printer).toBeNull();
    const saved = serializeSettings({ ...defaultSettings(), printer: { ...tcp } as never });
    const again = parseSettingsText(saved);
    expect(again.ok && again.settings.printer).toEqual(tcp);
    const broken = parseSettingsText(JSON.stringify({ ...defaultSettings(), printer: { ...tcp, port: -1 } }));
    expect(broken).toMatchObject({ ok: false });
    if (!broken.ok) expect(broken.problem).toContain('printer.port: out-of-range');
  });

  it('a provisioning file names the path and says what to write, never the value', () => {
    const parsed = ProvisioningFileSchema.safeParse({
      printer: { kind: 'escpos-tcp', host: 'http://10.0.0.9', paperWidthMm: 76, colour: 'red' },
    });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    const errors = provisioningErrors(parsed.error.issues);
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: 'printer.host', message: expect.stringContaining('IP address or host name') },
        { path: 'printer.paperWidthMm', message: expect.stringContaining('58 or 80') },
        { path: 'printer.colour', message: 'is not a known field' },
      ]),
    );
    expect(JSON.stringify(errors)).not.toContain('10.0.0.9');
    expect(ProvisioningFileSchema.safeParse({ printer: null }).success).toBe(true);
    expect(ProvisioningFileSchema.parse({ printer: { ...system } }).printer).toEqual(system);
  });
});
