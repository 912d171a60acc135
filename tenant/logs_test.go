package tenant

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/auth0/go-auth0"
	"github.com/auth0/go-auth0/management"
)

var logIDRe = regexp.MustCompile(`^900\d{53}$`)

func TestWritesAreLogged(t *testing.T) {
	tn := tenantTestOpen(t, Options{})
	ts := tenantTestServe(t, tn)
	m := tenantTestClient(t, tn, ts)
	ctx := context.Background()
	h := &management.Hook{Name: auth0.String("logged"), Script: auth0.String("s"), TriggerID: auth0.String("post-user-registration")}
	if err := m.Hook.Create(ctx, h); err != nil {
		t.Fatal(err)
	}
	if err := m.Hook.Update(ctx, h.GetID(), &management.Hook{Script: auth0.String("s2")}); err != nil {
		t.Fatal(err)
	}
	if err := m.Hook.CreateSecrets(ctx, h.GetID(), management.HookSecrets{"K": "hidden-value"}); err != nil {
		t.Fatal(err)
	}
	if err := m.Hook.Create(ctx, &management.Hook{Name: auth0.String("-bad")}); statusOf(err) != 400 {
		t.Fatalf("bad create: %v", err)
	}
	if err := m.Hook.Delete(ctx, h.GetID()); err != nil {
		t.Fatal(err)
	}

	logs, err := m.Log.List(ctx, management.Parameter("sort", "date:1"), management.PerPage(100))
	if err != nil {
		t.Fatalf("Log.List: %v", err)
	}
	var kinds []string
	var prev string
	for _, l := range logs {
		if !logIDRe.MatchString(l.GetLogID()) || l.GetID() != l.GetLogID() || l.GetLogID() <= prev || l.Date == nil {
			t.Fatalf("log ids must be 56 ascending digits, _id = log_id, dated: %q after %q", l.GetLogID(), prev)
		}
		prev = l.GetLogID()
		if l.GetType() == "seccft" {
			continue
		}
		kinds = append(kinds, l.GetType()+" "+l.GetDescription())
	}
	want := []string{"sapi Create a Hook", "sapi Update a Hook", "sapi Add Hook Secrets", "fapi Payload validation error: 'Missing required property: script'. (also) 'Missing required property: triggerId'. (also) 'String does not match pattern", "sapi Delete a Hook"}
	if len(kinds) != len(want) {
		t.Fatalf("log entries %q, want %q", kinds, want)
	}
	for i := range want {
		if !strings.HasPrefix(kinds[i], want[i]) {
			t.Fatalf("entry %d = %q, want prefix %q", i, kinds[i], want[i])
		}
	}
	// The shape of an sapi entry (contract §4.2).
	var create *management.Log
	for _, l := range logs {
		if l.GetDescription() == "Create a Hook" {
			create = l
		}
	}
	req, _ := create.Details["request"].(map[string]any)
	resp, _ := create.Details["response"].(map[string]any)
	if req["method"] != "post" || req["path"] != "/api/v2/hooks" || req["channel"] != "api" || resp["statusCode"] != float64(201) ||
		create.GetClientName() != ClientName || create.GetClientID() == "" {
		t.Fatalf("sapi entry: %+v", create)
	}
	if body, _ := resp["body"].(map[string]any); body["id"] != h.GetID() {
		t.Fatalf("sapi response body: %v", resp["body"])
	}
	// Secret values are masked in the logged request.
	one, err := m.Log.Search(ctx, management.Query(`description:"Add Hook Secrets"`))
	if err != nil || len(one) != 1 {
		t.Fatalf("search secrets entry: %v %v", one, err)
	}
	raw, _ := json.Marshal(one[0].Details)
	if strings.Contains(string(raw), "hidden-value") || !strings.Contains(string(raw), `"K":"*****"`) {
		t.Fatalf("secret entry details: %s", raw)
	}
	// GET /logs/{id}
	got, err := m.Log.Read(ctx, create.GetLogID())
	if err != nil || got.GetLogID() != create.GetLogID() || got.GetType() != "sapi" {
		t.Fatalf("Log.Read: %+v %v", got, err)
	}
	if _, err := m.Log.Read(ctx, "90020990101000000000000000000000000000000000000000000001"); statusOf(err) != 404 {
		t.Fatalf("Log.Read missing: %v", err)
	}
}

