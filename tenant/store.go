package tenant

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"time"

	_ "modernc.org/sqlite" // the pure-Go SQLite driver, registered as "sqlite"
)

// DBFile is the tenant database's name inside the data folder.
const DBFile = "tenant.db"

// schemaMigrations are applied in order; schema version N means the first N ran. Never edit a
// released entry: add a new one, so that every existing data folder upgrades the same way.
func schemaMigrations() []string {
	return []string{
		// 1: the tenant's own settings, hooks, their secrets and the tenant log.
		`CREATE TABLE meta (
		key   TEXT PRIMARY KEY,
		value TEXT NOT NULL
	);
	CREATE TABLE hooks (
		id           TEXT PRIMARY KEY,
		name         TEXT NOT NULL UNIQUE,
		script       TEXT NOT NULL,
		trigger_id   TEXT NOT NULL,
		enabled      INTEGER NOT NULL DEFAULT 0,
		dependencies TEXT NOT NULL DEFAULT '{}'
	);
	-- The one-enabled-hook-per-point rule, enforced by the database too, so that two processes
	-- can never both enable a hook of one point.
	CREATE UNIQUE INDEX hooks_one_enabled ON hooks(trigger_id) WHERE enabled = 1;
	CREATE TABLE secrets (
		hook_id TEXT NOT NULL REFERENCES hooks(id) ON DELETE CASCADE,
		name    TEXT NOT NULL,
		value   TEXT NOT NULL,
		PRIMARY KEY (hook_id, name)
	);
	CREATE TABLE logs (
		seq         INTEGER PRIMARY KEY AUTOINCREMENT,
		log_id      TEXT NOT NULL UNIQUE,
		date        TEXT NOT NULL,
		type        TEXT NOT NULL,
		description TEXT NOT NULL DEFAULT '',
		client_id   TEXT NOT NULL DEFAULT '',
		client_name TEXT NOT NULL DEFAULT '',
		user_id     TEXT NOT NULL DEFAULT '',
		user_name   TEXT NOT NULL DEFAULT '',
		connection  TEXT NOT NULL DEFAULT '',
		ip          TEXT NOT NULL DEFAULT '',
		user_agent  TEXT NOT NULL DEFAULT '',
		hook_id     TEXT NOT NULL DEFAULT '',
		entry       TEXT NOT NULL
	);
	CREATE INDEX logs_type ON logs(type, seq);
	CREATE INDEX logs_hook ON logs(hook_id, seq);`,
	}
}

// openDB opens (creating if needed) the tenant database in dir with the settings every
// process on the folder must share: WAL so readers never block the writer, a busy timeout so
// concurrent writers from other processes wait instead of failing, and BEGIN IMMEDIATE for
// every transaction so a writer takes the lock up front (a deferred transaction that upgrades
// from read to write can fail with SQLITE_BUSY without waiting).
func openDB(ctx context.Context, dir string, busy time.Duration) (*sql.DB, error) {
	path := filepath.Join(dir, DBFile)
	// Create the file ourselves so that it (and the -wal/-shm files SQLite derives from its
	// mode) is 0600: it holds the client secret, the signing key and hook secrets. Only a
	// file we create is opened and closed here: closing a descriptor of a database this
	// process already has open would drop SQLite's POSIX locks on it.
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	switch {
	case err == nil:
		if err := f.Close(); err != nil {
			return nil, fmt.Errorf("close %s: %w", path, err)
		}
	case !errors.Is(err, fs.ErrExist):
		return nil, fmt.Errorf("create %s: %w", path, err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		return nil, fmt.Errorf("restrict %s: %w", path, err)
	}
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busy.Milliseconds()))
	q.Add("_pragma", "journal_mode(WAL)")
	// NORMAL is durable against a killed process in WAL mode (only an OS crash can roll
	// back the last commits); FULL would add an fsync to every write for no gain here.
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Set("_txlock", "immediate")
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(8)
	db.SetConnMaxIdleTime(0)
	if err := migrate(ctx, db); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("migrate %s: %w", path, err)
	}
	return db, nil
}

// migrate brings the schema to the latest version inside one write transaction, so that two
// processes starting together on a new folder apply each migration exactly once.
func migrate(ctx context.Context, db *sql.DB) error {
	migrations := schemaMigrations()
	// Up to date is the common case: check it without taking the write lock.
	var current int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&current); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if current == len(migrations) {
		return nil
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	var version int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if version > len(migrations) {
		return fmt.Errorf("schema version %d is newer than this hookterm (%d): upgrade hookterm", version, len(migrations))
	}
	for i := version; i < len(migrations); i++ {
		if _, err := tx.ExecContext(ctx, migrations[i]); err != nil {
			return fmt.Errorf("migration %d: %w", i+1, err)
		}
	}
	if version < len(migrations) {
		// PRAGMA takes no bound parameters; the value is our own integer.
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", len(migrations))); err != nil {
			return fmt.Errorf("set schema version: %w", err)
		}
	}
	return tx.Commit()
}

// inTx runs fn in a write transaction and commits it when fn returns nil.
func inTx(ctx context.Context, db *sql.DB, fn func(*sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(tx); err != nil {
		if rbErr := tx.Rollback(); rbErr != nil && !errors.Is(rbErr, sql.ErrTxDone) {
			return errors.Join(err, fmt.Errorf("rollback: %w", rbErr))
		}
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// inTx runs fn in a write transaction of t's database. Writers of this process queue on a
// mutex first: SQLite's busy handler waits by sleeping (up to 100 ms a step), which suits
// other processes but would make this process's own concurrent writes crawl.
func (t *Tenant) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	t.writeMu.Lock()
	defer t.writeMu.Unlock()
	return inTx(ctx, t.db, fn)
}
