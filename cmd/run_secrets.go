package cmd

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/hookterm/hookterm/internal/names"
)

// utf8BOM is the byte order mark Windows editors (Notepad, PowerShell's Out-File) put at the
// start of a UTF-8 file. JSON and .env have no use for it: it is dropped from a payload or a
// secrets file rather than read as the first character.
var utf8BOM = []byte("\xef\xbb\xbf")

// readSecrets gathers --secrets-file and the --secret flags. A name given twice (twice in the
// file, twice with --secret, or in both) is refused, as `secrets set` refuses it: the user
// meant one of the values and hookterm cannot tell which. Messages name secrets, never values.
func readSecrets(ctx context.Context, app *App, f runFlags) (map[string]string, error) {
	secrets := map[string]string{}
	if f.secretsFile != "" {
		b, err := readInput(ctx, app, f.secretsFile)
		if err != nil {
			if errors.As(err, new(targetInterrupted)) {
				return nil, err
			}
			return nil, runInput(fmt.Errorf("read secrets file: %w", err))
		}
		parsed, err := parseSecretsFile(b)
		if err != nil {
			return nil, runInput(fmt.Errorf("secrets file %s: %w", displayName(f.secretsFile), err))
		}
		secrets = parsed
	}
	fromFlag := map[string]bool{}
	for i, kv := range f.secrets {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || !names.ValidSecretName(k) {
			// Say which flag, not what it holds: it may be a value pasted without its name.
			return nil, runUsage(fmt.Errorf("--secret number %d is not NAME=VALUE with a name of letters, digits, '_' and '-' (1 to 128)", i+1))
		}
		if fromFlag[k] {
			return nil, runUsage(fmt.Errorf("secret %s is given twice with --secret: give each name once", k))
		}
		if _, inFile := secrets[k]; inFile {
			return nil, runUsage(fmt.Errorf("secret %s is given both with --secret and in --secrets-file %s: give each name once", k, displayName(f.secretsFile)))
		}
		fromFlag[k] = true
		secrets[k] = v
	}
	return secrets, nil
}

// parseSecretsFile reads a JSON object of strings or a .env file (NAME=VALUE lines, # comments,
// an optional `export `, values optionally in single or double quotes), optionally after a
// UTF-8 byte order mark. It is the one parser of `run --secrets-file` and `secrets set
// --from-file`, so a file one accepts the other accepts, with the same values. A name given
// twice is an error naming it (and, in a .env file, its two lines); so is a name that is not
// a secret name. Messages name secrets and lines, never values.
func parseSecretsFile(b []byte) (map[string]string, error) {
	b = bytes.TrimPrefix(b, utf8BOM)
	trimmed := bytes.TrimSpace(b)
	if len(trimmed) > 0 && trimmed[0] == '{' {
		return parseSecretsJSON(trimmed)
	}
	out := map[string]string{}
	lineOf := map[string]int{}
	for i, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(strings.TrimSuffix(line, "\r"))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		line = strings.TrimPrefix(line, "export ")
		k, v, ok := strings.Cut(line, "=")
		k = strings.TrimSpace(k)
		if !ok || !names.ValidSecretName(k) {
			// The line may be a value pasted without its name: say where it is, never what.
			return nil, fmt.Errorf("line %d: expected NAME=VALUE with a name of letters, digits, '_' and '-' (1 to 128)", i+1)
		}
		if first, seen := lineOf[k]; seen {
			return nil, fmt.Errorf("secret %s is given twice (lines %d and %d): give each name once", k, first, i+1)
		}
		lineOf[k] = i + 1
		v = strings.TrimSpace(v)
		if n := len(v); n >= 2 && (v[0] == '"' && v[n-1] == '"' || v[0] == '\'' && v[n-1] == '\'') {
			if v[0] == '"' {
				v = strings.NewReplacer(`\n`, "\n", `\"`, `"`, `\\`, `\`).Replace(v[1 : n-1])
			} else {
				v = v[1 : n-1]
			}
		} else if i := strings.Index(v, " #"); i >= 0 {
			v = strings.TrimSpace(v[:i])
		}
		out[k] = v
	}
	return out, nil
}

// parseSecretsJSON reads a JSON object of secrets token by token: encoding/json keeps the last
// of two equal keys without a word, and a duplicate must be refused here as in a .env file.
func parseSecretsJSON(b []byte) (map[string]string, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if _, err := dec.Token(); err != nil { // the '{' seen by the caller
		return nil, fmt.Errorf("invalid JSON: %w", err)
	}
	out := map[string]string{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("invalid JSON: %w", err)
		}
		k, _ := tok.(string) // object keys are always strings
		var v any
		if err := dec.Decode(&v); err != nil {
			return nil, fmt.Errorf("invalid JSON: %w", err)
		}
		if _, seen := out[k]; seen {
			shown := k
			if !names.ValidSecretName(k) {
				shown = strconv.Quote(k) // an odd key is quoted; a valid name reads as in a .env file
			}
			return nil, fmt.Errorf("secret %s is given twice: give each name once", shown)
		}
		if !names.ValidSecretName(k) {
			return nil, fmt.Errorf("%q is not a secret name: use letters, digits, '_' and '-' (1 to 128)", k)
		}
		switch v := v.(type) {
		case string:
			out[k] = v
		case json.Number:
			out[k] = v.String()
		case bool:
			out[k] = fmt.Sprint(v)
		default:
			return nil, fmt.Errorf("secret %q must be a string", k)
		}
	}
	if _, err := dec.Token(); err != nil { // the closing '}'
		return nil, fmt.Errorf("invalid JSON: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("invalid JSON: something follows the object")
	}
	return out, nil
}