func TestLogSearch(t *testing.T) {
	tn := tenantTestOpen(t, Options{})
	ts := tenantTestServe(t, tn)
	tok := tenantTestToken(t, tn, ts, "")
	ctx := context.Background()
	var hookIDs []string
	for i := 0; i < 3; i++ {
		code, _, b := tenantTestDo(t, ts, "POST", "/api/v2/hooks", tok, fmt.Sprintf(`{"name":"search-%d","script":"s","triggerId":"send-phone-message"}`, i))
		if code != 201 {
			t.Fatal(string(b))
		}
		var h struct{ ID string }
		_ = json.Unmarshal(b, &h)
		hookIDs = append(hookIDs, h.ID)
	}
	tenantTestDo(t, ts, "PATCH", "/api/v2/hooks/"+hookIDs[0], tok, `{"nope":1}`)
	search := func(q url.Values) []map[string]any {
		t.Helper()
		code, _, b := tenantTestDo(t, ts, "GET", "/api/v2/logs?"+q.Encode(), tok, "")
		if code != 200 {
			t.Fatalf("search %v: %d %s", q, code, b)
		}
		var out []map[string]any
		if err := json.Unmarshal(b, &out); err != nil {
			t.Fatalf("search %v: %s", q, b)
		}
		return out
	}
	descs := func(es []map[string]any) string {
		var s []string
		for _, e := range es {
			s = append(s, fmt.Sprint(e["type"], ":", e["description"]))
		}
		return strings.Join(s, "|")
	}
	if got := search(url.Values{"q": {"type:sapi"}}); len(got) != 3 || got[0]["description"] != "Create a Hook" {
		t.Fatalf("type:sapi = %s", descs(got))
	}
	if got := search(url.Values{"q": {`type:fapi AND description:*Additional*`}}); len(got) != 1 {
		t.Fatalf("fapi wildcard = %s", descs(got))
	}
	if got := search(url.Values{"q": {`type:sapi OR type:fapi`}, "sort": {"date:1"}}); len(got) != 4 || got[3]["type"] != "fapi" {
		t.Fatalf("OR sorted ascending = %s", descs(got))
	}
	if got := search(url.Values{"q": {`NOT type:seccft AND -type:fapi`}}); len(got) != 3 {
		t.Fatalf("NOT = %s", descs(got))
	}
	if got := search(url.Values{"q": {`(type:fapi OR type:seccft) AND client_id:"` + tn.clientID + `"`}}); len(got) != 2 {
		t.Fatalf("grouped = %s", descs(got))
	}
	if got := search(url.Values{"q": {"hook_id:" + hookIDs[1]}}); len(got) != 1 {
		t.Fatalf("hook_id = %s", descs(got))
	}
	all := search(url.Values{"sort": {"date:1"}})
	if len(all) != 5 {
		t.Fatalf("all = %s", descs(all))
	}
	second := all[1]["log_id"].(string)
	if got := search(url.Values{"q": {"log_id:[" + second + " TO *]"}}); len(got) != 4 {
		t.Fatalf("range = %s", descs(got))
	}
	if got := search(url.Values{"q": {"log_id:{" + second + " TO *}"}}); len(got) != 3 {
		t.Fatalf("exclusive range = %s", descs(got))
	}
	if got := search(url.Values{"q": {"Create"}}); len(got) != 3 {
		t.Fatalf("bare term = %s", descs(got))
	}
	if got := search(url.Values{"q": {"type:sap*"}, "per_page": {"2"}, "page": {"1"}}); len(got) != 1 {
		t.Fatalf("page 1 of 2 = %s", descs(got))
	}
	code, _, b := tenantTestDo(t, ts, "GET", "/api/v2/logs?include_totals=true&per_page=2&q=type:sapi", tok, "")
	if code != 200 || !strings.HasPrefix(string(b), `{"start":0,"limit":2,"length":2,"total":3,"logs":[`) {
		t.Fatalf("include_totals: %d %s", code, b)
	}
	code, _, b = tenantTestDo(t, ts, "GET", "/api/v2/logs?fields=log_id,type&q=type:fapi", tok, "")
	if code != 200 || !regexp.MustCompile(`^\[\{"log_id":"\d{56}","type":"fapi"\}\]$`).Match(b) {
		t.Fatalf("fields: %d %s", code, b)
	}
	for _, bad := range []string{"q=type:", "q=nofield:x", "q=(type:sapi", "sort=date:2", "sort=secret:1", "per_page=101", "page=10&per_page=100", `q="open`} {
		code, _, b := tenantTestDo(t, ts, "GET", "/api/v2/logs?"+bad, tok, "")
		if code != 400 {
			t.Errorf("%s: %d %s", bad, code, b)
			continue
		}
		tenantTestErrorBody(t, b)
	}
	// go-auth0's Query option (adds search_engine=v3) works.
	m := tenantTestClient(t, tn, ts)
	got, err := m.Log.Search(ctx, management.Query("type:fapi"))
	if err != nil || len(got) != 1 {
		t.Fatalf("go-auth0 Search: %v %v", got, err)
	}
}

