package nodelib

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/subtle"
	"strconv"
	"strings"

	"github.com/dop251/goja"
)

// Node's createCipheriv/createDecipheriv for AES (CBC, ECB, CTR, GCM) on Go's crypto/aes.
// Output is produced as Node produces it: CBC/ECB a block at a time (decryption holds the
// last block back for the padding), CTR and GCM as the data comes (GCM's keystream is CTR
// from the IV's second counter block; the tag is computed at final).

type cipherSpec struct {
	keyLen int
	mode   string // cbc, ecb, ctr, gcm
}

func lookupCipher(name string) (cipherSpec, bool) {
	name = strings.ToLower(name)
	switch name {
	case "aes128":
		name = "aes-128-cbc"
	case "aes192":
		name = "aes-192-cbc"
	case "aes256":
		name = "aes-256-cbc"
	}
	parts := strings.Split(name, "-")
	if len(parts) != 3 || parts[0] != "aes" {
		return cipherSpec{}, false
	}
	var s cipherSpec
	switch parts[1] {
	case "128":
		s.keyLen = 16
	case "192":
		s.keyLen = 24
	case "256":
		s.keyLen = 32
	default:
		return cipherSpec{}, false
	}
	switch parts[2] {
	case "cbc", "ecb", "ctr", "gcm":
		s.mode = parts[2]
	default:
		return cipherSpec{}, false
	}
	return s, true
}

var cipherNames = [...]string{"aes-128-cbc", "aes-128-ctr", "aes-128-ecb", "aes-128-gcm", "aes-192-cbc", "aes-192-ctr",
	"aes-192-ecb", "aes-192-gcm", "aes-256-cbc", "aes-256-ctr", "aes-256-ecb", "aes-256-gcm", "aes128", "aes192", "aes256"}

type aesCipher struct {
	spec     cipherSpec
	decrypt  bool
	block    cipher.Block
	cbc      cipher.BlockMode
	stream   cipher.Stream
	gcm      cipher.AEAD
	iv       []byte
	pending  []byte // CBC/ECB: bytes not yet forming a block (plus the held-back block)
	gcmData  []byte // GCM: all ciphertext or plaintext so far, for the tag
	aad      []byte
	tag      []byte
	padding  bool
	finished bool
}

// cipherError is a Node error kind: code, message, constructor.
type cipherError struct{ ctor, code, msg string }

func newAESCipher(name string, key, iv []byte, hasIV, decrypt bool) (*aesCipher, *cipherError) {
	spec, ok := lookupCipher(name)
	if !ok {
		lower := strings.ToLower(name)
		for _, family := range []string{"aes", "id-aes", "chacha20", "des", "bf", "camellia", "aria", "sm4", "cast", "idea", "rc2", "rc4", "seed"} {
			if strings.HasPrefix(lower, family) {
				// A cipher Node (OpenSSL) has and hookterm does not: say so rather than
				// claiming it does not exist.
				return nil, &cipherError{"Error", "ERR_HOOKTERM_NOT_SUPPORTED", "hookterm supports only AES in CBC, ECB, CTR and GCM modes, not " + name}
			}
		}
		return nil, &cipherError{"Error", "ERR_CRYPTO_UNKNOWN_CIPHER", "Unknown cipher"}
	}
	if len(key) != spec.keyLen {
		return nil, &cipherError{"RangeError", "ERR_CRYPTO_INVALID_KEYLEN", "Invalid key length"}
	}
	wantIV := map[string]int{"cbc": 16, "ecb": 0, "ctr": 16, "gcm": 12}[spec.mode]
	if spec.mode == "ecb" {
		if hasIV && len(iv) != 0 {
			return nil, &cipherError{"TypeError", "ERR_CRYPTO_INVALID_IV", "Invalid initialization vector"}
		}
	} else if spec.mode == "gcm" {
		if len(iv) != 12 {
			// Node accepts other GCM nonce sizes; hookterm computes GCM incrementally only
			// for the 12-byte nonces everyone uses.
			return nil, &cipherError{"Error", "ERR_HOOKTERM_NOT_SUPPORTED", "hookterm supports only 12-byte IVs for GCM"}
		}
	} else if len(iv) != wantIV {
		return nil, &cipherError{"TypeError", "ERR_CRYPTO_INVALID_IV", "Invalid initialization vector"}
	}
	b, err := aes.NewCipher(key)
	if err != nil {
		return nil, &cipherError{"RangeError", "ERR_CRYPTO_INVALID_KEYLEN", "Invalid key length"}
	}
	c := &aesCipher{spec: spec, decrypt: decrypt, block: b, iv: append([]byte(nil), iv...), padding: true}
	switch spec.mode {
	case "cbc":
		if decrypt {
			c.cbc = cipher.NewCBCDecrypter(b, iv)
		} else {
			c.cbc = cipher.NewCBCEncrypter(b, iv)
		}
	case "ctr":
		c.stream = cipher.NewCTR(b, iv)
	case "gcm":
		c.gcm, _ = cipher.NewGCM(b)
		ctr := make([]byte, 16)
		copy(ctr, iv)
		ctr[15] = 2 // J0 = IV || 1; the data starts at inc32(J0)
		c.stream = cipher.NewCTR(b, ctr)
	}
	return c, nil
}

