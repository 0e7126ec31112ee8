import { describe, expect, it } from 'vitest';
import { settingsView } from '../../test/fake-bridge';
import { draftFromView, patchFromDraft } from './settings-draft';

describe('the printer in the settings draft', () => {
  it('no printer: kind "none", nothing in the patch until it changes', () => {
    const view = settingsView();
    const draft = draftFromView(view);
    expect(draft.values['printer.kind']).toBe('none');
    expect(patchFromDraft(draft, view).patch).toEqual({});
  });

  it('a network printer from the fields, the port as a number', () => {
    const view = settingsView();
    const draft = draftFromView(view);
    draft.values['printer.kind'] = 'escpos-tcp';
    draft.values['printer.host'] = ' 192.168.1.50 ';
    draft.values['printer.paperWidthMm'] = '58';
    expect(patchFromDraft(draft, view)).toEqual({
      patch: { printer: { kind: 'escpos-tcp', host: '192.168.1.50', port: 9100, paperWidthMm: 58 } },
      errors: {},
    });
  });

  it('a port that is not a whole number is the form’s own error, and no printer is sent', () => {
    const view = settingsView();
    const draft = draftFromView(view);
    draft.values['printer.kind'] = 'escpos-tcp';
    draft.values['printer.port'] = '91OO';
    expect(patchFromDraft(draft, view)).toEqual({ patch: {}, errors: { 'printer.port': 'not-an-integer' } });
  });

  it('a saved system printer loads into the fields; choosing none removes it', () => {
    const view = settingsView({ printer: { kind: 'system', deviceName: 'XP-58', paperWidthMm: 58 } });
    const draft = draftFromView(view);
    expect(draft.values['printer.deviceName']).toBe('XP-58');
    expect(patchFromDraft(draft, view).patch).toEqual({});
    draft.values['printer.kind'] = 'none';
    expect(patchFromDraft(draft, view).patch).toEqual({ printer: null });
  });
});
