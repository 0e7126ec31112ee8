/**
 * What main uses from `@balance-desk/desk-core`, in one place.
 * `SecretCipher` is declared here until desk-core's index exports it (its storage/vault.ts has it).
 */
import type { dispatchIpc } from '@balance-desk/desk-core';

export type { Desk, Logger } from '@balance-desk/desk-core';

export type SecretCipher = {
  protection(): Promise<'encrypted' | 'insecure' | 'unavailable'>;
  encrypt(plain: string): Promise<Buffer>;
  decrypt(data: Buffer): Promise<{ value: string; shouldReEncrypt: boolean }>;
};

export type DispatchIpc = typeof dispatchIpc;