func (c *aesCipher) update(data []byte) ([]byte, *cipherError) {
	if c.finished {
		return nil, &cipherError{"Error", "", "Trying to add data in unsupported state"}
	}
	switch c.spec.mode {
	case "ctr", "gcm":
		out := make([]byte, len(data))
		c.stream.XORKeyStream(out, data)
		if c.spec.mode == "gcm" {
			c.gcmData = append(c.gcmData, data...) // plaintext or ciphertext: the tag covers it
		}
		return out, nil
	}
	c.pending = append(c.pending, data...)
	n := len(c.pending) / 16 * 16
	if c.decrypt && c.padding && n == len(c.pending) && n > 0 {
		n -= 16 // hold the last block back: it carries the padding
	}
	out := make([]byte, n)
	c.blocks(out, c.pending[:n])
	c.pending = append([]byte(nil), c.pending[n:]...)
	return out, nil
}

func (c *aesCipher) blocks(dst, src []byte) {
	if c.spec.mode == "cbc" {
		c.cbc.CryptBlocks(dst, src)
		return
	}
	for i := 0; i < len(src); i += 16 {
		if c.decrypt {
			c.block.Decrypt(dst[i:i+16], src[i:i+16])
		} else {
			c.block.Encrypt(dst[i:i+16], src[i:i+16])
		}
	}
}

var (
	errBadDecrypt       = &cipherError{"Error", "ERR_OSSL_BAD_DECRYPT", "error:1C800064:Provider routines::bad decrypt"}
	errWrongFinalLength = &cipherError{"Error", "ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH", "error:1C80006B:Provider routines::wrong final block length"}
	errUnsupportedState = &cipherError{"Error", "", "Unsupported state"}
	errAuthenticate     = &cipherError{"Error", "", "Unsupported state or unable to authenticate data"}
)

func (c *aesCipher) final() ([]byte, *cipherError) {
	if c.finished {
		return nil, errUnsupportedState
	}
	c.finished = true
	switch c.spec.mode {
	case "ctr":
		return nil, nil
	case "gcm":
		if c.decrypt {
			if c.tag == nil {
				return nil, errAuthenticate
			}
			if _, err := c.gcm.Open(nil, c.iv, append(append([]byte(nil), c.gcmData...), c.tag...), c.aad); err != nil {
				return nil, errAuthenticate
			}
			return nil, nil
		}
		sealed := c.gcm.Seal(nil, c.iv, c.gcmData, c.aad)
		c.tag = sealed[len(sealed)-16:]
		return nil, nil
	}
	if !c.decrypt {
		if c.padding {
			p := 16 - len(c.pending)%16
			for i := 0; i < p; i++ {
				c.pending = append(c.pending, byte(p))
			}
		} else if len(c.pending)%16 != 0 {
			return nil, errWrongFinalLength
		}
		out := make([]byte, len(c.pending))
		c.blocks(out, c.pending)
		return out, nil
	}
	if len(c.pending)%16 != 0 {
		return nil, errWrongFinalLength
	}
	out := make([]byte, len(c.pending))
	c.blocks(out, c.pending)
	if !c.padding {
		return out, nil
	}
	if len(out) == 0 {
		return nil, errBadDecrypt
	}
	p := int(out[len(out)-1])
	if p == 0 || p > 16 || p > len(out) {
		return nil, errBadDecrypt
	}
	want := make([]byte, p)
	for i := range want {
		want[i] = byte(p)
	}
	if subtle.ConstantTimeCompare(out[len(out)-p:], want) != 1 {
		return nil, errBadDecrypt
	}
	return out[:len(out)-p], nil
}

