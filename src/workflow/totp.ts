/** TOTP second factor (RFC 6238: SHA-1, 6 digits, 30 s) with otpauth, and its enrolment QR code, made locally. */
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";

const ISSUER = "lvzhi 履职";
const PERIOD = 30;

/** A new random 160-bit secret, base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secret: string, label: string): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: "SHA1",
    digits: 6,
    period: PERIOD,
    secret: Secret.fromBase32(secret),
  });
}

/** The otpauth:// URI an authenticator app scans. */
export function totpUri(secret: string, userName: string): string {
  return totp(secret, userName).toString();
}

/** The current code (for tests and for showing nothing else). */
export function totpCode(secret: string, timestamp = Date.now()): string {
  return totp(secret, "x").generate({ timestamp });
}

/**
 * Checks a code with one step of clock drift either way. Returns the time step it belongs to, or null
 * when wrong or when that step (or a later one) was already used: a code cannot be replayed.
 */
export function acceptTotp(
  secret: string,
  code: string,
  lastStep: number | null,
  timestamp = Date.now(),
): number | null {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(secret, "x").validate({ token, window: 1, timestamp });
  if (delta === null) return null;
  const step = Math.floor(timestamp / 1000 / PERIOD) + delta;
  if (lastStep !== null && step <= lastStep) return null;
  return step;
}

/** The enrolment QR code as an SVG document (rendered here, no network). */
export function qrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
}

/** The enrolment QR code as a data: URL (PNG), for an <img> that works without scripts. */
export function qrDataUrl(uri: string): Promise<string> {
  return QRCode.toDataURL(uri, { errorCorrectionLevel: "M", margin: 2, scale: 5 });
}
