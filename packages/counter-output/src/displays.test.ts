import { describe, expect, it } from 'vitest';
import { chooseDisplay, validateBounds, type DisplayInfo } from './displays';

const display = (
  id: number,
  x: number,
  y: number,
  width: number,
  height: number,
  taskbar = 0,
): DisplayInfo => ({
  id,
  bounds: { x, y, width, height },
  workArea: { x, y, width, height: height - taskbar },
});

const cashier = display(1, 0, 0, 1920, 1080, 40);
const customer = display(2, 1920, 0, 800, 480);
const other = display(3, -1024, 0, 1024, 600);

describe('chooseDisplay', () => {
  it('takes the wanted display while it is connected', () => {
    expect(chooseDisplay([cashier, customer, other], 3)).toBe(other);
    expect(chooseDisplay([cashier, customer], 1)).toBe(cashier); // the manager may choose it deliberately
  });

  it('falls back to a display that is not the cashier’s when the wanted one is gone', () => {
    expect(chooseDisplay([cashier, customer], 99)).toBe(customer);
    expect(chooseDisplay([customer, cashier], undefined)).toBe(customer);
    expect(chooseDisplay([cashier, other, customer], null, 3)).toBe(cashier);
  });

  it('chooses none rather than cover the cashier’s only screen', () => {
    expect(chooseDisplay([cashier], 2)).toBeNull();
    expect(chooseDisplay([], 2)).toBeNull();
  });

  it('ignores displays with nonsense geometry', () => {
    const broken = {
      id: 4,
      bounds: { x: 0, y: 0, width: 0, height: 0 },
      workArea: { x: 0, y: 0, width: 0, height: 0 },
    };
    expect(chooseDisplay([cashier, broken], 4)).toBeNull();
  });
});

describe('validateBounds', () => {
  it('keeps bounds that lie on a connected display', () => {
    expect(validateBounds({ x: 1920, y: 0, width: 800, height: 480 }, [cashier, customer])).toEqual({
      bounds: { x: 1920, y: 0, width: 800, height: 480 },
      displayId: 2,
    });
  });

  it('refuses bounds on a display that is gone, so the window never opens off-screen', () => {
    expect(validateBounds({ x: 1920, y: 0, width: 800, height: 480 }, [cashier])).toBeNull();
    expect(validateBounds({ x: 5000, y: 5000, width: 100, height: 100 }, [cashier, customer])).toBeNull();
  });

  it('refuses bounds mostly off every display, and pulls a window hanging over an edge back inside', () => {
    expect(validateBounds({ x: 2600, y: 0, width: 800, height: 480 }, [cashier, customer])).toBeNull();
    expect(validateBounds({ x: 2000, y: 100, width: 800, height: 480 }, [cashier, customer])).toEqual({
      bounds: { x: 1920, y: 0, width: 800, height: 480 },
      displayId: 2,
    });
    // bigger than the work area: shrunk to it, above the taskbar
    expect(validateBounds({ x: 0, y: 0, width: 4000, height: 3000 }, [cashier])).toBeNull();
    expect(validateBounds({ x: 0, y: 100, width: 1920, height: 1080 }, [cashier])).toEqual({
      bounds: { x: 0, y: 0, width: 1920, height: 1040 },
      displayId: 1,
    });
  });

  it('treats anything that is not a rectangle as no saved bounds', () => {
    for (const bad of [
      null,
      undefined,
      'x',
      {},
      { x: 0, y: 0, width: -1, height: 10 },
      { x: Number.NaN, y: 0, width: 1, height: 1 },
    ]) {
      expect(validateBounds(bad, [cashier, customer])).toBeNull();
    }
  });
});
