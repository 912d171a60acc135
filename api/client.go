package api

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/auth0/go-auth0/management"
	"golang.org/x/oauth2"
)

// Client is the Management API client: the same go-auth0 code talks to an Auth0 tenant, a
// `hookterm serve` tenant on loopback or the embedded tenant in this process.
type Client struct {
	// m is go-auth0's management client. api/logs.go (the logs engineer's file) uses it too.
	m *management.Management
	// target says which tenant m talks to.
	target Target
	// closers release what the target holds (the embedded tenant's database), last first.
	closers []func() error
}

// Target describes the tenant the client talks to.
func (c *Client) Target() Target { return c.target }

// Close releases the target's resources. It is safe to call more than once.
func (c *Client) Close() error {
	var errs []error
	for i := len(c.closers) - 1; i >= 0; i-- {
		if err := c.closers[i](); err != nil {
			errs = append(errs, err)
		}
	}
	c.closers = nil
	return errors.Join(errs...)
}

// connection is everything needed to build a go-auth0 management client.
type connection struct {
	host         string // host[:port], no scheme
	plainHTTP    bool
	clientID     string
	clientSecret string
	token        string
	transport    http.RoundTripper // the network, or the embedded tenant's handler
	retry        RetryPolicy
	timeout      time.Duration // per request; 0 for none
}

// connect builds the go-auth0 client. go-auth0's retries are off (they would repeat writes
// after network failures); our retryTransport sits under its oauth2 transport instead, and the
// token requests of the client-credentials flow go through the same transport.
func connect(ctx context.Context, c connection, target Target) (*Client, error) {
	hc := &http.Client{Transport: newRetryTransport(c.transport, c.retry), Timeout: c.timeout}
	opts := []management.Option{
		management.WithClient(hc),
		management.WithNoRetries(),
	}
	if c.plainHTTP {
		// WithInsecure switches the scheme to http and installs a dummy token; the real
		// credentials below replace the token, and the token URL is built with http too.
		opts = append(opts, management.WithInsecure())
	}
	switch {
	case c.token != "":
		opts = append(opts, management.WithStaticToken(c.token))
	case c.clientID != "" && c.clientSecret != "":
		// The token source keeps this context for every later token request: it must
		// outlive the caller's context and carry our HTTP client.
		tokenCtx := context.WithValue(context.WithoutCancel(ctx), oauth2.HTTPClient, hc)
		opts = append(opts, management.WithClientCredentials(tokenCtx, c.clientID, c.clientSecret))
	default:
		return nil, errors.New("no credentials: a client id and secret, or a token, are needed")
	}
	m, err := management.New(c.host, opts...)
	if err != nil {
		return nil, fmt.Errorf("create management client for %s: %w", c.host, err)
	}
	return &Client{m: m, target: target, closers: []func() error{func() error {
		hc.CloseIdleConnections()
		return nil
	}}}, nil
}

// RemoteOptions select a tenant reached over the network.
type RemoteOptions struct {
	// Domain is the tenant's domain (my-tenant.eu.auth0.com) or a `hookterm serve` address
	// (127.0.0.1:4545); a leading https:// or http:// is accepted.
	Domain string
	// ClientID and ClientSecret are a machine-to-machine application's credentials; Token is a
	// Management API token used instead of them.
	ClientID, ClientSecret, Token string
	// Insecure speaks plain HTTP; it is refused for anything but a loopback address.
	Insecure bool
	// Transport replaces the network (tests); nil uses http.DefaultTransport.
	Transport http.RoundTripper
	// Retry replaces DefaultRetryPolicy when non-nil.
	Retry *RetryPolicy
}

// NewRemote opens a client for an Auth0 tenant or a `hookterm serve` tenant.
func NewRemote(ctx context.Context, o RemoteOptions) (*Client, error) {
	host, scheme, err := splitDomain(o.Domain)
	if err != nil {
		return nil, err
	}
	if scheme == "http" && !o.Insecure {
		return nil, fmt.Errorf("domain %q asks for plain HTTP: add --insecure (allowed for loopback addresses only)", o.Domain)
	}
	loopback := isLoopback(host)
	if o.Insecure && !loopback {
		return nil, fmt.Errorf("--insecure (plain HTTP) is refused for %s: credentials and hooks would cross the network unencrypted; it is allowed for loopback addresses only", host)
	}
	if o.Token == "" && (o.ClientID == "" || o.ClientSecret == "") {
		return nil, fmt.Errorf("tenant %s: give a client id and client secret, or a token", host)
	}
	retry := DefaultRetryPolicy()
	if o.Retry != nil {
		retry = *o.Retry
	}
	kind := TargetRemote
	if loopback {
		kind = TargetLocal
	}
	return connect(ctx, connection{
		host: host, plainHTTP: o.Insecure,
		clientID: o.ClientID, clientSecret: o.ClientSecret, token: o.Token,
		transport: o.Transport, retry: retry, timeout: 60 * time.Second,
	}, Target{Kind: kind, Display: host})
}

// splitDomain accepts "host[:port]" or a URL and returns host[:port] and the scheme asked for
// ("" when none).
func splitDomain(domain string) (host, scheme string, err error) {
	d := strings.TrimSpace(domain)
	if d == "" {
		return "", "", errors.New("no tenant domain given")
	}
	if i := strings.Index(d, "://"); i >= 0 {
		scheme = strings.ToLower(d[:i])
		if scheme != "http" && scheme != "https" {
			return "", "", fmt.Errorf("domain %q: unsupported scheme %q", domain, scheme)
		}
		d = d[i+3:]
	}
	d = strings.TrimSuffix(d, "/")
	if d == "" || strings.ContainsAny(d, "/?# ") {
		return "", "", fmt.Errorf("domain %q: expected a host name such as my-tenant.eu.auth0.com or 127.0.0.1:4545", domain)
	}
	if _, err := url.Parse("https://" + d); err != nil {
		return "", "", fmt.Errorf("domain %q: %w", domain, err)
	}
	return d, scheme, nil
}

// isLoopback reports whether host[:port] names this machine's loopback interface.
func isLoopback(hostport string) bool {
	h := hostport
	if hh, _, err := net.SplitHostPort(hostport); err == nil {
		h = hh
	}
	h = strings.Trim(h, "[]")
	if strings.EqualFold(h, "localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}
