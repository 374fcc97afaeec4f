// The health verdict's shape, shared by health/ (HTTP /health) and control/ (`tsdns-control health`).

/** One zone's health, as /health and `tsdns-control health` report it. */
export interface ZoneHealth {
  readonly zone: string;
  readonly role: 'primary' | 'secondary';
  readonly healthy: boolean;
  /** Why not, when not healthy. */
  readonly problems: readonly string[];
  readonly serial: number | null;
  /** ISO 8601 times, or null. */
  readonly loaded: string | null;
  readonly lastRefresh: string | null;
  readonly primarySerial: number | null;
  /** Seconds until the zone expires (secondary with a copy), or null. */
  readonly expiresIn: number | null;
}

export interface HealthReport {
  readonly healthy: boolean;
  readonly zones: readonly ZoneHealth[];
}
