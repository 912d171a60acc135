package cmd

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/hookterm/hookterm/tenant"
)

// serveShutdownGrace bounds how long `serve` waits for requests in flight after a signal.
const serveShutdownGrace = 10 * time.Second

// addServeCommand registers `hookterm serve`, which serves the local tenant over HTTP(S) for
// other tools: go-auth0, the Deploy CLI, curl, or another hookterm.
func addServeCommand(root *cobra.Command, app *App) {
	c := &cobra.Command{
		Use:   "serve",
		Short: "Serve the local tenant's Management API on loopback",
		Long: "serve answers the Management API subset hookterm uses (hooks, hook secrets, logs and\n" +
			"/oauth/token) from the local tenant in the data folder. It listens on loopback only,\n" +
			"unless --allow-remote is given with a TLS certificate and key. It prints the domain and\n" +
			"the client credentials to use; the secret only on the first start or with --show-secret.\n" +
			"--client-id and --client-secret, given together, become the tenant's credentials.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runServe(cmd, app) },
	}
	f := c.Flags()
	f.String("addr", "127.0.0.1:4545", "address to listen on (host:port)")
	// --data and --client-id/--client-secret are root-wide target flags once cmd/target.go
	// defines them; serve defines its own only when they are missing, and reads whichever exists.
	if root.PersistentFlags().Lookup("data") == nil {
		f.String("data", "", "data folder (default $XDG_DATA_HOME/hookterm)")
	}
	if root.PersistentFlags().Lookup("client-id") == nil {
		f.String("client-id", "", "use this client id for the tenant's application (with --client-secret)")
	}
	if root.PersistentFlags().Lookup("client-secret") == nil {
		f.String("client-secret", "", "use this client secret for the tenant's application (with --client-id)")
	}
	f.Bool("allow-remote", false, "listen on a non-loopback address (needs --tls-cert and --tls-key)")
	f.String("tls-cert", "", "TLS certificate file (PEM)")
	f.String("tls-key", "", "TLS private key file (PEM)")
	f.Bool("show-secret", false, "print the client secret even if this is not the first start")
	f.Float64("rate-limit", tenant.DefaultRateLimit, "requests per second per client before 429 (negative: no limit)")
	root.AddCommand(c)
}

// serveFlag reads a string flag whether serve or the root defines it.
func serveFlag(cmd *cobra.Command, name string) string {
	v, err := cmd.Flags().GetString(name)
	if err != nil {
		return ""
	}
	return v
}

// serveDataDir is the data folder: the shared dataDir when cmd/target.go provides it, else
// --data, $XDG_DATA_HOME/hookterm or ~/.local/share/hookterm.
func serveDataDir(cmd *cobra.Command, app *App) (string, error) {
	if d, err := dataDir(cmd, app); err == nil && d != "" {
		return d, nil
	}
	if d := serveFlag(cmd, "data"); d != "" {
		return d, nil
	}
	if x := app.Getenv("XDG_DATA_HOME"); x != "" {
		return filepath.Join(x, "hookterm"), nil
	}
	home := app.Getenv("HOME")
	if home == "" {
		return "", errors.New("no data folder: set --data, XDG_DATA_HOME or HOME")
	}
	return filepath.Join(home, ".local", "share", "hookterm"), nil
}

// isLoopbackHost reports whether host names only this machine.
func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func runServe(cmd *cobra.Command, app *App) error {
	ctx := cmd.Context()
	f := cmd.Flags()
	addr, _ := f.GetString("addr")
	allowRemote, _ := f.GetBool("allow-remote")
	showSecret, _ := f.GetBool("show-secret")
	rate, _ := f.GetFloat64("rate-limit")
	certFile, keyFile := serveFlag(cmd, "tls-cert"), serveFlag(cmd, "tls-key")
	clientID, clientSecret := serveFlag(cmd, "client-id"), serveFlag(cmd, "client-secret")

	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return usageError(fmt.Errorf("--addr %q: %w", addr, err))
	}
	if (certFile == "") != (keyFile == "") {
		return usageError(errors.New("--tls-cert and --tls-key go together"))
	}
	if !isLoopbackHost(host) {
		if !allowRemote {
			return usageError(fmt.Errorf("--addr %s is not a loopback address: the tenant holds hook secrets, so serving it to the network needs --allow-remote with --tls-cert and --tls-key", addr))
		}
		if certFile == "" {
			return usageError(errors.New("--allow-remote needs --tls-cert and --tls-key: the network must not see tokens and secrets in clear"))
		}
	}
	if (clientID == "") != (clientSecret == "") {
		return usageError(errors.New("--client-id and --client-secret go together"))
	}
	var tlsCfg *tls.Config
	if certFile != "" {
		cert, err := tls.LoadX509KeyPair(certFile, keyFile)
		if err != nil {
			return usageError(fmt.Errorf("load TLS certificate: %w", err))
		}
		tlsCfg = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	}
	dir, err := serveDataDir(cmd, app)
	if err != nil {
		return usageError(err)
	}
	tn, err := tenant.Open(ctx, dir, tenant.Options{
		ClientID: clientID, ClientSecret: clientSecret, RateLimit: rate,
		ErrorLog: log.New(app.Stderr, "hookterm serve: ", log.LstdFlags),
	})
	if err != nil {
		return failure(err)
	}
	defer tn.Close()

	ln, err := (&net.ListenConfig{}).Listen(ctx, "tcp", addr)
	if err != nil {
		return failure(fmt.Errorf("listen on %s: %w", addr, err))
	}
	scheme := "http"
	if tlsCfg != nil {
		ln = tls.NewListener(ln, tlsCfg)
		scheme = "https"
	}
	srv := &http.Server{
		Handler:           tn.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          log.New(app.Stderr, "hookterm serve: ", log.LstdFlags),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	id, secret := tn.Credentials()
	domain := ln.Addr().String()
	out := app.Stdout
	fmt.Fprintf(out, "hookterm serve: local tenant in %s\n", dir)
	fmt.Fprintf(out, "  domain:        %s (%s://%s)\n", domain, scheme, domain)
	fmt.Fprintf(out, "  client id:     %s\n", id)
	switch {
	case tn.Created() || showSecret:
		fmt.Fprintf(out, "  client secret: %s\n", secret)
		if tn.Created() {
			fmt.Fprintln(out, "  (the secret is shown on this first start only; --show-secret prints it again)")
		}
	default:
		fmt.Fprintln(out, "  client secret: (hidden; --show-secret prints it)")
	}
	fmt.Fprintf(out, "  token:         POST %s://%s/oauth/token (client_credentials)\n", scheme, domain)
	fmt.Fprintln(out, "hookterm serve: ready; Ctrl-C stops")
	if scheme == "http" {
		fmt.Fprintln(out, "  note: plain http; clients that insist on https need --tls-cert/--tls-key")
	}
	if fl, ok := out.(interface{ Sync() error }); ok {
		_ = fl.Sync()
	}

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return failure(fmt.Errorf("serve: %w", err))
	case <-ctx.Done():
	}
	// Finish the requests in flight, then close the database.
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), serveShutdownGrace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return failure(fmt.Errorf("shut down: %w", err))
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return failure(fmt.Errorf("serve: %w", err))
	}
	fmt.Fprintln(out, "hookterm serve: stopped")
	return nil
}
