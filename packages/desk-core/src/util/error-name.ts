/**
 * What a log line or a support detail may say about a caught value: its class name, never its
 * message (a message may quote a secret, a card id or a path). `otherwise` names a non-Error;
 * by default its `typeof`.
 */
export function errorName(error: unknown, otherwise: string = typeof error): string {
  return error instanceof Error ? error.name : otherwise;
}
