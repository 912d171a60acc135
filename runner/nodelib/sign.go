package nodelib

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"encoding/asn1"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"strings"

	"github.com/dop251/goja"
)

// crypto.sign/verify and createSign/createVerify for PEM keys (RSA PKCS#1 v1.5 and PSS,
// ECDSA with DER or IEEE P1363 signatures, Ed25519) on Go's standard library: what hooks
// use to sign JWTs (RS256, ES256, EdDSA) and check webhook signatures.

var errEncryptedKey = errors.New("encrypted private keys are not supported by hookterm")

func parsePrivateKey(pemText []byte) (crypto.Signer, error) {
	block, _ := pem.Decode(pemText)
	if block == nil {
		return nil, errors.New("error:1E08010C:DECODER routines::unsupported")
	}
	if strings.Contains(block.Type, "ENCRYPTED") || block.Headers["Proc-Type"] != "" {
		return nil, errEncryptedKey
	}
	switch block.Type {
	case "RSA PRIVATE KEY":
		return x509.ParsePKCS1PrivateKey(block.Bytes)
	case "EC PRIVATE KEY":
		return x509.ParseECPrivateKey(block.Bytes)
	case "PRIVATE KEY":
		k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
		if err != nil {
			return nil, err
		}
		if s, ok := k.(crypto.Signer); ok {
			return s, nil
		}
	}
	return nil, fmt.Errorf("unsupported private key type %q", block.Type)
}

func parsePublicKey(pemText []byte) (crypto.PublicKey, error) {
	block, _ := pem.Decode(pemText)
	if block == nil {
		return nil, errors.New("error:1E08010C:DECODER routines::unsupported")
	}
	switch block.Type {
	case "PUBLIC KEY":
		return x509.ParsePKIXPublicKey(block.Bytes)
	case "RSA PUBLIC KEY":
		return x509.ParsePKCS1PublicKey(block.Bytes)
	case "CERTIFICATE":
		c, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, err
		}
		return c.PublicKey, nil
	default:
		// Node verifies with the public half of a private key too.
		s, err := parsePrivateKey(pemText)
		if err != nil {
			return nil, err
		}
		return s.Public(), nil
	}
}

// signOptions are the key object's options: padding 6 is RSA_PKCS1_PSS_PADDING.
type signOptions struct {
	pss        bool
	saltLength int // -2 auto (Node's RSA_PSS_SALTLEN_MAX_SIGN), -1 digest length
	p1363      bool
}

func hashFor(alg string) (crypto.Hash, bool) {
	switch strings.ToLower(strings.TrimPrefix(strings.ToLower(alg), "rsa-")) {
	case "sha1", "sha-1", "sha1withrsaencryption":
		return crypto.SHA1, true
	case "sha224", "sha-224", "sha224withrsaencryption":
		return crypto.SHA224, true
	case "sha256", "sha-256", "sha256withrsaencryption", "ecdsa-with-sha256":
		return crypto.SHA256, true
	case "sha384", "sha-384", "sha384withrsaencryption", "ecdsa-with-sha384":
		return crypto.SHA384, true
	case "sha512", "sha-512", "sha512withrsaencryption", "ecdsa-with-sha512":
		return crypto.SHA512, true
	case "md5":
		return crypto.MD5, true
	}
	return 0, false
}

func digest(h crypto.Hash, data []byte) []byte {
	d := h.New()
	d.Write(data)
	return d.Sum(nil)
}

// signHash is the digest a sign or verify uses: the named one, SHA-256 when none is named
// (Node's default for crypto.sign with a null algorithm on RSA and EC keys).
func signHash(alg string, hasAlg bool) (crypto.Hash, error) {
	if !hasAlg {
		return crypto.SHA256, nil
	}
	h, ok := hashFor(alg)
	if !ok {
		return 0, fmt.Errorf("Invalid digest: %s", alg)
	}
	return h, nil
}

// pssOptions maps Node's saltLength (-2 RSA_PSS_SALTLEN_MAX_SIGN, -1 the digest length, or a
// length) to Go's.
func (o signOptions) pssOptions(h crypto.Hash) *rsa.PSSOptions {
	salt := rsa.PSSSaltLengthAuto
	if o.saltLength >= 0 {
		salt = o.saltLength
	} else if o.saltLength == -1 {
		salt = rsa.PSSSaltLengthEqualsHash
	}
	return &rsa.PSSOptions{SaltLength: salt, Hash: h}
}

