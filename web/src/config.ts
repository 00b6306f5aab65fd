/**
 * The portal's runtime settings, read from `/config.json` at start: the same
 * build runs locally (the local sign-in) and in AWS (Cognito managed login),
 * only this file differs.
 */
export interface PortalConfig {
  /** OIDC issuer whose discovery document names the endpoints. */
  readonly authority: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly postLogoutRedirectUri: string;
  /** Where signing out happens when the discovery document names no end_session_endpoint (Cognito). */
  readonly endSessionEndpoint?: string;
}

export async function loadConfig(): Promise<PortalConfig> {
  const response = await fetch('/config.json', { cache: 'no-cache' });
  if (!response.ok) throw new Error(`/config.json: HTTP ${response.status}`);
  const config = (await response.json()) as Partial<PortalConfig>;
  for (const field of ['authority', 'clientId', 'redirectUri', 'postLogoutRedirectUri'] as const) {
    if (typeof config[field] !== 'string' || !config[field])
      throw new Error(`/config.json: ${field} is missing`);
  }
  return config as PortalConfig;
}
