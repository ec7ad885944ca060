import { z } from 'zod';

/** An address as typed at the counter (patient, prescriber, pharmacy): one line, blank meaning none. */
export const addressSchema = z
  .string()
  .max(200, 'adresse trop longue (200 caractères au plus)')
  .transform((v) => v.replace(/\s+/g, ' ').trim() || null);