func signData(alg string, hasAlg bool, data []byte, key crypto.Signer, o signOptions, rnd interface{ Read([]byte) (int, error) }) ([]byte, error) {
	if ek, ok := key.(ed25519.PrivateKey); ok {
		return ed25519.Sign(ek, data), nil
	}
	h, err := signHash(alg, hasAlg)
	if err != nil {
		return nil, err
	}
	sum := digest(h, data)
	switch k := key.(type) {
	case *rsa.PrivateKey:
		if o.pss {
			return rsa.SignPSS(rnd, k, h, sum, o.pssOptions(h))
		}
		return rsa.SignPKCS1v15(nil, k, h, sum)
	case *ecdsa.PrivateKey:
		r, s, err := ecdsa.Sign(rnd, k, sum)
		if err != nil {
			return nil, err
		}
		if o.p1363 {
			n := (k.Curve.Params().BitSize + 7) / 8
			out := make([]byte, 2*n)
			r.FillBytes(out[:n])
			s.FillBytes(out[n:])
			return out, nil
		}
		return asn1.Marshal(struct{ R, S *big.Int }{r, s})
	}
	return nil, errors.New("unsupported key type")
}

func verifyData(alg string, hasAlg bool, data []byte, key crypto.PublicKey, sig []byte, o signOptions) (bool, error) {
	if ek, ok := key.(ed25519.PublicKey); ok {
		return ed25519.Verify(ek, data, sig), nil
	}
	h, err := signHash(alg, hasAlg)
	if err != nil {
		return false, err
	}
	sum := digest(h, data)
	switch k := key.(type) {
	case *rsa.PublicKey:
		if o.pss {
			return rsa.VerifyPSS(k, h, sum, sig, o.pssOptions(h)) == nil, nil
		}
		return rsa.VerifyPKCS1v15(k, h, sum, sig) == nil, nil
	case *ecdsa.PublicKey:
		if o.p1363 {
			n := (k.Curve.Params().BitSize + 7) / 8
			if len(sig) != 2*n {
				return false, nil
			}
			return ecdsa.Verify(k, sum, new(big.Int).SetBytes(sig[:n]), new(big.Int).SetBytes(sig[n:])), nil
		}
		return ecdsa.VerifyASN1(k, sum, sig), nil
	}
	return false, errors.New("unsupported key type")
}

// bindSign adds sign(alg|null, data, keyPEM, opts) and verify(alg|null, data, keyPEM, sig, opts).
func (e *env) bindSign(b goFuncs) {
	rt := e.rt
	options := func(v goja.Value) signOptions {
		o := signOptions{saltLength: -2}
		obj, ok := v.(*goja.Object)
		if !ok {
			return o
		}
		if p := obj.Get("padding"); p != nil && !goja.IsUndefined(p) && p.ToInteger() == 6 {
			o.pss = true
		}
		if s := obj.Get("saltLength"); s != nil && !goja.IsUndefined(s) {
			o.saltLength = int(s.ToInteger())
		}
		if d := obj.Get("dsaEncoding"); d != nil && !goja.IsUndefined(d) && d.String() == "ieee-p1363" {
			o.p1363 = true
		}
		if p := obj.Get("passphrase"); p != nil && !goja.IsUndefined(p) {
			panic(e.nodeError("Error", "ERR_HOOKTERM_NOT_SUPPORTED", errEncryptedKey.Error()))
		}
		return o
	}
	fail := func(err error) {
		if errors.Is(err, errEncryptedKey) {
			panic(e.nodeError("Error", "ERR_HOOKTERM_NOT_SUPPORTED", err.Error()))
		}
		if strings.HasPrefix(err.Error(), "Invalid digest") {
			panic(e.nodeError("TypeError", "ERR_CRYPTO_INVALID_DIGEST", err.Error()))
		}
		panic(e.nodeError("Error", "ERR_OSSL_UNSUPPORTED", err.Error()))
	}
	b["sign"] = func(c goja.FunctionCall) goja.Value {
		opts := options(c.Argument(3))
		key, err := parsePrivateKey(e.bytesOf(c.Argument(2)))
		if err != nil {
			fail(err)
		}
		hasAlg := !goja.IsNull(c.Argument(0)) && !goja.IsUndefined(c.Argument(0))
		sig, err := signData(c.Argument(0).String(), hasAlg, e.bytesOf(c.Argument(1)), key, opts, e.rand())
		if err != nil {
			fail(err)
		}
		return rt.ToValue(rt.NewArrayBuffer(sig))
	}
	b["verify"] = func(c goja.FunctionCall) goja.Value {
		opts := options(c.Argument(4))
		key, err := parsePublicKey(e.bytesOf(c.Argument(2)))
		if err != nil {
			fail(err)
		}
		hasAlg := !goja.IsNull(c.Argument(0)) && !goja.IsUndefined(c.Argument(0))
		ok, err := verifyData(c.Argument(0).String(), hasAlg, e.bytesOf(c.Argument(1)), key, e.bytesOf(c.Argument(3)), opts)
		if err != nil {
			fail(err)
		}
		return rt.ToValue(ok)
	}
}
