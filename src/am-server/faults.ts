import { z } from 'zod';

/** Injected faults of the mock (`POST /_mock/faults`). */
export const faultsSchema = z
  .object({
    latencyMs: z.number().int().min(0).max(60_000).default(0),
    failRate: z.number().min(0).max(1).default(0),
    down: z.boolean().default(false),
    dropResponseRate: z.number().min(0).max(1).default(0),
    /** The `Retry-After` its 503s carry (seconds; mock-only, beyond the spec's four keys). */
    retryAfterSeconds: z.number().int().min(0).max(3600).default(1),
  })
  .strict();
export type Faults = z.infer<typeof faultsSchema>;

export const NO_FAULTS: Faults = { latencyMs: 0, failRate: 0, down: false, dropResponseRate: 0, retryAfterSeconds: 1 };
