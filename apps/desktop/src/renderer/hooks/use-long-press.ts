import { useEffect, useRef, type MouseEvent, type PointerEvent } from 'react';

export const LONG_PRESS_MS = 800;

/** Pointer handlers that call `onLongPress` after holding `ms` (touch terminals have no F2). */
export function useLongPress(onLongPress: () => void, ms = LONG_PRESS_MS) {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const cancel = (): void => clearTimeout(timer.current);
  useEffect(() => cancel, []);
  return {
    onPointerDown(event: PointerEvent) {
      if (event.button !== 0) return;
      cancel();
      timer.current = setTimeout(onLongPress, ms);
    },
    onPointerUp: cancel,
    onPointerLeave: cancel,
    onPointerCancel: cancel,
    onContextMenu(event: MouseEvent) {
      event.preventDefault(); // a long touch opens the context menu otherwise
    },
  };
}
