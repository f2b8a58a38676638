// Minimal types for autocannon 9 (it ships none; @types/autocannon would be one more dependency for two calls).
declare module 'autocannon' {
  interface Histogram { average: number; p50: number; p90: number; p99: number; max: number; min: number }
  interface Result {
    requests: Histogram & { total: number; sent: number };
    latency: Histogram & { p97_5: number };
    throughput: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    duration: number;
    '2xx': number;
  }
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    amount?: number;
    pipelining?: number;
    timeout?: number;
    requests?: { method?: string; path?: string }[];
    headers?: Record<string, string>;
  }
  function autocannon(opts: Options): Promise<Result>;
  export default autocannon;
  export type { Result, Options };
}
