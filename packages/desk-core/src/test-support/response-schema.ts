import { channels, type ChannelName } from '@balance-desk/contract';
import type { z } from 'zod';

/** Parses a channel's answer with its contract schema. */
export function parseResponse(channel: ChannelName, value: unknown): { success: boolean; issues: string } {
  const result = (channels[channel].response as z.ZodType).safeParse(value);
  return { success: result.success, issues: result.error ? JSON.stringify(result.error.issues) : '' };
}
