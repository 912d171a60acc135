package nodelib

import (
	"crypto/hkdf"
	"hash"

	"github.com/dop251/goja"
	"golang.org/x/crypto/scrypt"
)

// bindKDF adds hkdf(digest, ikm, salt, info, keylen) and scrypt(password, salt, keylen, N,
// r, p); both return an ArrayBuffer, null for an unknown digest, or throw Node's range
// error.
func (e *env) bindKDF(b goFuncs) {
	rt := e.rt
	b["hkdf"] = func(c goja.FunctionCall) goja.Value {
		f := newHashFunc(c.Argument(0).String())
		if f == nil {
			return goja.Null()
		}
		key, err := hkdf.Key(func() hash.Hash { return f() }, e.bytesOf(c.Argument(1)), e.bytesOf(c.Argument(2)),
			string(e.bytesOf(c.Argument(3))), int(c.Argument(4).ToInteger()))
		if err != nil {
			panic(e.nodeError("RangeError", "ERR_CRYPTO_INVALID_KEYLEN", "Invalid key length"))
		}
		return rt.ToValue(rt.NewArrayBuffer(key))
	}
	b["scrypt"] = func(c goja.FunctionCall) goja.Value {
		n, r, p := int(c.Argument(3).ToInteger()), int(c.Argument(4).ToInteger()), int(c.Argument(5).ToInteger())
		// Node's default memory limit (maxmem 32 MiB) bounds 128*N*r.
		if n > 0 && r > 0 && 128*n*r > 32<<20 {
			panic(e.nodeError("RangeError", "ERR_CRYPTO_INVALID_SCRYPT_PARAMS", "Invalid scrypt params: error:030000AC:digital envelope routines::memory limit exceeded"))
		}
		key, err := scrypt.Key(e.bytesOf(c.Argument(0)), e.bytesOf(c.Argument(1)), n, r, p, int(c.Argument(2).ToInteger()))
		if err != nil {
			panic(e.nodeError("RangeError", "ERR_CRYPTO_INVALID_SCRYPT_PARAMS", "Invalid scrypt params: "+err.Error()))
		}
		return rt.ToValue(rt.NewArrayBuffer(key))
	}
}
