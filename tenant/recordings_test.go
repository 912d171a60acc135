package tenant

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// cassetteInteraction is the part of a go-vcr interaction the replay needs.
type cassetteInteraction struct {
	Method, URL, ReqBody, RespBody string
	Code                           int
}

// parseCassette reads the go-vcr v2 YAML that go-auth0 ships. The files are machine-written
// with a fixed layout, so a line reader covers them without a YAML dependency: block (|) and
// single-quoted bodies, url, method and code.
func parseCassette(data string) ([]cassetteInteraction, error) {
	lines := strings.Split(data, "\n")
	var out []cassetteInteraction
	var cur *cassetteInteraction
	section := ""
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		trimmed := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "    - id:"):
			out = append(out, cassetteInteraction{})
			cur = &out[len(out)-1]
			section = ""
			continue
		case line == "      request:":
			section = "request"
			continue
		case line == "      response:":
			section = "response"
			continue
		}
		if cur == nil || !strings.HasPrefix(line, "        ") || strings.HasPrefix(line, "         ") {
			continue
		}
		key, val, _ := strings.Cut(trimmed, ": ")
		switch key {
		case "url":
			cur.URL = val
		case "method":
			cur.Method = val
		case "code":
			n, err := strconv.Atoi(val)
			if err != nil {
				return nil, fmt.Errorf("line %d: code %q: %w", i+1, val, err)
			}
			cur.Code = n
		case "body":
			var body string
			switch {
			case val == "|" || val == "|-":
				var b []string
				for i+1 < len(lines) && (strings.HasPrefix(lines[i+1], "            ") || strings.TrimSpace(lines[i+1]) == "") {
					i++
					b = append(b, strings.TrimPrefix(lines[i], "            "))
				}
				body = strings.TrimRight(strings.Join(b, "\n"), "\n")
			case val == `""`:
			case strings.HasPrefix(val, "'"):
				s := val[1:]
				for !strings.HasSuffix(strings.ReplaceAll(s, "''", ""), "'") {
					i++
					if i >= len(lines) {
						return nil, fmt.Errorf("unterminated quoted body")
					}
					s += " " + strings.TrimSpace(lines[i])
				}
				body = strings.ReplaceAll(strings.TrimSuffix(s, "'"), "''", "'")
			default:
				return nil, fmt.Errorf("line %d: unsupported body form %q", i+1, val)
			}
			if section == "request" {
				cur.ReqBody = body
			} else {
				cur.RespBody = body
			}
		}
	}
	return out, nil
}

func goAuth0Dir(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/auth0/go-auth0").Output()
	if err != nil {
		t.Fatalf("locate go-auth0: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// TestReplayGoAuth0Recordings sends the requests of go-auth0's recorded Hook traffic (real
// Auth0 answers, test/data/recordings/TestHookManager_*.yaml) to the local tenant and compares
// status codes and bodies: same keys in the same order and the same values, except ids (mapped
// from the recorded ones) and the recorder's name artefact (test-hook735 answered test-hook-735).
func TestReplayGoAuth0Recordings(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(goAuth0Dir(t), "test", "data", "recordings", "TestHookManager_*.yaml"))
	if err != nil || len(files) < 10 {
		t.Fatalf("recordings: %v %v", files, err)
	}
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".yaml"), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			its, err := parseCassette(string(data))
			if err != nil || len(its) == 0 {
				t.Fatalf("parse: %v (%d interactions)", err, len(its))
			}
			tn := tenantTestOpen(t, Options{})
			if _, err := tn.db.Exec("DELETE FROM hooks"); err != nil { // the recorded tenant had no other hooks
				t.Fatal(err)
			}
			ts := tenantTestServe(t, tn)
			tok := tenantTestToken(t, tn, ts, "")
			ids := map[string]string{}
			for i, it := range its {
				path := it.URL[strings.Index(it.URL, "/api/v2/"):]
				for rec, ours := range ids {
					path = strings.ReplaceAll(path, rec, ours)
				}
				body := it.ReqBody
				if it.Method == "GET" || body == "null" {
					body = ""
				}
				code, _, got := tenantTestDo(t, ts, it.Method, path, tok, body)
				if code != it.Code {
					t.Fatalf("#%d %s %s: status %d, recorded %d; body %s", i, it.Method, path, code, it.Code, got)
				}
				if it.RespBody == "" {
					if len(got) != 0 {
						t.Fatalf("#%d %s %s: body %s, recorded none", i, it.Method, path, got)
					}
					continue
				}
				if err := sameShape(it.RespBody, string(got), ids); err != nil {
					t.Fatalf("#%d %s %s: %v\nrecorded %s\nlocal    %s", i, it.Method, path, err, it.RespBody, got)
				}
			}
		})
	}
}

