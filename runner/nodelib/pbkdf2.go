package nodelib

import (
	"crypto/pbkdf2"
	"fmt"
)

// pbkdf2Key derives a key; a nil key without error means the digest is unknown.
func pbkdf2Key(digest string, password, salt []byte, iterations, keyLen int) ([]byte, error) {
	f := newHashFunc(digest)
	if f == nil {
		return nil, nil
	}
	key, err := pbkdf2.Key(f, string(password), salt, iterations, keyLen)
	if err != nil {
		return nil, fmt.Errorf("pbkdf2: %w", err)
	}
	return key, nil
}
