package cmd

import (
	"bufio"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/http/httptrace"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/auth0/go-auth0"
	"github.com/auth0/go-auth0/management"
	"golang.org/x/oauth2"
)

// serveTestCert writes a self-signed certificate for 127.0.0.1 and returns its paths and pool.
func serveTestCert(t *testing.T) (certFile, keyFile string, pool *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "hookterm test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kder, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kder}), 0o600); err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool = x509.NewCertPool()
	pool.AddCert(cert)
	return certFile, keyFile, pool
}

// serveTestBinary builds hookterm into a temporary folder.
func serveTestBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "hookterm")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/hookterm/hookterm").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

type serveTestProc struct {
	cmd    *exec.Cmd
	lines  []string
	out    *bufio.Scanner
	domain string
	id     string
	secret string
}

// serveTestStart runs `hookterm serve` and reads its banner up to "ready".
func serveTestStart(t *testing.T, bin string, args ...string) *serveTestProc {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = append(os.Environ(), "XDG_DATA_HOME="+t.TempDir())
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	p := &serveTestProc{cmd: cmd, out: bufio.NewScanner(stdout)}
	for p.out.Scan() {
		line := p.out.Text()
		p.lines = append(p.lines, line)
		key, val, _ := strings.Cut(strings.TrimSpace(line), ":")
		val = strings.TrimSpace(val)
		switch key {
		case "domain":
			p.domain, _, _ = strings.Cut(val, " ")
		case "client id":
			p.id = val
		case "client secret":
			p.secret = val
		}
		if strings.Contains(line, "ready") {
			return p
		}
	}
	t.Fatalf("serve ended before ready: %v", p.lines)
	return nil
}

func (p *serveTestProc) stop(t *testing.T) []string {
	t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	var rest []string
	for p.out.Scan() {
		rest = append(rest, p.out.Text())
	}
	if err := p.cmd.Wait(); err != nil {
		t.Fatalf("serve exit after SIGTERM: %v (%v)", err, rest)
	}
	return rest
}

