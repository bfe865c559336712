/**
 * The pg_trgm word-similarity threshold every connection starts with: what the `<%` operator (and a trigram
 * index scan answering it) treats as a match. Only fuzzy name search relies on it, and setting it when a
 * connection opens saves that search a transaction of its own just to set it.
 */
export const WORD_SIMILARITY_THRESHOLD = 0.3;

/** Run once on every new connection (both drivers). */
export const SESSION_SETUP_SQL = `set pg_trgm.word_similarity_threshold = ${WORD_SIMILARITY_THRESHOLD}`;
