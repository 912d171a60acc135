package api

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
)

// SetSecrets adds new names (POST) before updating existing ones (PATCH). When the PATCH
// fails the POST has already been applied: the error used to be the PATCH's alone, so the
// user could not know that the new secrets were set.
func TestSetSecretsSaysWhatWasAddedWhenTheUpdateFails(t *testing.T) {
	f := newAPIFake()
	c := apiTestClient(t, f, TargetEmbedded)
	ctx := context.Background()
	h, err := c.CreateHook(ctx, Hook{Name: "h", Script: "module.exports = function (a, b, c, d, cb) { cb(); };", TriggerID: "credentials-exchange"})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.SetSecrets(ctx, h.ID, map[string]string{"OLD": "1"}); err != nil {
		t.Fatal(err)
	}
	f.fail = func(w http.ResponseWriter, r *http.Request) bool {
		if r.Method == http.MethodPatch && strings.HasSuffix(r.URL.Path, "/secrets") {
			apiFakeError(w, 403, "insufficient_scope", "Insufficient scope, expected any of: update:hooks")
			return true
		}
		return false
	}
	err = c.SetSecrets(ctx, h.ID, map[string]string{"OLD": "value-old", "NEW_B": "value-b", "NEW_A": "value-a"})
	if err == nil || !errors.Is(err, ErrForbidden) || !strings.Contains(err.Error(), "NEW_A, NEW_B were added") || strings.Contains(err.Error(), "OLD were added") {
		t.Fatalf("partial set: %v", err)
	}
	if strings.Contains(err.Error(), "value-") {
		t.Errorf("a value in the error: %v", err)
	}
}
