package api

import (
	"context"
	"errors"
	"net/http"
)

// LocalTenant is what the embedded target needs from package tenant's *Tenant.
type LocalTenant interface {
	Handler() http.Handler
	Credentials() (clientID, clientSecret string)
	Close() error
}

// NewEmbedded opens a client on an already open local tenant, served in process. Close closes
// the tenant too.
func NewEmbedded(ctx context.Context, t LocalTenant, dataDir string) (*Client, error) {
	id, secret := t.Credentials()
	c, err := newHandlerClient(ctx, t.Handler(), id, secret, Target{Kind: TargetEmbedded, Display: dataDir})
	if err != nil {
		return nil, errors.Join(err, t.Close())
	}
	c.closers = append(c.closers, t.Close)
	return c, nil
}

// OpenEmbedded opens (creating on first use) the local tenant in dataDir and a client on it.
// (Placeholder until package tenant lands on this branch.)
func OpenEmbedded(ctx context.Context, dataDir string) (*Client, error) {
	return nil, errors.New("the embedded tenant is not available yet")
}