// sameShape compares two JSON documents as described above, learning id mappings.
func sameShape(recorded, local string, ids map[string]string) error {
	if err := sameKeyOrder(recorded, local); err != nil {
		return err
	}
	var r, l any
	if err := json.Unmarshal([]byte(recorded), &r); err != nil {
		return fmt.Errorf("recorded body: %w", err)
	}
	if err := json.Unmarshal([]byte(local), &l); err != nil {
		return fmt.Errorf("local body: %w", err)
	}
	return sameValue("$", r, l, ids)
}

func sameValue(path string, r, l any, ids map[string]string) error {
	switch rv := r.(type) {
	case map[string]any:
		lv, ok := l.(map[string]any)
		if !ok || len(lv) != len(rv) {
			return fmt.Errorf("%s: recorded %v, local %v", path, r, l)
		}
		for k, v := range rv {
			lval, ok := lv[k]
			if !ok {
				return fmt.Errorf("%s.%s missing", path, k)
			}
			switch k {
			case "id":
				rs, _ := v.(string)
				ls, _ := lval.(string)
				if m, known := ids[rs]; known && m != ls {
					return fmt.Errorf("%s.id: %s maps to %s, local %s", path, rs, m, ls)
				}
				if len(ls) != len(rs) {
					return fmt.Errorf("%s.id: local %q is not shaped like %q", path, ls, rs)
				}
				ids[rs] = ls
			case "name":
				rs, _ := v.(string)
				ls, _ := lval.(string)
				if strings.ReplaceAll(rs, "-", "") != strings.ReplaceAll(ls, "-", "") {
					return fmt.Errorf("%s.name: recorded %q, local %q", path, rs, ls)
				}
			default:
				if err := sameValue(path+"."+k, v, lval, ids); err != nil {
					return err
				}
			}
		}
		return nil
	case []any:
		lv, ok := l.([]any)
		if !ok || len(lv) != len(rv) {
			return fmt.Errorf("%s: recorded %v, local %v", path, r, l)
		}
		for i := range rv {
			if err := sameValue(fmt.Sprintf("%s[%d]", path, i), rv[i], lv[i], ids); err != nil {
				return err
			}
		}
		return nil
	}
	if !reflect.DeepEqual(r, l) {
		return fmt.Errorf("%s: recorded %v, local %v", path, r, l)
	}
	return nil
}

// sameKeyOrder compares the order of object keys throughout both documents.
func sameKeyOrder(a, b string) error {
	ka, err := keySequence(a)
	if err != nil {
		return err
	}
	kb, err := keySequence(b)
	if err != nil {
		return err
	}
	if strings.Join(ka, ",") != strings.Join(kb, ",") {
		return fmt.Errorf("key order: recorded %v, local %v", ka, kb)
	}
	return nil
}

func keySequence(doc string) ([]string, error) {
	dec := json.NewDecoder(bytes.NewReader([]byte(doc)))
	type frame struct{ object, wantKey bool }
	var stack []frame
	var keys []string
	valueDone := func() {
		if n := len(stack); n > 0 && stack[n-1].object {
			stack[n-1].wantKey = true
		}
	}
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return keys, nil
		}
		if err != nil {
			return nil, fmt.Errorf("scan %s: %w", doc, err)
		}
		if d, ok := tok.(json.Delim); ok {
			switch d {
			case '{':
				stack = append(stack, frame{object: true, wantKey: true})
			case '[':
				stack = append(stack, frame{})
			default:
				stack = stack[:len(stack)-1]
				valueDone()
			}
			continue
		}
		if n := len(stack); n > 0 && stack[n-1].object && stack[n-1].wantKey {
			keys = append(keys, tok.(string))
			stack[n-1].wantKey = false
			continue
		}
		valueDone()
	}
}
