import { z } from 'zod';
import { ManagerEvent } from './audit';
import { PIN_PATTERN, SETTINGS_SAVE_FAILURES } from './model';
import { DisplayOption } from './customer-display';
import { LookupOutcome } from './outcome';
import {
  PrintAnswer,
  PrinterList,
  PrinterSettingsInput,
  PrintResultRequest,
  TestPrintAnswer,
} from './printing';
import { FieldErrors, SettingsPatch, SettingsView } from './settings';
import { AppStatus, ConnectionVerdict, JournalEntry, PinVerifyResult, Unauthorized } from './status';

const token = z.string().min(16).max(128);
const pin = z.string().regex(PIN_PATTERN, 'a PIN is 4 to 12 digits');

/**
 * The one channel map (docs/ARCHITECTURE.md "Add an IPC channel"): every IPC channel with its
 * request and response schema.
 * Main validates each request with these before calling desk-core; the web bridge does the same.
 */
export const channels = {
  'balance:lookup': {
    request: z.object({ cardId: z.string().max(1024) }).strict(),
    response: LookupOutcome,
  },
  'settings:get': {
    request: z.object({}).strict(),
    response: SettingsView,
  },
  'settings:update': {
    request: z.object({ managerToken: token, patch: SettingsPatch }).strict(),
    response: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('ok'), settings: SettingsView }),
      z.object({ kind: z.literal('invalid'), fieldErrors: FieldErrors }),
      /** The disk refused a write (`code`: its errno, e.g. ENOSPC); see SETTINGS_SAVE_FAILURES. */
      z.object({
        kind: z.literal('failed'),
        reason: z.enum(SETTINGS_SAVE_FAILURES),
        code: z
          .string()
          .regex(/^E[A-Z0-9]+$/)
          .max(32)
          .optional(),
      }),
      Unauthorized,
    ]),
  },
  'pin:verify': {
    request: z.object({ pin: z.string().max(64) }).strict(),
    response: PinVerifyResult,
  },
  'pin:set': {
    /** Without a PIN set yet, no token is needed (first run); otherwise a manager session is. */
    request: z.object({ newPin: pin, managerToken: token.optional() }).strict(),
    response: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('ok') }),
      Unauthorized,
      z.object({ kind: z.literal('weak-pin') }),
      z.object({ kind: z.literal('already-set') }),
    ]),
  },
  'connection:test': {
    /** Tests the saved settings, or a draft of changes (which needs a manager session). */
    request: z.object({ managerToken: token.optional(), draft: SettingsPatch.optional() }).strict(),
    response: z.discriminatedUnion('kind', [ConnectionVerdict, Unauthorized]),
  },
  'app:status': {
    request: z.object({}).strict(),
    response: AppStatus,
  },
  'journal:recent': {
    request: z.object({ limit: z.number().int().min(1).max(500).optional() }).strict(),
    response: z.array(JournalEntry),
  },
  'kiosk:exit': {
    request: z.object({ managerToken: token }).strict(),
    response: z.discriminatedUnion('kind', [z.object({ kind: z.literal('ok') }), Unauthorized]),
  },
  /** The manager audit trail, newest first (needs a manager session). */
  'audit:recent': {
    request: z.object({ managerToken: token, limit: z.number().int().min(1).max(100).optional() }).strict(),
    response: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('ok'), events: z.array(ManagerEvent).max(100) }),
      Unauthorized,
    ]),
  },
  /** Prints the result on screen (docs/PRINTING.md); main refuses one that is not the latest shown. */
  'slip:print': {
    request: PrintResultRequest,
    response: PrintAnswer,
  },
  /** A sample slip from settings: the saved printer, or a draft one from the form (needs a manager session). */
  'slip:test': {
    request: z.object({ managerToken: token, printer: PrinterSettingsInput.optional() }).strict(),
    response: TestPrintAnswer,
  },
  /** The printers the OS knows, for the settings form (needs a manager session). */
  'printers:list': {
    request: z.object({ managerToken: token }).strict(),
    response: PrinterList,
  },
  /** The cashier screen went back to rest (Esc, idle clear): the customer display follows it. */
  'customer:clear': {
    request: z.object({}).strict(),
    response: z.object({ kind: z.literal('cleared') }),
  },
  /** The displays the manager may put the customer view on (none in the web preview). */
  'customer:displays': {
    request: z.object({}).strict(),
    response: z.object({ kind: z.literal('displays'), displays: z.array(DisplayOption).max(16) }),
  },
} as const;

type Channels = typeof channels;
export type ChannelName = keyof Channels;
export const CHANNEL_NAMES = Object.keys(channels) as ChannelName[];
export type ChannelRequest<C extends ChannelName> = z.input<Channels[C]['request']>;
export type ChannelResponse<C extends ChannelName> = z.output<Channels[C]['response']>;

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.hasOwn(channels, name);
}
