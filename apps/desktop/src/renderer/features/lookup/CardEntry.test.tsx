import { act, cleanup, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installFakeBridge } from '../../test/fake-bridge';
import { resetStores } from '../../test/reset';
import { CardEntry } from './CardEntry';
import { CARD_INPUT_ID } from './dom-ids';
import { useLookupStore } from './lookup-store';

beforeEach(() => {
  resetStores();
  installFakeBridge();
});
afterEach(() => {
  cleanup();
  resetStores();
});

function field(): HTMLInputElement {
  return document.getElementById(CARD_INPUT_ID) as HTMLInputElement;
}

/** What the browser fires before it edits the field; returns whether it may still do so itself. */
function edit(inputType: string, data: string | null = null): boolean {
  let allowed = true;
  act(() => {
    allowed = field().dispatchEvent(
      new InputEvent('beforeinput', { inputType, data, cancelable: true, bubbles: true }),
    );
  });
  return allowed;
}

describe('the card field edits without browser undo history', () => {
  it('typing, inserting at the caret and deleting are applied by the app, not the browser', () => {
    render(<CardEntry />);
    field().focus();
    expect(edit('insertText', '1119')).toBe(false);
    expect(edit('insertText', '25')).toBe(false);
    expect(field().value).toBe('111925');
    field().setSelectionRange(4, 4);
    edit('insertText', '00');
    expect(useLookupStore.getState().draft).toBe('11190025');
    expect(field().selectionStart).toBe(6);
    edit('deleteContentBackward');
    expect(field().value).toBe('1119025');
    field().setSelectionRange(0, 4);
    edit('deleteContentForward');
    expect(field().value).toBe('025');
    field().setSelectionRange(0, 0);
    expect(edit('deleteContentBackward')).toBe(false);
    expect(field().value).toBe('025');
  });

  it('IME composition and other kinds of edit stay with the browser', () => {
    render(<CardEntry />);
    field().focus();
    let allowed = true;
    act(() => {
      allowed = field().dispatchEvent(
        new InputEvent('beforeinput', {
          inputType: 'insertCompositionText',
          data: 'ｋ',
          isComposing: true,
          cancelable: true,
        }),
      );
    });
    expect(allowed).toBe(true);
    expect(edit('deleteWordBackward')).toBe(true);
  });
});
