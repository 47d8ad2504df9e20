/**
 * The SEC side's tables (issue 15), appended at the end of the head-end's migration list
 * (dcc-head-end/storage/migrations.ts) so one database file holds both. Each record is a JSON
 * document keyed by what it is read by; the SEC code owns the shape (sec/lifecycle/records.ts).
 */
export const SEC_MIGRATIONS: readonly { readonly id: number; readonly name: string; readonly sql: string }[] = [
  {
    id: 111,
    name: 'SEC lifecycle: applications, party records, notices, elective services',
    sql: `
      CREATE TABLE sec_applications (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        party TEXT NOT NULL,
        record TEXT NOT NULL
      );
      CREATE INDEX sec_applications_by_party ON sec_applications (party);
      CREATE TABLE sec_parties (
        party TEXT PRIMARY KEY,
        record TEXT NOT NULL
      );
      CREATE TABLE sec_notices (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        kind TEXT NOT NULL,
        subject TEXT NOT NULL,
        reason TEXT NOT NULL,
        detail TEXT NOT NULL
      );
      CREATE TABLE sec_notice_recipients (
        notice INTEGER NOT NULL,
        party TEXT NOT NULL,
        PRIMARY KEY (notice, party)
      );
      CREATE INDEX sec_notices_by_recipient ON sec_notice_recipients (party, notice);
      CREATE TABLE sec_electives (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        record TEXT NOT NULL
      );
      CREATE TABLE sec_elective_parties (
        elective INTEGER NOT NULL,
        party TEXT NOT NULL,
        PRIMARY KEY (elective, party)
      );
    `,
  },
];
