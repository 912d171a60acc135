//go:build !unix

package tenant

import "errors"

// mapShm is unavailable here: the hook cache stays off and every read queries the database.
func mapShm(string) ([]byte, func() error, error) {
	return nil, nil, errors.New("no shared memory mapping on this platform")
}
