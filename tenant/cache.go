package tenant

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"sync/atomic"
)

// hookCache keeps every hook, and its GET rendering, in memory between changes, so that a
// read costs no SQL. Whether the database changed, in this process or another, is read from
// SQLite's WAL-index header in the -shm file (https://sqlite.org/walformat.html §2.1): every
// commit rewrites it (frame count, checksums, salts, change counter). The header is mapped
// shared, so checking is a 96-byte compare, not a query.
type hookCache struct {
	mem   []byte // the mapped WAL index; nil when mapping failed (cache off)
	unmap func() error
	pin   *sql.Conn // keeps this process attached to the WAL index so it is never unlinked
	local atomic.Uint64
	snap  atomic.Pointer[hookSnapshot]
	mu    sync.Mutex // one reload at a time
}

type hookSnapshot struct {
	gen   cacheGen
	list  []*cachedHook // in id order, as the API lists them
	byID  map[string]*cachedHook
	total int
}

type cachedHook struct {
	h   hook
	get []byte // the full GET rendering
}

type cacheGen struct {
	hdr   [48]byte
	local uint64
}

func newHookCache(ctx context.Context, db *sql.DB, dbPath string, logf func(string, ...any)) *hookCache {
	c := &hookCache{}
	pin, err := db.Conn(ctx)
	if err != nil {
		logf("tenant: hook cache off: %v", err)
		return c
	}
	// A query makes sure the WAL index exists before it is mapped.
	var n int
	if err := pin.QueryRowContext(ctx, "SELECT count(*) FROM meta").Scan(&n); err != nil {
		_ = pin.Close()
		logf("tenant: hook cache off: %v", err)
		return c
	}
	mem, unmap, err := mapShm(dbPath)
	if err != nil {
		_ = pin.Close()
		logf("tenant: hook cache off: %v", err)
		return c
	}
	c.mem, c.unmap, c.pin = mem, unmap, pin
	return c
}

func (c *hookCache) close() {
	if c.unmap != nil {
		_ = c.unmap()
	}
	if c.pin != nil {
		_ = c.pin.Close()
	}
}

// generation reads the current header; ok is false while a writer is mid-update (the two
// copies differ), when nothing may be trusted.
func (c *hookCache) generation() (cacheGen, bool) {
	var g cacheGen
	var second [48]byte
	copy(g.hdr[:], c.mem[0:48])
	copy(second[:], c.mem[48:96])
	g.local = c.local.Load()
	return g, g.hdr == second
}

// changed is called after every commit of this process, belt and braces for the header.
func (c *hookCache) changed() { c.local.Add(1) }

// snapshot returns hooks no older than the last commit, or nil when the cache is off.
func (c *hookCache) snapshot(ctx context.Context, db *sql.DB) (*hookSnapshot, error) {
	if c.mem == nil {
		return nil, nil
	}
	g, ok := c.generation()
	if !ok {
		return nil, nil
	}
	if s := c.snap.Load(); s != nil && s.gen == g {
		return s, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if s := c.snap.Load(); s != nil && s.gen == g {
		return s, nil
	}
	// g was read before the query, so the rows are at least as new as g: a commit in
	// between only causes one more reload later.
	rows, err := db.QueryContext(ctx, "SELECT "+hookColumns+" FROM hooks ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("load hooks: %w", err)
	}
	defer rows.Close()
	s := &hookSnapshot{gen: g, byID: map[string]*cachedHook{}}
	for rows.Next() {
		h, err := scanHook(rows)
		if err != nil {
			return nil, fmt.Errorf("load hooks: %w", err)
		}
		ch := &cachedHook{h: h}
		ch.get = appendHookJSON(make([]byte, 0, 128+len(h.Script)), &ch.h, true, nil, true)
		s.list = append(s.list, ch)
		s.byID[h.ID] = ch
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load hooks: %w", err)
	}
	s.total = len(s.list)
	c.snap.Store(s)
	return s, nil
}
