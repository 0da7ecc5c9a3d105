"""PostgreSQL sessions: connections and DSNs, the statement runner shared by apply and the proof,
the history table and backups."""
