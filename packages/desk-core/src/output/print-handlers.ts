import type { Handlers } from '../desk/handlers';
import type { ManagerSessions } from '../desk/manager-sessions';
import type { PrintService } from './print-service';
import { checkPrinter } from './printer-settings';

const UNAUTHORIZED = { kind: 'unauthorized' } as const;

/** The print channels: the result on screen (no PIN: it is the cashier's own screen), test print and printer list (manager). */
export function createPrintHandlers(ctx: {
  print: PrintService;
  sessions: ManagerSessions;
}): Pick<Handlers, 'slip:print' | 'slip:test' | 'printers:list'> {
  return {
    'slip:print': (request) => ctx.print.printResult(request),

    'slip:test': async ({ managerToken, printer }) => {
      if (!ctx.sessions.check(managerToken)) return UNAUTHORIZED;
      if (printer === undefined) return ctx.print.testPrint();
      // A draft from the form: the same rules as saving it, answered at the fields.
      const checked = checkPrinter(printer);
      if (!checked.ok) return { kind: 'invalid', fieldErrors: checked.errors };
      return ctx.print.testPrint(checked.printer);
    },

    'printers:list': async ({ managerToken }) => {
      if (!ctx.sessions.check(managerToken)) return UNAUTHORIZED;
      return ctx.print.listPrinters();
    },
  };
}
