import type { Eui64 } from '../../protocol/index.js';
import type { Db } from '../../dcc-head-end/storage/database.js';
import type { ElectiveService } from './records.js';

/** Elective services and who is party to each (tables: sec/storage/migrations.ts). */
export class ElectiveStore {
  constructor(private readonly db: Db) {}

  add(service: Omit<ElectiveService, 'id'>): ElectiveService {
    const id = Number(this.db.prepare('INSERT INTO sec_electives (record) VALUES (?)').run('{}').lastInsertRowid);
    for (const party of service.parties)
      this.db.prepare('INSERT INTO sec_elective_parties (elective, party) VALUES (?, ?)').run(id, party);
    return this.put({ ...service, id });
  }

  put(service: ElectiveService): ElectiveService {
    this.db.prepare('UPDATE sec_electives SET record = ? WHERE id = ?').run(JSON.stringify(service), service.id);
    return service;
  }

  get(id: number): ElectiveService | undefined {
    const row = this.db.prepare('SELECT record FROM sec_electives WHERE id = ?').get(id) as
      { record: string } | undefined;
    return row ? (JSON.parse(row.record) as ElectiveService) : undefined;
  }

  ofParty(party: Eui64): ElectiveService[] {
    return (
      this.db
        .prepare(
          'SELECT e.record FROM sec_electives e JOIN sec_elective_parties p ON p.elective = e.id WHERE p.party = ? ORDER BY e.id',
        )
        .all(party) as { record: string }[]
    ).map((row) => JSON.parse(row.record) as ElectiveService);
  }

  all(): ElectiveService[] {
    return (this.db.prepare('SELECT record FROM sec_electives ORDER BY id').all() as { record: string }[]).map(
      (row) => JSON.parse(row.record) as ElectiveService,
    );
  }
}
