import { JournalEntry, ManagerEvent, maskCardForLog } from '@balance-desk/contract';

/** A run of 9+ digits is a card id (or part of one) until proven otherwise. */
const DIGIT_RUN = /\d{9,}/g;
const maskRuns = (text: string): string => text.replace(DIGIT_RUN, (run) => maskCardForLog(run));

/**
 * The caller masks the card; this is the second line of defence, because a journal is kept for a
 * month and copied into support tickets: a card that is not masked yet is masked here, and any
 * run of 9+ digits (a card id, or part of one) is masked wherever it appears. Unknown fields are
 * dropped. Applied on write and again on read: a day file is a plain file anyone with disk access
 * can edit, and what comes back must be masked all the same.
 */
export function sanitizeJournalEntry(entry: JournalEntry): JournalEntry | undefined {
  const card = typeof entry.card === 'string' ? entry.card : '';
  // maskCardForLog's output always contains '…': anything without one was never masked.
  const safeCard = card.includes('…') ? maskRuns(card) : maskCardForLog(card);
  const parsed = JournalEntry.safeParse({
    ...entry,
    card: safeCard,
    ...(typeof entry.reason === 'string' ? { reason: maskRuns(entry.reason) } : {}),
    ...(typeof entry.subCode === 'string' ? { subCode: maskRuns(entry.subCode) } : {}),
  });
  return parsed.success ? parsed.data : undefined;
}

/** Manager events carry field names, a host and a short detail: never a value, and no card id either. */
export function sanitizeManagerEvent(event: ManagerEvent): ManagerEvent | undefined {
  const parsed = ManagerEvent.safeParse({
    ...event,
    ...(typeof event.detail === 'string' ? { detail: maskRuns(event.detail) } : {}),
  });
  return parsed.success ? parsed.data : undefined;
}
