package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/hookterm/hookterm/tenant"
)

// LocalTenant is what the embedded target needs from package tenant's *Tenant.
type LocalTenant interface {
	// EmbeddedHandler serves the API to this process without logging its token requests.
	EmbeddedHandler() http.Handler
	Credentials() (clientID, clientSecret string)
	Close() error
}

// NewEmbedded opens a client on an already open local tenant, served in process. Close closes
// the tenant too.
func NewEmbedded(ctx context.Context, t LocalTenant, dataDir string) (*Client, error) {
	return newEmbedded(ctx, t, dataDir, embeddedRetryPolicy())
}

func newEmbedded(ctx context.Context, t LocalTenant, dataDir string, retry RetryPolicy) (*Client, error) {
	id, secret := t.Credentials()
	c, err := newHandlerClient(ctx, t.EmbeddedHandler(), id, secret, Target{Kind: TargetEmbedded, Display: dataDir}, retry)
	if err != nil {
		return nil, errors.Join(err, t.Close())
	}
	c.closers = append(c.closers, t.Close)
	return c, nil
}

// OpenEmbedded opens (creating on first use) the local tenant in dataDir and a client on it.
func OpenEmbedded(ctx context.Context, dataDir string) (*Client, error) {
	t, err := tenant.Open(ctx, dataDir, tenant.Options{})
	if err != nil {
		return nil, fmt.Errorf("open the local tenant in %s: %w", dataDir, err)
	}
	return NewEmbedded(ctx, t, dataDir)
}
