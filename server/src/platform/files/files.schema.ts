import { bigint, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Blobs are content-addressed: the key is the sha256 of the bytes. */
export const blobs = pgTable('blobs', {
  sha256: text('sha256').primaryKey(),
  size: bigint('size', { mode: 'number' }).notNull(),
  contentType: text('content_type').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  /** The last time the content was put: the garbage collector leaves blobs alone for a while after it. */
  touchedAt: timestamp('touched_at', { withTimezone: true }).notNull().defaultNow(),
});
