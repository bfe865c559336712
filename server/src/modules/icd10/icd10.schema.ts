import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const icd10Codes = pgTable(
  'icd10_codes',
  {
    /** With the dot, e.g. "J06.9". */
    code: text('code').primaryKey(),
    description: text('description').notNull(),
    /** Spanish (CIE-10) wording; only the starter set has one, the CMS file is English. */
    descriptionEs: text('description_es'),
    /** Lower-case, accent-free English and Spanish descriptions: what word and trigram search match against. */
    searchText: text('search_text').notNull(),
    billable: boolean('billable').notNull().default(true),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('icd10_codes_search_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    index('icd10_codes_code_prefix_idx').on(sql`${t.code} text_pattern_ops`),
  ],
);
