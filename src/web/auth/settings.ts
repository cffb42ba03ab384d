/** Sign-in settings from the environment, with the defaults of workflow/auth.ts. */
import { type AuthSettings, DEFAULT_AUTH } from "../../workflow/auth.ts";
import { policyFromEnv } from "../../workflow/passwords.ts";

function minutes(name: string, fallback: number): number {
  const n = Number(process.env[name]);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

/** $LVZHI_PASSWORD_POLICY (dengbao|asvs), $LVZHI_SESSION_IDLE_MINUTES, $LVZHI_SESSION_HOURS. */
export function authSettingsFromEnv(): AuthSettings {
  return {
    ...DEFAULT_AUTH,
    policy: policyFromEnv(),
    idleMinutes: minutes("LVZHI_SESSION_IDLE_MINUTES", DEFAULT_AUTH.idleMinutes),
    absoluteHours: minutes("LVZHI_SESSION_HOURS", DEFAULT_AUTH.absoluteHours),
  };
}
