/** Service requests that do the same at the device as another: critical and non-critical join/unjoin. */
export const METER_HANDLER_ALIASES: Readonly<Record<string, string>> = { '8.7.2': '8.7.1', '8.8.2': '8.8.1' };