func TestLogCheckpoint(t *testing.T) {
	tn := tenantTestOpen(t, Options{})
	ts := tenantTestServe(t, tn)
	tok := tenantTestToken(t, tn, ts, "") // one seccft entry
	for i := 0; i < 4; i++ {
		tenantTestDo(t, ts, "POST", "/api/v2/hooks", tok, fmt.Sprintf(`{"name":"cp-%d","script":"s","triggerId":"send-phone-message"}`, i))
	}
	page := func(path string) ([]string, string) {
		t.Helper()
		code, h, b := tenantTestDo(t, ts, "GET", path, tok, "")
		if code != 200 {
			t.Fatalf("%s: %d %s", path, code, b)
		}
		var es []struct {
			LogID string `json:"log_id"`
		}
		if err := json.Unmarshal(b, &es); err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, e := range es {
			ids = append(ids, e.LogID)
		}
		link := h.Get("Link")
		m := regexp.MustCompile(`^<(https://[^>]+)>; rel="next"$`).FindStringSubmatch(link)
		if m == nil {
			t.Fatalf("%s: Link %q", path, link)
		}
		return ids, strings.TrimPrefix(m[1], ts.URL)
	}
	first, next := page("/api/v2/logs?take=2")
	if len(first) != 2 {
		t.Fatalf("newest 2: %v", first)
	}
	all := search5(t, ts, tok)
	if first[0] != all[3] || first[1] != all[4] {
		t.Fatalf("take without from gives the newest, ascending: %v vs %v", first, all)
	}
	ids, next := page("/api/v2/logs?from=" + all[0] + "&take=2&q=type:fapi&sort=date:-1")
	if strings.Join(ids, ",") != all[1]+","+all[2] {
		t.Fatalf("from first: %v, want %v (other parameters ignored)", ids, all[1:3])
	}
	ids, next = page(next)
	if strings.Join(ids, ",") != all[3]+","+all[4] {
		t.Fatalf("next page: %v", ids)
	}
	ids, again := page(next)
	if len(ids) != 0 || again != next {
		t.Fatalf("empty page: %v, next %q, want the same %q", ids, again, next)
	}
	// A new entry appears on the page that was empty.
	tenantTestDo(t, ts, "DELETE", "/api/v2/hooks/01AAAAAAAAAAAAAAAAAAAAAAAA", tok, "")
	if ids, _ := page(next); len(ids) != 1 {
		t.Fatalf("tail after a new entry: %v", ids)
	}
	m := tenantTestClient(t, tn, ts)
	got, err := m.Log.List(context.Background(), management.Parameter("from", all[2]), management.Parameter("take", "2"))
	if err != nil || len(got) != 2 || got[0].GetLogID() != all[3] {
		t.Fatalf("go-auth0 checkpoint: %v %v", got, err)
	}
}

