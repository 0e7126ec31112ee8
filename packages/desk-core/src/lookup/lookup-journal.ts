import type { JournalEntry, LookupOutcome } from '@balance-desk/contract';
import type { Journal, Logger } from '../ports';

/** Writes one lookup's line: `card` is already masked; `attempts` goes to the log only. */
export type RecordLookup = (card: string, outcome: LookupOutcome, attempts: number) => void;

/** One journal line and one log line per lookup, with the fields support needs and never a full card id. */
export function lookupRecorder(journal: Journal, logger: Logger, now: () => Date): RecordLookup {
  return (card, outcome, attempts) => {
    const entry: JournalEntry = { at: now().toISOString(), card, kind: outcome.kind };
    if (outcome.kind === 'ok') {
      entry.latencyMs = outcome.latencyMs;
      entry.accounts = outcome.accounts.length;
      if (outcome.requestId !== undefined) entry.requestId = outcome.requestId;
    } else if (outcome.kind === 'error') {
      entry.reason = outcome.reason;
      entry.latencyMs = outcome.latencyMs;
      if (outcome.detail.code !== undefined) entry.code = outcome.detail.code;
      if (outcome.detail.subCode !== undefined) entry.subCode = outcome.detail.subCode;
      if (outcome.detail.requestId !== undefined) entry.requestId = outcome.detail.requestId;
    }
    journal.record(entry);
    const { at: _at, ...fields } = entry;
    logger.info('lookup', { ...fields, attempts });
  };
}
