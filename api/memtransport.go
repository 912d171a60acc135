package api

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
)

// handlerTransport serves requests with an http.Handler in this process: the embedded tenant
// answers go-auth0 without a socket, so the embedded and remote targets share every line of
// client code above the transport.
type handlerTransport struct {
	h http.Handler
}

func (t handlerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := req.Context().Err(); err != nil {
		closeBody(req)
		return nil, err
	}
	// The handler sees what a server would: a request URI, a remote address, a body that is
	// never nil.
	sreq := req.Clone(req.Context())
	sreq.RequestURI = req.URL.RequestURI()
	sreq.RemoteAddr = "127.0.0.1:0"
	sreq.Host = req.URL.Host
	if sreq.Body == nil {
		sreq.Body = http.NoBody
	}
	w := &memResponseWriter{header: http.Header{}}
	t.h.ServeHTTP(w, sreq)
	closeBody(req)
	if w.code == 0 {
		w.code = http.StatusOK
	}
	if w.sent == nil {
		w.sent = w.header.Clone()
	}
	return &http.Response{
		Status:        fmt.Sprintf("%d %s", w.code, http.StatusText(w.code)),
		StatusCode:    w.code,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        w.sent,
		Body:          io.NopCloser(bytes.NewReader(w.body.Bytes())),
		ContentLength: int64(w.body.Len()),
		Request:       req,
	}, nil
}

func closeBody(req *http.Request) {
	if req.Body != nil {
		_ = req.Body.Close()
	}
}

// memResponseWriter records a handler's answer. Headers are frozen at WriteHeader, as on a
// real connection.
type memResponseWriter struct {
	header http.Header
	sent   http.Header
	code   int
	body   bytes.Buffer
}

func (w *memResponseWriter) Header() http.Header { return w.header }

func (w *memResponseWriter) WriteHeader(code int) {
	if w.code != 0 {
		return
	}
	w.code = code
	w.sent = w.header.Clone()
}

func (w *memResponseWriter) Write(p []byte) (int, error) {
	if w.code == 0 {
		w.WriteHeader(http.StatusOK)
	}
	return w.body.Write(p)
}

// newHandlerClient opens a client on an in-process handler with client credentials.
func newHandlerClient(ctx context.Context, h http.Handler, clientID, clientSecret string, target Target, retry RetryPolicy) (*Client, error) {
	return connect(ctx, connection{
		// The host is only a name here: no request leaves the process. Plain HTTP keeps the
		// token audience and URLs the same shape as a `hookterm serve` tenant's.
		host:      "embedded.hookterm.local",
		plainHTTP: true,
		clientID:  clientID, clientSecret: clientSecret,
		transport: handlerTransport{h: h},
		retry:     retry,
	}, target)
}

// embeddedRetryPolicy: an in-process handler has no network to fail, but 429s from the local
// tenant's token bucket are still honoured.
func embeddedRetryPolicy() RetryPolicy {
	return RetryPolicy{MaxRetries: 2, MaxDelay: DefaultRetryPolicy().MaxDelay}
}