// search5 returns the ids of the first five log entries in ascending order.
func search5(t *testing.T, ts *httptest.Server, tok string) []string {
	t.Helper()
	code, _, b := tenantTestDo(t, ts, "GET", "/api/v2/logs?sort=date:1&per_page=5&fields=log_id", tok, "")
	if code != 200 {
		t.Fatalf("search: %d %s", code, b)
	}
	var es []struct {
		LogID string `json:"log_id"`
	}
	if err := json.Unmarshal(b, &es); err != nil || len(es) != 5 {
		t.Fatalf("search: %s %v", b, err)
	}
	ids := make([]string, len(es))
	for i, e := range es {
		ids[i] = e.LogID
	}
	if !sort.StringsAreSorted(ids) {
		t.Fatalf("ids not ascending: %v", ids)
	}
	return ids
}

func TestLogRetention(t *testing.T) {
	tn := tenantTestOpen(t, Options{MaxLogEntries: 150, RateLimit: -1})
	l, err := newTenantTestLocal(tn) // one seccft entry
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 399; i++ {
		if code, body := l.do("DELETE", "/api/v2/hooks/01AAAAAAAAAAAAAAAAAAAAAAAA", ""); code != 404 {
			t.Fatalf("%d %s", code, body)
		}
	}
	var n, minSeq, maxSeq int
	if err := tn.db.QueryRow("SELECT count(*), min(seq), max(seq) FROM logs").Scan(&n, &minSeq, &maxSeq); err != nil {
		t.Fatal(err)
	}
	// Trimmed at entry 400 down to the newest 150.
	if maxSeq != 400 || n != 150 || minSeq != 251 {
		t.Fatalf("after 400 entries: %d kept, seq %d..%d", n, minSeq, maxSeq)
	}
	// Ids keep ascending after a trim.
	l.do("DELETE", "/api/v2/hooks/01AAAAAAAAAAAAAAAAAAAAAAAA", "")
	var last string
	if err := tn.db.QueryRow("SELECT log_id FROM logs ORDER BY seq DESC LIMIT 1").Scan(&last); err != nil || !strings.HasSuffix(last, "401") {
		t.Fatalf("next id %s %v", last, err)
	}
}

func TestLoggedBodiesAreClipped(t *testing.T) {
	tn := tenantTestOpen(t, Options{RateLimit: -1})
	l, err := newTenantTestLocal(tn)
	if err != nil {
		t.Fatal(err)
	}
	script := strings.Repeat("é", 30000) // 60,000 bytes
	if code, body := l.do("POST", "/api/v2/hooks", `{"name":"big","script":"`+script+`","triggerId":"send-phone-message"}`); code != 201 {
		t.Fatalf("%d %.200s", code, body)
	}
	var entry string
	if err := tn.db.QueryRow("SELECT entry FROM logs WHERE type = 'sapi'").Scan(&entry); err != nil {
		t.Fatal(err)
	}
	if len(entry) > 8000 || !strings.Contains(entry, "… (60000 bytes in all)") || !json.Valid([]byte(entry)) {
		t.Fatalf("sapi entry of %d bytes: %.300s", len(entry), entry)
	}
	// The hook itself is stored whole.
	if code, body := l.do("GET", "/api/v2/hooks?fields=script&triggerId=send-phone-message", ""); code != 200 || !strings.Contains(body, script) {
		t.Fatalf("stored script: %d", code)
	}
}
