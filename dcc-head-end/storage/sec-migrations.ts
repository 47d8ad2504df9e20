/**
 * The head-end's tables for the SEC party lifecycle (issue 15), kept apart from the core list so
 * that the two branches merge cleanly: appended after MIGRATIONS' own entries.
 */
export const PARTY_EXIT_MIGRATIONS: readonly { readonly id: number; readonly name: string; readonly sql: string }[] = [
  {
    id: 101,
    name: 'SEC ch. 20: the inbox closure and cancelled schedules of a party that left',
    sql: `
      CREATE TABLE inbox_closures (
        party TEXT PRIMARY KEY,
        closed_at INTEGER NOT NULL,
        readable_until INTEGER NOT NULL
      );
      ALTER TABLE schedules ADD COLUMN cancelled_reason TEXT;
    `,
  },
];
