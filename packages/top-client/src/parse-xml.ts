import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { TopResponseError, excerptOf } from './errors';

/**
 * Value parsing OFF: every leaf stays the exact text the gateway sent, so a big integer is never
 * turned into a float and a card id keeps its leading zeros. Repeated children become arrays.
 */
const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: true,
  htmlEntities: false,
});

/** A TOP answer never carries a DTD; refusing one rules out entity-expansion tricks outright. */
const DTD = /<!DOCTYPE|<!ENTITY/i;

/** fast-xml-parser's wording for elements still open at the end of the input. */
const UNCLOSED = /^(Unclosed tag|Invalid '\[)/;

/** Parses an XML body into its single root element's name and content. */
export function parseXmlRoot(
  text: string,
  secrets: readonly (string | undefined)[],
): { name: string; value: unknown } {
  if (DTD.test(text)) {
    throw new TopResponseError(
      'XML with a DTD from the TOP gateway',
      excerptOf(text, secrets),
      false,
      'malformed',
    );
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const truncated = UNCLOSED.test(valid.err.msg);
    throw truncated
      ? new TopResponseError(
          'truncated XML from the TOP gateway',
          excerptOf(text, secrets),
          true,
          'truncated',
        )
      : new TopResponseError(
          'malformed XML from the TOP gateway',
          excerptOf(text, secrets),
          false,
          'malformed',
        );
  }
  const doc: unknown = parser.parse(text);
  const names = typeof doc === 'object' && doc !== null ? Object.keys(doc) : [];
  const name = names[0];
  if (names.length !== 1 || name === undefined) {
    throw new TopResponseError(
      'TOP XML response has no single root element',
      excerptOf(text, secrets),
      false,
      'shape',
    );
  }
  return { name, value: (doc as Record<string, unknown>)[name] };
}
