package tenant

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The test binary doubles as a second hookterm process for the multi-process tests: with
// TENANT_TEST_CHILD set it runs that role on TENANT_TEST_DIR and exits.
func TestMain(m *testing.M) {
	if role := os.Getenv("TENANT_TEST_CHILD"); role != "" {
		os.Exit(tenantTestChild(role, os.Getenv("TENANT_TEST_DIR"), os.Getenv("TENANT_TEST_ARG")))
	}
	os.Exit(m.Run())
}

// tenantTestLocal drives a tenant's handler in-process with its own token.
type tenantTestLocal struct {
	tn  *Tenant
	tok string
}

func newTenantTestLocal(tn *Tenant) (*tenantTestLocal, error) {
	id, secret := tn.Credentials()
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {id}, "client_secret": {secret}}
	req := httptest.NewRequest("POST", "https://local.test/oauth/token", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	tn.Handler().ServeHTTP(rec, req)
	var body struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || rec.Code != 200 {
		return nil, fmt.Errorf("token: %d %s", rec.Code, rec.Body.String())
	}
	return &tenantTestLocal{tn: tn, tok: body.AccessToken}, nil
}

func (l *tenantTestLocal) do(method, path, body string) (int, string) {
	req := httptest.NewRequest(method, "https://local.test"+path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+l.tok)
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	l.tn.Handler().ServeHTTP(rec, req)
	return rec.Code, rec.Body.String()
}

func (l *tenantTestLocal) create(name string) error {
	code, body := l.do("POST", "/api/v2/hooks", fmt.Sprintf(`{"name":%q,"script":"module.exports = function (u, c, cb) { cb(null, {}); };","triggerId":"post-change-password"}`, name))
	if code != http.StatusCreated {
		return fmt.Errorf("create %s: %d %s", name, code, body)
	}
	return nil
}

func tenantTestChild(role, dir, arg string) int {
	ctx := context.Background()
	tn, err := Open(ctx, dir, Options{RateLimit: -1})
	if err != nil {
		fmt.Fprintln(os.Stderr, "child open:", err)
		return 3
	}
	id, _ := tn.Credentials()
	fmt.Printf("client %s\n", id)
	l, err := newTenantTestLocal(tn)
	if err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		return 3
	}
	switch role {
	case "writer": // create arg hooks named child-N
		n, _ := strconv.Atoi(arg)
		for i := 0; i < n; i++ {
			if err := l.create(fmt.Sprintf("child-%d", i)); err != nil {
				fmt.Fprintln(os.Stderr, "child:", err)
				return 4
			}
		}
		fmt.Println("done")
		return 0
	case "loop": // create hooks until killed, saying which committed
		for i := 0; ; i++ {
			name := fmt.Sprintf("loop-%d", i)
			if err := l.create(name); err != nil {
				fmt.Fprintln(os.Stderr, "child:", err)
				return 4
			}
			fmt.Printf("committed %s\n", name)
		}
	case "patch": // set the script of hook arg to "patched by child", then delete starter hooks
		if code, body := l.do("PATCH", "/api/v2/hooks/"+arg, `{"script":"patched by child"}`); code != 200 {
			fmt.Fprintln(os.Stderr, "child patch:", code, body)
			return 4
		}
		if code, body := l.do("POST", "/api/v2/hooks", `{"name":"from-child","script":"s","triggerId":"send-phone-message"}`); code != 201 {
			fmt.Fprintln(os.Stderr, "child create:", code, body)
			return 4
		}
		fmt.Println("done")
		return 0
	case "hold": // commit one hook, then stop inside an open write transaction
		if err := l.create("before-hold"); err != nil {
			fmt.Fprintln(os.Stderr, "child:", err)
			return 4
		}
		tx, err := tn.db.BeginTx(ctx, nil)
		if err != nil {
			fmt.Fprintln(os.Stderr, "child begin:", err)
			return 4
		}
		h := hook{ID: tn.newID(), Name: "uncommitted", Script: strings.Repeat("x", 50000), TriggerID: "post-change-password"}
		if err := insertHook(ctx, tx, &h); err != nil {
			fmt.Fprintln(os.Stderr, "child insert:", err)
			return 4
		}
		if _, err := tx.ExecContext(ctx, "UPDATE hooks SET script = 'clobbered' WHERE name = 'before-hold'"); err != nil {
			fmt.Fprintln(os.Stderr, "child update:", err)
			return 4
		}
		fmt.Println("holding")
		// Wait to be killed; the bound keeps an orphan from living forever.
		in := bufio.NewScanner(os.Stdin)
		for in.Scan() {
		}
		time.Sleep(time.Minute)
		return 5
	}
	fmt.Fprintln(os.Stderr, "unknown child role", role)
	return 2
}