// TestServeProcessWithGoAuth0 starts `hookterm serve` as a real process with TLS on loopback,
// drives it with go-auth0, checks the secret is printed on the first start only (or with
// --show-secret), and that SIGTERM finishes a request in flight before exiting.
func TestServeProcessWithGoAuth0(t *testing.T) {
	bin := serveTestBinary(t)
	certFile, keyFile, pool := serveTestCert(t)
	data := filepath.Join(t.TempDir(), "data")
	tlsArgs := []string{"--data", data, "--tls-cert", certFile, "--tls-key", keyFile}

	p := serveTestStart(t, bin, tlsArgs...)
	if p.domain == "" || p.id == "" || len(p.secret) < 32 {
		t.Fatalf("first start banner: %v", p.lines)
	}
	if fi, err := os.Stat(data); err != nil || fi.Mode().Perm() != 0o700 {
		t.Fatalf("data folder: %v %v", fi, err)
	}
	httpc := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	ctx := context.WithValue(context.Background(), oauth2.HTTPClient, httpc)
	m, err := management.New(p.domain, management.WithClient(httpc), management.WithClientCredentials(ctx, p.id, p.secret))
	if err != nil {
		t.Fatal(err)
	}
	h := &management.Hook{Name: auth0.String("served"), Script: auth0.String("module.exports = function (c, s, a, x, cb) { cb(null, {}); };"), TriggerID: auth0.String("credentials-exchange")}
	if err := m.Hook.Create(ctx, h); err != nil {
		t.Fatalf("Create over loopback: %v", err)
	}
	if err := m.Hook.CreateSecrets(ctx, h.GetID(), management.HookSecrets{"KEY": "v"}); err != nil {
		t.Fatalf("CreateSecrets: %v", err)
	}
	list, err := m.Hook.List(ctx)
	if err != nil || list.Total != 6 {
		t.Fatalf("List: %+v %v", list, err)
	}
	logs, err := m.Log.Search(ctx, management.Query("type:sapi"))
	if err != nil || len(logs) != 2 {
		t.Fatalf("Log.Search: %v %v", logs, err)
	}
	if rest := p.stop(t); len(rest) == 0 || !strings.Contains(rest[len(rest)-1], "stopped") {
		t.Fatalf("shutdown output: %v", rest)
	}

	// Second start: same tenant, secret hidden unless asked for.
	p2 := serveTestStart(t, bin, tlsArgs...)
	if p2.id != p.id || strings.Contains(strings.Join(p2.lines, "\n"), p.secret) || !strings.Contains(p2.secret, "hidden") {
		t.Fatalf("second start banner shows the secret or another tenant: %v", p2.lines)
	}
	// A request in flight when SIGTERM arrives is finished: the body is sent only after the
	// server has started reading it (100-continue) and the signal was delivered.
	m2, err := management.New(p2.domain, management.WithClient(httpc), management.WithClientCredentials(ctx, p.id, p.secret))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m2.Hook.List(ctx); err != nil { // fetch a token first
		t.Fatal(err)
	}
	tok := serveTestToken(t, httpc, p2.domain, p.id, p.secret)
	pr, pw := io.Pipe()
	req, _ := http.NewRequest("POST", "https://"+p2.domain+"/api/v2/hooks", pr)
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Expect", "100-continue")
	reading := make(chan struct{})
	req = req.WithContext(httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{Got100Continue: func() { close(reading) }}))
	slow := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}, ExpectContinueTimeout: time.Hour}}
	type result struct {
		code int
		err  error
	}
	done := make(chan result, 1)
	go func() {
		resp, err := slow.Do(req)
		if err != nil {
			done <- result{0, err}
			return
		}
		resp.Body.Close()
		done <- result{resp.StatusCode, nil}
	}()
	go func() {
		<-reading
		_ = p2.cmd.Process.Signal(syscall.SIGTERM)
		// Send the rest of the body only once shutdown has begun (the listener refuses new
		// connections), so the request is truly in flight across it. Bounded: 5 s at most.
		for i := 0; i < 500; i++ {
			c, err := net.Dial("tcp", p2.domain)
			if err != nil {
				break
			}
			c.Close()
			time.Sleep(10 * time.Millisecond)
		}
		_, _ = io.WriteString(pw, `{"name":"in-flight","script":"s","triggerId":"send-phone-message"}`)
		_ = pw.Close()
	}()
	r := <-done
	if r.err != nil || r.code != http.StatusCreated {
		t.Fatalf("in-flight request: %d %v", r.code, r.err)
	}
	var rest []string
	for p2.out.Scan() {
		rest = append(rest, p2.out.Text())
	}
	if err := p2.cmd.Wait(); err != nil || !strings.Contains(strings.Join(rest, "\n"), "stopped") {
		t.Fatalf("exit after SIGTERM with a request in flight: %v %v", err, rest)
	}

	p3 := serveTestStart(t, bin, append(tlsArgs, "--show-secret")...)
	if p3.secret != p.secret {
		t.Fatalf("--show-secret: %v", p3.lines)
	}
	p3.stop(t)

	// --client-id/--client-secret set the credentials the served tenant accepts.
	p4 := serveTestStart(t, bin, append(tlsArgs, "--client-id", "chosen-id", "--client-secret", "chosen-secret-value")...)
	if p4.id != "chosen-id" {
		t.Fatalf("--client-id: %v", p4.lines)
	}
	m4, err := management.New(p4.domain, management.WithClient(httpc), management.WithClientCredentials(ctx, "chosen-id", "chosen-secret-value"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m4.Hook.Read(ctx, h.GetID()); err != nil {
		t.Fatalf("with the chosen credentials: %v", err)
	}
	all, err := m4.Hook.List(ctx, management.Parameter("triggerId", "send-phone-message"))
	if err != nil || len(all.Hooks) != 2 || (all.Hooks[0].GetName() != "in-flight" && all.Hooks[1].GetName() != "in-flight") {
		t.Fatalf("the hook created across the shutdown was not kept: %+v %v", all, err)
	}
	p4.stop(t)
}

func serveTestToken(t *testing.T, c *http.Client, domain, id, secret string) string {
	t.Helper()
	resp, err := c.Post("https://"+domain+"/oauth/token", "application/json",
		strings.NewReader(`{"grant_type":"client_credentials","client_id":"`+id+`","client_secret":"`+secret+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	tok, _, _ := strings.Cut(strings.TrimPrefix(string(b), `{"access_token":"`), `"`)
	if resp.StatusCode != 200 || tok == "" {
		t.Fatalf("token: %d %s", resp.StatusCode, b)
	}
	return tok
}

func TestServeRefusesNetworkWithoutTLS(t *testing.T) {
	data := t.TempDir()
	for _, args := range [][]string{
		{"serve", "--data", data, "--addr", "0.0.0.0:0"},
		{"serve", "--data", data, "--addr", ":4545"},
		{"serve", "--data", data, "--addr", "0.0.0.0:0", "--allow-remote"},
		{"serve", "--data", data, "--tls-cert", "x.pem"},
		{"serve", "--data", data, "--client-id", "only-id"},
		{"serve", "--data", data, "--addr", "nonsense"},
	} {
		res := runCLI(t, nil, "", args...)
		if res.Code != ExitUsage || res.Stderr == "" {
			t.Errorf("%v: code %d, stderr %q", args, res.Code, res.Stderr)
		}
	}
}
