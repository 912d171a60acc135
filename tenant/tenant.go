// Package tenant is hookterm's embedded local tenant: an http.Handler that answers the subset
// of Auth0's Management API that hooks use (hooks, hook secrets, logs, client-credentials
// tokens) from a SQLite database in a data folder, with Auth0's status codes, bodies, token
// checks and rate-limit headers, so that one client code path serves Auth0 and local work.
package tenant

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/hookterm/hookterm/trigger"
)

// Defaults for Options' zero values.
const (
	// DefaultRateLimit is the sustained requests per second per client: generous, because the
	// local tenant serves one person's tools, yet finite so that runaway loops see 429s the way
	// they would on Auth0.
	DefaultRateLimit = 1000
	// DefaultRateBurst is the token bucket's size.
	DefaultRateBurst = 2000
	// DefaultTokenTTL is Auth0's default lifetime of a Management API token.
	DefaultTokenTTL = 24 * time.Hour
	// DefaultMaxLogEntries is how many log entries the tenant keeps by default.
	DefaultMaxLogEntries = 100000
	// DefaultBusyTimeout is how long a write waits for another process's write to finish.
	DefaultBusyTimeout = 10 * time.Second
)

// ClientName is the name of the tenant's machine-to-machine application in log entries.
const ClientName = "hookterm"

// GrantedScopes are the Management API scopes the tenant's client is granted, space-separated
// as in a token's scope claim.
const GrantedScopes = "read:hooks create:hooks update:hooks delete:hooks read:logs"

// Options tune a Tenant. The zero value is the production configuration.
type Options struct {
	// ClientID and ClientSecret, when both are set, become the tenant's client credentials
	// (stored, replacing the previous ones), e.g. from `hookterm serve --client-id/--client-secret`.
	ClientID, ClientSecret string
	// RateLimit is the sustained requests per second per client (0: DefaultRateLimit;
	// negative: no limit). RateBurst is the bucket size (0: DefaultRateBurst).
	RateLimit float64
	RateBurst int
	// TokenTTL is the lifetime of issued access tokens (0: DefaultTokenTTL).
	TokenTTL time.Duration
	// Now is the clock (nil: time.Now); tests move it to expire tokens.
	Now func() time.Time
	// BusyTimeout bounds how long a write waits for another process (0: DefaultBusyTimeout).
	BusyTimeout time.Duration
	// MaxLogEntries is how many log entries are kept; older ones are deleted
	// (0: DefaultMaxLogEntries).
	MaxLogEntries int
	// ErrorLog receives internal errors (a failing database); nil discards them. Secrets are
	// never written to it.
	ErrorLog *log.Logger
}

// Tenant is an open local tenant. Its methods and handler are safe for concurrent use, and
// several processes may open the same data folder at once.
type Tenant struct {
	dir     string
	db      *sql.DB
	opts    Options
	now     func() time.Time
	created bool

	clientID, clientSecret string
	key                    *rsa.PrivateKey
	kid                    string

	writeMu sync.Mutex // serialises this process's write transactions (see inTx)
	cache   *hookCache
	tokens  *tokenCache
	limiter *limiter
	stmts   *statements
	handler http.Handler
}

// Open opens the tenant in dir, creating the folder (mode 0700) and the tenant on first start:
// client credentials, a signing key and one disabled starter hook per extensibility point.
func Open(ctx context.Context, dir string, opts Options) (*Tenant, error) {
	if dir == "" {
		return nil, errors.New("open tenant: no data folder given")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("open tenant: create data folder %s: %w", dir, err)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.RateLimit == 0 {
		opts.RateLimit = DefaultRateLimit
	}
	if opts.RateBurst <= 0 {
		opts.RateBurst = DefaultRateBurst
	}
	if opts.TokenTTL <= 0 {
		opts.TokenTTL = DefaultTokenTTL
	}
	if opts.MaxLogEntries <= 0 {
		opts.MaxLogEntries = DefaultMaxLogEntries
	}
	if opts.BusyTimeout <= 0 {
		opts.BusyTimeout = DefaultBusyTimeout
	}
	if (opts.ClientID == "") != (opts.ClientSecret == "") {
		return nil, errors.New("open tenant: a client id needs a client secret and the other way round")
	}
	db, err := openDB(ctx, dir, opts.BusyTimeout)
	if err != nil {
		return nil, fmt.Errorf("open tenant: %w", err)
	}
	t := &Tenant{dir: dir, db: db, opts: opts, now: opts.Now}
	if err := t.bootstrap(ctx); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("open tenant in %s: %w", dir, err)
	}
	if t.stmts, err = prepare(ctx, db); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("open tenant in %s: %w", dir, err)
	}
	t.cache = newHookCache(ctx, db, filepath.Join(dir, DBFile), t.logf)
	t.tokens = newTokenCache(4096)
	t.limiter = newLimiter(opts.RateLimit, opts.RateBurst, opts.Now)
	t.handler = t.routes()
	return t, nil
}

// Created reports whether this Open created the tenant (its first start), so that
// `hookterm serve` prints the client secret only then.
func (t *Tenant) Created() bool { return t.created }

// Dir is the data folder.
func (t *Tenant) Dir() string { return t.dir }

// Credentials are the tenant's machine-to-machine client id and secret.
func (t *Tenant) Credentials() (clientID, clientSecret string) { return t.clientID, t.clientSecret }

