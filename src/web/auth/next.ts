/**
 * Where to go after signing in (`?next=`): only a path on this site. Anything else (another origin,
 * "//host", backslashes, control characters or whitespace that browsers strip or fold) becomes "/".
 */

// A fixed origin to resolve against: whatever the path resolves to must stay on it.
const ORIGIN = "http://lvzhi.invalid";
const MAX_LENGTH = 2048;

/**
 * The same-origin path (with query and fragment) `next` names; "/" when it names anything else; null when
 * there is none (the user's home page then).
 */
export function safeNext(value: string | undefined | null): string | null {
  if (value === undefined || value === null || value === "") return null;
  if (value.length > MAX_LENGTH) return "/";
  if (!value.startsWith("/") || value.startsWith("//")) return "/";
  // Browsers drop tabs and newlines and read "\" as "/": "/\t/evil" and "/\\evil" mean //evil.
  if (/[\\\s\p{Cc}\p{Cf}\p{Z}]/u.test(value)) return "/";
  let url: URL;
  try {
    url = new URL(value, ORIGIN);
  } catch {
    return "/";
  }
  if (url.origin !== ORIGIN) return "/";
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith("//") ? "/" : path;
}
