/** `host[:port]` of a URL for status lines and logs — never its path, query or credentials; '' when not a URL. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}