// Handler answers the Management API subset, /oauth/token and hookterm's extensions.
func (t *Tenant) Handler() http.Handler { return t.handler }

// inProcessKey marks requests that come from hookterm's own client in this process.
type inProcessKey struct{}

// EmbeddedHandler is Handler for hookterm's own in-process client. It answers the same API,
// except that the client's successful token requests are not logged: every hookterm command
// fetches a token as it starts, and a seccft entry per command would bury the events a user
// tails. Tools that reach the tenant through `hookterm serve` are logged as Auth0 logs them.
func (t *Tenant) EmbeddedHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.handler.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), inProcessKey{}, true)))
	})
}

// Close releases the database.
func (t *Tenant) Close() error {
	t.cache.close()
	t.stmts.close()
	if err := t.db.Close(); err != nil {
		return fmt.Errorf("close tenant %s: %w", t.dir, err)
	}
	return nil
}

func (t *Tenant) logf(format string, args ...any) {
	if t.opts.ErrorLog != nil {
		t.opts.ErrorLog.Printf(format, args...)
	}
}

// bootstrap creates the tenant on first start and loads its credentials and key. Creating
// (or storing given credentials) runs in one write transaction, so that two processes
// starting on a new folder create one tenant; an ordinary start only reads, so it never
// waits for another process's writes.
func (t *Tenant) bootstrap(ctx context.Context) error {
	meta, err := readMeta(ctx, t.db)
	if err != nil {
		return err
	}
	if meta["client_id"] == "" || t.credentialsDiffer(meta) {
		err := t.inTx(ctx, func(tx *sql.Tx) error {
			if meta, err = readMeta(ctx, tx); err != nil {
				return err
			}
			if meta["client_id"] == "" {
				if err := t.create(ctx, tx, meta); err != nil {
					return err
				}
				t.created = true
			}
			if t.credentialsDiffer(meta) {
				meta["client_id"], meta["client_secret"] = t.opts.ClientID, t.opts.ClientSecret
				for _, k := range []string{"client_id", "client_secret"} {
					if _, err := tx.ExecContext(ctx, "INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)", k, meta[k]); err != nil {
						return fmt.Errorf("store client credentials: %w", err)
					}
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	t.clientID, t.clientSecret = meta["client_id"], meta["client_secret"]
	block, _ := pem.Decode([]byte(meta["signing_key"]))
	if block == nil {
		return errors.New("the stored signing key is not PEM")
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return fmt.Errorf("parse the stored signing key: %w", err)
	}
	rk, ok := k.(*rsa.PrivateKey)
	if !ok {
		return errors.New("the stored signing key is not RSA")
	}
	t.key = rk
	t.kid = keyID(&rk.PublicKey)
	return nil
}

// credentialsDiffer reports whether Options asks for credentials other than the stored ones.
func (t *Tenant) credentialsDiffer(meta map[string]string) bool {
	return t.opts.ClientID != "" && (t.opts.ClientID != meta["client_id"] || t.opts.ClientSecret != meta["client_secret"])
}

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func readMeta(ctx context.Context, q querier) (map[string]string, error) {
	meta := map[string]string{}
	rows, err := q.QueryContext(ctx, "SELECT key, value FROM meta")
	if err != nil {
		return nil, fmt.Errorf("read settings: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, fmt.Errorf("read settings: %w", err)
		}
		meta[k] = v
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read settings: %w", err)
	}
	return meta, nil
}

// create makes a new tenant's credentials, signing key and starter hooks.
func (t *Tenant) create(ctx context.Context, tx *sql.Tx, meta map[string]string) error {
	secret := make([]byte, 48)
	if _, err := rand.Read(secret); err != nil {
		return fmt.Errorf("generate client secret: %w", err)
	}
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return fmt.Errorf("generate signing key: %w", err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return fmt.Errorf("encode signing key: %w", err)
	}
	clientID, err := randomAlnum(32) // shaped like Auth0's client ids
	if err != nil {
		return fmt.Errorf("generate client id: %w", err)
	}
	meta["client_id"] = clientID
	meta["client_secret"] = base64.RawURLEncoding.EncodeToString(secret)
	meta["signing_key"] = string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
	meta["created_at"] = t.now().UTC().Format(time.RFC3339Nano)
	for k, v := range meta {
		if _, err := tx.ExecContext(ctx, "INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)", k, v); err != nil {
			return fmt.Errorf("store setting %s: %w", k, err)
		}
	}
	for _, p := range trigger.All() {
		h := hook{ID: t.newID(), Name: "starter-" + string(p.ID), Script: p.Starter, TriggerID: string(p.ID), Dependencies: map[string]string{}}
		if err := insertHook(ctx, tx, &h); err != nil {
			return fmt.Errorf("create starter hook %s: %w", h.Name, err)
		}
	}
	return nil
}

func keyID(pub *rsa.PublicKey) string {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return "hookterm"
	}
	sum := sha256.Sum256(der)
	return hex.EncodeToString(sum[:8])
}

// randomAlnum returns n random letters and digits, without modulo bias.
func randomAlnum(n int) (string, error) {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	out := make([]byte, 0, n)
	buf := make([]byte, 2*n)
	for len(out) < n {
		if _, err := rand.Read(buf); err != nil {
			return "", err
		}
		for _, c := range buf {
			// 248 is the largest multiple of 62 below 256.
			if c < 248 && len(out) < n {
				out = append(out, alphabet[int(c)%len(alphabet)])
			}
		}
	}
	return string(out), nil
}
