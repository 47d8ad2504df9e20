import type { Eui64 } from '../../protocol/index.js';
import type { Db } from '../../dcc-head-end/storage/database.js';
import type { Application, Notice, SecParty } from './records.js';

/** The SEC side's records in the shared database (tables: sec/storage/migrations.ts). */
export class SecStore {
  constructor(readonly db: Db) {}

  party(eui: Eui64): SecParty | undefined {
    const row = this.db.prepare('SELECT record FROM sec_parties WHERE party = ?').get(eui) as
      { record: string } | undefined;
    return row ? (JSON.parse(row.record) as SecParty) : undefined;
  }

  parties(): SecParty[] {
    return (this.db.prepare('SELECT record FROM sec_parties ORDER BY party').all() as { record: string }[]).map(
      (row) => JSON.parse(row.record) as SecParty,
    );
  }

  putParty(record: SecParty): SecParty {
    this.db
      .prepare(
        'INSERT INTO sec_parties (party, record) VALUES (?, ?) ON CONFLICT (party) DO UPDATE SET record = excluded.record',
      )
      .run(record.party, JSON.stringify(record));
    return record;
  }

  addApplication(application: Omit<Application, 'id'>): Application {
    const id = Number(
      this.db
        .prepare('INSERT INTO sec_applications (party, record) VALUES (?, ?)')
        .run(application.party, JSON.stringify(application)).lastInsertRowid,
    );
    return this.putApplication({ ...application, id });
  }

  putApplication(application: Application): Application {
    this.db
      .prepare('UPDATE sec_applications SET record = ? WHERE id = ?')
      .run(JSON.stringify(application), application.id);
    return application;
  }

  application(id: number): Application | undefined {
    const row = this.db.prepare('SELECT record FROM sec_applications WHERE id = ?').get(id) as
      { record: string } | undefined;
    return row ? (JSON.parse(row.record) as Application) : undefined;
  }

  applicationsOf(party: Eui64): Application[] {
    return (
      this.db.prepare('SELECT record FROM sec_applications WHERE party = ? ORDER BY id').all(party) as {
        record: string;
      }[]
    ).map((row) => JSON.parse(row.record) as Application);
  }

  addNotice(notice: Omit<Notice, 'id'>): Notice {
    const id = Number(
      this.db
        .prepare('INSERT INTO sec_notices (at, kind, subject, reason, detail) VALUES (?, ?, ?, ?, ?)')
        .run(notice.at, notice.kind, notice.subject, notice.reason, JSON.stringify(notice.detail)).lastInsertRowid,
    );
    for (const party of new Set(notice.recipients))
      this.db.prepare('INSERT INTO sec_notice_recipients (notice, party) VALUES (?, ?)').run(id, party);
    return { ...notice, id };
  }

  /** The notices sent to `party`, oldest first; `kind` narrows them. */
  noticesTo(party: Eui64, kind?: string): Notice[] {
    const rows = this.db
      .prepare(
        `SELECT n.* FROM sec_notices n JOIN sec_notice_recipients r ON r.notice = n.id
         WHERE r.party = ? AND (? IS NULL OR n.kind = ?) ORDER BY n.id`,
      )
      .all(party, kind ?? null, kind ?? null) as NoticeRow[];
    return rows.map((row) => this.fromRow(row));
  }

  notices(kind?: string): Notice[] {
    return (
      this.db
        .prepare('SELECT * FROM sec_notices WHERE (? IS NULL OR kind = ?) ORDER BY id')
        .all(kind ?? null, kind ?? null) as NoticeRow[]
    ).map((row) => this.fromRow(row));
  }

  private fromRow(row: NoticeRow): Notice {
    const recipients = (
      this.db.prepare('SELECT party FROM sec_notice_recipients WHERE notice = ? ORDER BY party').all(row.id) as {
        party: string;
      }[]
    ).map((r) => r.party as Eui64);
    return {
      id: row.id,
      at: row.at,
      kind: row.kind,
      subject: row.subject as Eui64,
      reason: row.reason,
      detail: JSON.parse(row.detail) as Record<string, unknown>,
      recipients,
    };
  }
}

interface NoticeRow {
  id: number;
  at: number;
  kind: string;
  subject: string;
  reason: string;
  detail: string;
}