// bindCipher adds the cipher entry point: cipher(name, key, iv, hasIV, decrypt) returns a
// handle {update, final, setAutoPadding, setAAD, getAuthTag, setAuthTag} or throws Node's
// error.
func (e *env) bindCipher(b goFuncs) {
	rt := e.rt
	throw := func(ce *cipherError) {
		obj := e.nodeError(ce.ctor, ce.code, ce.msg)
		if ce.code == "" {
			_ = obj.Delete("code")
		}
		panic(obj)
	}
	buf := func(p []byte) goja.Value { return rt.ToValue(rt.NewArrayBuffer(p)) }
	b["cipher"] = func(call goja.FunctionCall) goja.Value {
		var iv []byte
		hasIV := !goja.IsNull(call.Argument(2)) && !goja.IsUndefined(call.Argument(2))
		if hasIV {
			iv = e.bytesOf(call.Argument(2))
		}
		c, ce := newAESCipher(call.Argument(0).String(), e.bytesOf(call.Argument(1)), iv, hasIV, call.Argument(3).ToBoolean())
		if ce != nil {
			throw(ce)
		}
		h := rt.NewObject()
		_ = h.Set("update", func(call goja.FunctionCall) goja.Value {
			out, ce := c.update(e.bytesOf(call.Argument(0)))
			if ce != nil {
				throw(ce)
			}
			return buf(out)
		})
		_ = h.Set("final", func(goja.FunctionCall) goja.Value {
			out, ce := c.final()
			if ce != nil {
				throw(ce)
			}
			return buf(out)
		})
		_ = h.Set("setAutoPadding", func(call goja.FunctionCall) goja.Value {
			c.padding = call.Argument(0).ToBoolean()
			return goja.Undefined()
		})
		_ = h.Set("setAAD", func(call goja.FunctionCall) goja.Value {
			if c.spec.mode != "gcm" {
				throw(&cipherError{"Error", "", "Unsupported state"})
			}
			c.aad = append([]byte(nil), e.bytesOf(call.Argument(0))...)
			return goja.Undefined()
		})
		_ = h.Set("getAuthTag", func(goja.FunctionCall) goja.Value {
			if c.spec.mode != "gcm" || c.decrypt || !c.finished {
				throw(&cipherError{"Error", "", "Unsupported state"})
			}
			return buf(append([]byte(nil), c.tag...))
		})
		_ = h.Set("setAuthTag", func(call goja.FunctionCall) goja.Value {
			if c.spec.mode != "gcm" || !c.decrypt || c.finished {
				throw(&cipherError{"Error", "", "Unsupported state"})
			}
			tag := e.bytesOf(call.Argument(0))
			if len(tag) != 16 {
				throw(&cipherError{"TypeError", "ERR_CRYPTO_INVALID_AUTH_TAG", "Invalid authentication tag length: " + strconv.Itoa(len(tag))})
			}
			c.tag = append([]byte(nil), tag...)
			return goja.Undefined()
		})
		return h
	}
	b["ciphers"] = func(goja.FunctionCall) goja.Value {
		names := make([]interface{}, len(cipherNames))
		for i, n := range cipherNames {
			names[i] = n
		}
		return rt.NewArray(names...)
	}
}
