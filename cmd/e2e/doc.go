// Package e2e holds hookterm's end-to-end tests: they build the real binary, start it in tmux
// against a temporary data folder and read the screen, the way a person would use it. The
// package has no code of its own; see the _test.go files and README.md.
package e2e
