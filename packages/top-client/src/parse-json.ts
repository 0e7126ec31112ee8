import { TopResponseError, excerptOf } from './errors';

/** Cheap pre-check: a run of 16+ digits right after `:`, `[` or `,` (a bare JSON number that may not fit a double exactly). */
const LONG_NUMBER_HINT = /[:[,]\s*-?\d{16}/;
/** Strings are matched whole first, so digits inside them are never touched. */
const STRING_OR_LONG_INTEGER = /"(?:[^"\\]|\\.)*"|(?<=[:[,]\s*)-?\d{16,}(?=\s*[,}\]])/g;

/**
 * Turns bare integers beyond Number.MAX_SAFE_INTEGER into JSON strings before JSON.parse, so a
 * huge amount arrives as exact decimal text instead of a silently rounded float
 * (docs/TOP-PROTOCOL.md §5 "Money unit"). Safe integers stay numbers.
 */
export function quoteUnsafeIntegers(text: string): string {
  if (!LONG_NUMBER_HINT.test(text)) return text;
  return text.replace(STRING_OR_LONG_INTEGER, (token) =>
    token.charCodeAt(0) === 34 /* " */ || Number.isSafeInteger(Number(token)) ? token : `"${token}"`,
  );
}

/** V8's wording (Node 20) when the input stops early: the body was cut, not garbled. */
const TRUNCATED_MESSAGE = /end of JSON input|Unterminated string/i;
const POSITION = /at position (\d+)/;

/** Cut short = V8 gave up at the very end of the input rather than somewhere inside it. */
function isTruncation(err: unknown, input: string): boolean {
  if (!(err instanceof Error)) return false;
  if (TRUNCATED_MESSAGE.test(err.message)) return true;
  const at = POSITION.exec(err.message);
  return at !== null && Number(at[1]) >= input.trimEnd().length;
}

/** Parses a JSON body whose root must be an object. */
export function parseJsonRoot(
  text: string,
  secrets: readonly (string | undefined)[],
): Record<string, unknown> {
  let root: unknown;
  const input = quoteUnsafeIntegers(text);
  try {
    root = JSON.parse(input);
  } catch (err) {
    throw isTruncation(err, input)
      ? new TopResponseError(
          'truncated JSON from the TOP gateway',
          excerptOf(text, secrets),
          true,
          'truncated',
        )
      : new TopResponseError(
          'malformed JSON from the TOP gateway',
          excerptOf(text, secrets),
          false,
          'malformed',
        );
  }
  if (typeof root !== 'object' || root === null || Array.isArray(root)) {
    throw new TopResponseError(
      'TOP JSON response is not an object',
      excerptOf(text, secrets),
      false,
      'shape',
    );
  }
  return root as Record<string, unknown>;
}
